import type { DraftFinding } from '../../findings/draft.js';
import type { Severity } from '../../model.js';
import type { Content, Entry, EntryHeader } from '../../read/entry.js';
import type { AnalyzerResult } from '../../pass/content-analyzer.js';
import type { ContentCheck } from '../check.js';
import { checkFinding, sampleSeverity, sortFindings } from '../check-finding.js';
import { sniffSql, gunzipStart, isCoreDump, magicOf, unzstdStart, type DumpVerdict } from './dump-sniff.js';
import { credentialAssignments } from '../secrets/env-file.js';
import { extensionOf, inDependencyTree, inSampleFolder, isSample } from '../path-facts.js';
import { isPlaceholder } from '../secrets/placeholder.js';

/** What a file is read as, by its name (and where it is). */
type Sniff = 'env' | 'key' | 'composer-auth' | 'registry-config' | 'sql' | 'packed-dump' | 'sqlite' | 'core' | 'phpunit-eval' | 'diagnostic' | 'first-party' | 'magic';

/** Leading bytes each kind needs: enough to decide, never the whole of a large file. */
const BOUNDS: Record<Sniff, number> = {
  env: 64 * 1024,
  key: 64 * 1024,
  'composer-auth': 64 * 1024,
  'registry-config': 16 * 1024,
  sql: 16 * 1024,
  'packed-dump': 16 * 1024,
  sqlite: 16,
  core: 20,
  'phpunit-eval': 4096,
  diagnostic: 8192,
  'first-party': 64 * 1024,
  // enough of a compressed stream for a whole first block of a dump
  magic: 64 * 1024,
};

/** `.env` files that are templates by name. Their values still go through the secret rules. */
const ENV_TEMPLATE = /^\.env\.(?:example|dist|sample|template|tmpl|defaults|schema|skeleton|test|testing|ci)(?:\.|$)|\.example$|\.dist$|\.sample$/;
const PACKED_DUMP = /\.(?:sql\.(?:gz|bz2|xz|zst|zip)|dump|mysql|pgsql)$/;
const CORE_NAME = /^(?:core|core\.\d+|.+\.core|vgcore\.\d+)$/;
/** Extensions a renamed dump hides under (and no extension at all). */
const RENAMED_DUMP = /^(?:|txt|bak|old|backup|orig|dump|out|data|dat|tmp|save|export)$/;
const DIAGNOSTIC_NAME = new Set(['info.php', 'i.php', 'test.php', 'dump.php', 'php.php', 'pi.php']);

interface Decided {
  severity: Severity;
  rule: string;
  title: string;
  detail: string;
}

/**
 * Files that must never ship when their bytes say so: `.env` files with credential
 * values, PEM files with a private key, Composer `auth.json` and registry configs with
 * tokens, database dumps by name and by content (compressed ones too), SQLite
 * databases, ELF core dumps, PHPUnit's `eval-stdin.php` and phpinfo scripts. Reads a
 * few KiB of the files it names; first-party files of no known binary type get their
 * first KiB sniffed for a dump or a core dump under another name.
 */
export class SensitiveContentCheck implements ContentCheck {
  readonly name = 'sensitive-content';
  private readonly sniffs = new WeakMap<EntryHeader, Sniff>();
  private readonly findings: DraftFinding[] = [];

  wants(header: EntryHeader, base: string): number {
    const sniff = classify(header.path, base);
    if (sniff === undefined) return 0;
    this.sniffs.set(header, sniff);
    return BOUNDS[sniff];
  }

  take(entry: Entry, content: Content): void {
    const sniff = this.sniffs.get(entry);
    if (sniff === undefined) return;
    // the pass reads as far as the hungriest check asked: look at no more than this check's bound
    const decided = decide(sniff, entry, content.bytes.subarray(0, BOUNDS[sniff]));
    if (!decided) return;
    this.findings.push(
      checkFinding({
        kind: 'sensitive-file',
        severity: inSampleFolder(entry.path) ? sampleSeverity(decided.severity) : decided.severity,
        rule: decided.rule,
        subject: entry.path,
        path: entry.path,
        title: decided.title,
        detail: decided.detail,
      }),
    );
  }

  finish(): AnalyzerResult {
    return { findings: sortFindings(this.findings) };
  }
}

function classify(path: string, base: string): Sniff | undefined {
  const lower = base.toLowerCase();
  const sniff = byName(lower) ?? (inDependencyTree(path) ? undefined : firstPartyByName(lower));
  // third-party tests, fixtures and examples ship sample keys and dumps on purpose
  if (sniff !== undefined && sniff !== 'first-party' && inDependencyTree(path) && isSample(path)) return undefined;
  return sniff;
}

const PACKED_EXTENSIONS = new Set(['gz', 'bz2', 'xz', 'zst', 'zip', 'dump', 'mysql', 'pgsql']);

/** Names read wherever they are. */
function byName(lower: string): Sniff | undefined {
  if (lower.startsWith('.env') || lower.endsWith('.env')) return ENV_TEMPLATE.test(lower) ? undefined : 'env';
  const ext = extensionOf(lower);
  if (ext === 'pem' || ext === 'key') return 'key';
  if (ext === 'sql') return 'sql';
  if (lower === 'auth.json') return 'composer-auth';
  if (lower === '.npmrc' || lower === '.yarnrc' || lower === '.yarnrc.yml' || lower === '.pypirc') return 'registry-config';
  if (lower === 'eval-stdin.php') return 'phpunit-eval';
  if (PACKED_EXTENSIONS.has(ext) && PACKED_DUMP.test(lower)) return 'packed-dump';
  return undefined;
}

/** Names read in first-party folders only. */
function firstPartyByName(lower: string): Sniff | undefined {
  const ext = extensionOf(lower);
  if (ext === 'sqlite' || ext === 'sqlite3' || ext === 'db' || ext === 'db3') return lower === 'thumbs.db' ? undefined : 'sqlite';
  if (CORE_NAME.test(lower)) return 'core';
  if (DIAGNOSTIC_NAME.has(lower)) return 'diagnostic';
  // a renamed dump or core dump hides under no extension or a backup's; any other name is
  // judged by its magic bytes alone (a SQLite database or a gzipped dump named `.data`, `.jpg`)
  return RENAMED_DUMP.test(ext) ? 'first-party' : 'magic';
}

function decide(sniff: Sniff, entry: Entry, bytes: Buffer): Decided | undefined {
  const dependency = inDependencyTree(entry.path);
  switch (sniff) {
    case 'env':
      return envFile(bytes, dependency);
    case 'key':
      return keyFile(bytes, dependency, extensionOf(entry.path));
    case 'composer-auth':
      return composerAuth(bytes);
    case 'registry-config':
      return registryConfig(bytes);
    case 'sql': {
      const verdict = sniffSql(bytes.toString('latin1'));
      return verdict && dumpFinding(verdict, dependency);
    }
    case 'packed-dump':
      return packedDump(bytes, dependency);
    case 'sqlite':
      return magicOf(bytes) === 'SQLite database'
        ? { severity: 'high', rule: 'database-file', title: 'SQLite database ships', detail: 'a database file holds whatever the application stored: users, orders, sessions' }
        : undefined;
    case 'core':
      return isCoreDump(bytes) ? coreDump() : undefined;
    case 'phpunit-eval':
      return phpunitEval(bytes);
    case 'diagnostic':
      return /phpinfo\s*\(/i.test(bytes.toString('latin1'))
        ? { severity: 'high', rule: 'diagnostic-script', title: 'phpinfo() script ships: it prints the environment, secrets included', detail: 'anyone who finds it sees the configuration, paths and environment variables' }
        : undefined;
    case 'magic':
      return byMagic(bytes, entry.path);
    case 'first-party': {
      const binary = byMagic(bytes, entry.path);
      if (binary) return binary;
      if (bytes.indexOf(0) >= 0) return undefined;
      const verdict = sniffSql(bytes.toString('latin1'));
      if (!verdict) return undefined;
      // code builds SQL too: under a code file's name only a dump tool's header counts
      const headerless = verdict.what === 'SQL data statements';
      return !headerless || RENAMED_DUMP.test(extensionOf(entry.path)) ? dumpFinding(verdict, false) : undefined;
    }
  }
}

/** Names a compressed stream may carry honestly. */
const COMPRESSED_NAME = /\.(?:gz|tgz|z|bz2|tbz2?|xz|txz|zst|tzst|lzma|svgz)$/i;

/**
 * What the first bytes say, whatever the name: a SQLite database, a core dump, a
 * compressed stream of SQL (gzip and zstd are decoded), or a bzip2 or xz stream under a
 * name that hides it (`db-2026.data`): names lie, magic bytes do not.
 */
function byMagic(bytes: Buffer, path: string): Decided | undefined {
  if (isCoreDump(bytes)) return coreDump();
  const magic = magicOf(bytes);
  switch (magic) {
    case undefined:
      return undefined;
    case 'SQLite database':
      return { severity: 'high', rule: 'database-file', title: 'SQLite database ships', detail: 'a database file holds whatever the application stored: users, orders, sessions; this one is told by its header, whatever its name' };
    case 'PostgreSQL custom-format dump':
      return dumpFinding({ dump: true, storeData: false, what: 'a PostgreSQL custom-format dump (pg_dump -Fc)' }, false);
    case 'gzip':
    case 'zstd': {
      const start = magic === 'gzip' ? gunzipStart(bytes) : unzstdStart(bytes);
      const verdict = start && start.subarray(0, 8192).indexOf(0) < 0 ? sniffSql(start.toString('latin1')) : undefined;
      return verdict && dumpFinding({ ...verdict, what: `${magic}-compressed: ${verdict.what}` }, false);
    }
    default:
      return COMPRESSED_NAME.test(path)
        ? undefined
        : {
            severity: 'medium',
            rule: 'hidden-archive',
            title: `${magic} stream under a name that hides it`,
            detail: 'compressed data named as something else is how dumps and backups are smuggled past name rules; check what it holds',
          };
  }
}

function envFile(bytes: Buffer, dependency: boolean): Decided | undefined {
  const credentials = credentialAssignments(bytes.toString('utf8'));
  if (credentials.length === 0) return undefined;
  const keys = [...new Set(credentials.map((assignment) => assignment.key))];
  return {
    severity: dependency ? 'medium' : 'critical',
    rule: 'env-file',
    title: 'Environment file with credentials ships',
    detail: `it sets ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ` and ${keys.length - 8} more` : ''}; environment files belong on the server (shared/), never in the release`,
  };
}

const PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY(?: BLOCK)?-----/;

function keyFile(bytes: Buffer, dependency: boolean, ext: string): Decided | undefined {
  const text = bytes.toString('latin1');
  const block = PRIVATE_KEY.exec(text);
  if (block) {
    const encrypted = /ENCRYPTED/.test(block[1] ?? '') || /Proc-Type:\s*4,ENCRYPTED/.test(text);
    return {
      severity: dependency || encrypted ? 'high' : 'critical',
      rule: 'private-key-file',
      title: `Private key file ships${encrypted ? ' (encrypted)' : ''}`,
      detail: `it holds a ${(block[1] ?? '').trim() || 'PEM'} PRIVATE KEY block: whoever has it can impersonate the server, sign tokens or log in`,
    };
  }
  // a .pem with certificates or public keys only is fine; a .key that is not PEM may be a raw key
  if (ext === 'key' && !dependency && !/-----BEGIN [A-Z0-9 ]*(?:PUBLIC KEY|CERTIFICATE)/.test(text) && bytes.length > 0) {
    return { severity: 'medium', rule: 'private-key-file', title: 'Key file ships', detail: 'a .key file that is not a PEM public key or certificate: often a raw private key or a licence key' };
  }
  return undefined;
}

/** Composer's credential sections (https://getcomposer.org/doc/articles/authentication-for-private-packages.md). */
const COMPOSER_SECTIONS = ['http-basic', 'github-oauth', 'gitlab-token', 'gitlab-oauth', 'bitbucket-oauth', 'bearer', 'forgejo-token'];

function composerAuth(bytes: Buffer): Decided | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    // not JSON (or cut at the bound): fall back to the section names
    const text = bytes.toString('utf8');
    return COMPOSER_SECTIONS.some((section) => text.includes(`"${section}"`)) && /"(?:password|[\w.-]+)"\s*:\s*"[^"$%{]{8,}"/.test(text) ? composerFinding(['unparsed'], text.includes('repo.magento.com')) : undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const hosts: string[] = [];
  for (const section of COMPOSER_SECTIONS) {
    const entries = (parsed as Record<string, unknown>)[section];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [host, value] of Object.entries(entries as Record<string, unknown>)) {
      if (hasRealValue(value)) hosts.push(`${section} ${host}`);
    }
  }
  if (hosts.length === 0) return undefined;
  return composerFinding(hosts, hosts.some((host) => host.includes('repo.magento.com')));
}

function hasRealValue(value: unknown): boolean {
  if (typeof value === 'string') return !isPlaceholder(value, { words: 'standalone' }) && value.length >= 6;
  if (typeof value === 'object' && value !== null) return Object.values(value as Record<string, unknown>).some(hasRealValue);
  return false;
}

function composerFinding(hosts: string[], magento: boolean): Decided {
  return {
    severity: 'critical',
    rule: 'composer-auth',
    title: magento ? 'Composer auth.json with repo.magento.com access keys ships' : 'Composer auth.json with credentials ships',
    detail: `credentials for ${hosts.slice(0, 6).join(', ')}; they give access to private packages (and to Adobe Commerce licences for repo.magento.com)`,
  };
}

const REGISTRY_TOKEN = /^[ \t]*(?:\/\/[^\s=]*:)?(_authToken|_auth|_password|npmAuthToken|npmAuthIdent|npmPassword|password)[ \t]*[=:][ \t]*["']?([^\s"'#]+)/gim;

function registryConfig(bytes: Buffer): Decided | undefined {
  const text = bytes.toString('utf8');
  const found = new Set<string>();
  for (const match of text.matchAll(REGISTRY_TOKEN)) {
    if (!isPlaceholder(match[2] as string, { words: 'standalone' })) found.add(match[1] as string);
  }
  if (found.size === 0) return undefined;
  return {
    severity: 'critical',
    rule: 'registry-token-file',
    title: 'Package-registry config with a token or password ships (.npmrc, .yarnrc, .pypirc)',
    detail: `it sets ${[...found].join(', ')}: whoever reads it can install private packages or publish as you`,
  };
}

function dumpFinding(verdict: DumpVerdict, dependency: boolean): Decided {
  return {
    severity: verdict.storeData ? 'critical' : dependency ? 'medium' : 'high',
    rule: 'database-dump',
    title: verdict.storeData ? 'Database dump with customer, order or admin tables ships' : 'Database dump ships',
    detail: `${verdict.what}; dumps hold personal data and password hashes and are downloaded as they are`,
  };
}

function packedDump(bytes: Buffer, dependency: boolean): Decided | undefined {
  const magic = magicOf(bytes);
  if (magic === 'gzip') {
    const start = gunzipStart(bytes);
    const verdict = start && sniffSql(start.toString('latin1'));
    if (verdict) return dumpFinding({ ...verdict, what: `gzip-compressed: ${verdict.what}` }, dependency);
  }
  if (dependency && magic === undefined) return undefined;
  return {
    severity: dependency ? 'medium' : 'high',
    rule: 'database-dump',
    title: 'Database dump ships (by its name)',
    detail: `${magic ? `${magic} data` : 'a file'} named as a dump; dumps hold personal data and password hashes`,
  };
}

function coreDump(): Decided {
  return {
    severity: 'critical',
    rule: 'core-dump',
    title: 'Core dump ships: a copy of a process’s memory',
    detail: 'an ELF core file holds whatever the process had in memory: keys, sessions, card data in flight',
  };
}

function phpunitEval(bytes: Buffer): Decided {
  const vulnerable = bytes.includes('php://input');
  return {
    severity: vulnerable ? 'critical' : 'medium',
    rule: 'phpunit-eval-stdin',
    title: vulnerable ? 'PHPUnit eval-stdin.php that runs code from any HTTP request ships (CVE-2017-9841)' : 'PHPUnit eval-stdin.php ships (development tooling in the release)',
    detail: vulnerable
      ? 'it evaluates the body of a POST request as PHP: unauthenticated remote code execution wherever vendor/ is reachable'
      : 'this copy reads php://stdin, not the request; PHPUnit still does not belong in a production release',
  };
}
