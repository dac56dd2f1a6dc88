import { Plans } from '../plans.js';
import type { DraftFinding } from '../../findings/draft.js';
import type { Severity } from '../../model.js';
import type { Content, Entry, EntryHeader } from '../../read/entry.js';
import type { AnalyzerResult } from '../../pass/content-analyzer.js';
import type { ContentCheck } from '../check.js';
import { checkFinding, sampleSeverity, sortFindings } from '../check-finding.js';
import { graver } from '../../util/order.js';
import { extensionOf, inDependencyTree, isSample } from '../path-facts.js';
import { headBound, partialNote, tailBound, textParts } from '../text-reach.js';
import { CONFIG_RULES } from './secret-config-rules.js';
import { fingerprints } from './secret-fingerprint.js';
import { PRIORITY_CONFIG, SecretScanner, type Candidate } from './secret-scanner.js';
import { BINARY_EXTENSIONS, LOCKFILES, isConfigLike } from '../text-files.js';

/** Bytes read of a config-like file inside a dependency tree. */
const DEPENDENCY_BYTES = 64 * 1024;
/** Partial reads named in the notes, at most. */
const MAX_NOTES = 50;
/** Bytes of a config-like file the assignment rules read (they are regexes: slower than the token scan). */
const CONFIG_RULE_BYTES = 256 * 1024;
/**
 * Distinct secrets reported, and places kept per secret: a hostile package can plant
 * millions. Each distinct secret costs one slow fingerprint (tens of milliseconds), so
 * this also bounds what fingerprints cost a scan.
 */
export const MAX_SECRETS = 2_000;
const MAX_PLACES = 20;

/**
 * JSON and XML inside dependency trees are mostly data and module config (thousands of
 * Magento di.xml); only names that suggest settings or credentials are read there.
 */
const DEPENDENCY_DATA_NAME = /config|settings|secret|credential|auth|key|token|env|production|parameters|local/;

interface Found {
  candidate: Candidate;
  line: number;
}

const NOTHING: readonly Found[] = [];
/**
 * Contents remembered as scanned (a release repeats files: locales, themes, copies), at
 * most: the copies worth remembering come early and often, and each costs ~0.25 KiB, so a
 * package of 500,000 small files would otherwise hold over 100 MiB of them for nothing.
 */
const MAX_CONTENTS = 65_536;

/**
 * full: token scan and literal passes; config: those and the assignment rules; urls: only
 * the `://` pass (lockfiles); tokens: only the token rules, which name a credential by its
 * own prefix (`sk_live_`, `AKIA`, `ghp_`): code of dependency trees, where a private
 * module may carry a live key and a public one carries examples of everything else.
 */
type Plan = 'full' | 'config' | 'urls' | 'tokens';

/** Code that dependency trees hold: read with the token rules. */
const DEPENDENCY_CODE = new Set(['php', 'phtml', 'inc', 'js', 'mjs', 'cjs', 'ts', 'jsx', 'tsx', 'py', 'rb', 'go', 'java', 'kt', 'cs', 'sh', 'twig', 'html', 'htm', 'vue']);

interface Place {
  path: string;
  line: number;
}

interface Secret {
  value: string;
  /** The rule that names it: the most specific of those that found it. */
  candidate: Candidate;
  /** The gravest over its places (a sample's copy counts as medium at most). */
  severity: Severity;
  places: Place[];
  count: number;
}

/**
 * Credentials inside text files. First-party files (outside node_modules, vendor and
 * the like) are read in full up to 2 MiB; inside dependency trees only small
 * config-like files outside tests and examples. Binaries are skipped.
 *
 * The value never leaves this class: a finding names the rule and the places (path and
 * line), nothing of the value; its id is made from the rule and a slow, salted
 * fingerprint of the value, so the same secret is one finding wherever and however often
 * it appears, and the id cannot be used to test guesses cheaply.
 */
export class SecretsCheck implements ContentCheck {
  readonly name = 'secrets';
  private readonly plans = new Plans<Plan>();
  private readonly secrets = new Map<string, Secret>();
  /** What each content already scanned held: a release repeats files (locales, themes, copies), and each is scanned once. */
  private readonly scanned = new Map<string, readonly Found[]>();
  private dropped = 0;
  private readonly notes: string[] = [];
  private partial = 0;

  wants(header: EntryHeader, base: string): number {
    if (header.size === 0) return 0;
    const lower = base.toLowerCase();
    const ext = extensionOf(lower);
    const sourceMap = ext === 'map';
    if (BINARY_EXTENSIONS.has(ext) && !sourceMap) return 0;
    const thirdParty = inDependencyTree(header.path);
    if (!thirdParty) {
      // first-party code and the trees a build fills from it (pub/static, generated/, .next, dist/): every text file
      this.plans.set(header, LOCKFILES.has(lower) ? 'urls' : isConfigLike(lower, ext) ? 'config' : 'full');
      return headBound(header.size, sourceMap);
    }
    if (isSample(header.path)) return 0;
    if (isConfigLike(lower, ext) && header.size <= DEPENDENCY_BYTES) {
      if ((ext === 'json' || ext === 'xml') && !DEPENDENCY_DATA_NAME.test(lower)) return 0;
      this.plans.set(header, 'config');
      return DEPENDENCY_BYTES;
    }
    // a dependency's source map holds the package's own sources, read where they are
    if (!DEPENDENCY_CODE.has(ext) || lower.endsWith('.d.ts')) return 0;
    this.plans.set(header, 'tokens');
    return headBound(header.size, sourceMap);
  }

  wantsTail(header: EntryHeader, base: string): number {
    const plan = this.plans.peek(header);
    return plan === undefined || (plan === 'config' && inDependencyTree(header.path)) ? 0 : tailBound(header.size, extensionOf(base.toLowerCase()) === 'map');
  }

  forget(header: EntryHeader): void {
    this.plans.forget(header);
  }

  take(entry: Entry, content: Content): void {
    const plan = this.plans.use(entry);
    if (plan === undefined) return;
    const slash = entry.path.lastIndexOf('/');
    const lower = entry.path.slice(slash + 1).toLowerCase();
    const dependency = inDependencyTree(entry.path);
    const sourceMap = extensionOf(lower) === 'map';
    // the pass reads as far as the hungriest analyser asked: scan no more than this check's bound
    const bound = plan === 'config' && dependency ? DEPENDENCY_BYTES : headBound(entry.size, sourceMap);
    const truncated = content.truncated || content.bytes.length > bound;
    if (plan !== 'config' || !dependency) {
      const note = partialNote(entry.path, entry.size, content, bound);
      if (note !== undefined && this.partial++ < MAX_NOTES) this.notes.push(note);
    }
    // the config rules read the name, and rank by where the file is: both are part of what was scanned
    const key = `${plan}\0${plan === 'config' ? lower : ''}\0${dependency ? 'd' : ''}\0${entry.sha256 ?? ''}\0${truncated ? 't' : ''}`;
    let found = entry.sha256 === undefined ? undefined : this.scanned.get(key);
    if (!found) {
      const fresh: Found[] = [];
      for (const part of textParts(content, entry.size, bound, sourceMap)) {
        for (const hit of this.scan(plan, part.bytes, lower, dependency)) {
          fresh.push(part.firstLine === undefined || part.source !== undefined ? { candidate: hit.candidate, line: 0 } : { candidate: hit.candidate, line: part.firstLine + hit.line - 1 });
        }
      }
      found = fresh;
      if (entry.sha256 !== undefined && this.scanned.size < MAX_CONTENTS) this.scanned.set(key, found.length === 0 ? NOTHING : found);
    }
    if (found.length === 0) return;
    const sample = isSample(entry.path);
    for (const { candidate, line } of found) {
      this.record(candidate, sample ? sampleSeverity(candidate.severity) : candidate.severity, { path: entry.path, line });
    }
  }

  private scan(plan: Plan, bytes: Buffer, lower: string, dependency: boolean): Found[] {
    const candidates = new SecretScanner(bytes).scan(plan === 'urls' ? 'urls' : plan === 'tokens' ? 'tokens' : 'all');
    const lines = linesOf(bytes, candidates.map((candidate) => candidate.index));
    if (plan === 'config') {
      const text = bytes.toString('utf8', 0, Math.min(bytes.length, CONFIG_RULE_BYTES));
      const hits: Candidate[] = [];
      for (const [order, rule] of CONFIG_RULES.entries()) {
        for (const hit of rule({ text, lower, dependency })) {
          hits.push({ rule: hit.rule, title: hit.title, severity: hit.severity, value: hit.value, index: hit.index, priority: PRIORITY_CONFIG + order });
        }
      }
      candidates.push(...hits);
      lines.push(...linesOf(text, hits.map((hit) => hit.index)));
    }
    return candidates.map((candidate, i) => ({ candidate, line: lines[i] ?? 0 }));
  }

  private record(candidate: Candidate, severity: Severity, place: Place): void {
    const key = candidate.value;
    let secret = this.secrets.get(key);
    if (!secret) {
      if (this.secrets.size >= MAX_SECRETS) {
        this.dropped++;
        return;
      }
      this.secrets.set(key, (secret = { value: candidate.value, candidate, severity, places: [], count: 0 }));
    } else {
      if (candidate.priority < secret.candidate.priority) secret.candidate = candidate;
      secret.severity = graver(secret.severity, severity);
    }
    if (secret.places.some((known) => known.path === place.path && known.line === place.line)) return;
    secret.count++;
    secret.places.push(place);
    // keep the first places in path order, whatever order the pass saw the files in
    if (secret.places.length > MAX_PLACES) {
      secret.places.sort(comparePlaces);
      secret.places.length = MAX_PLACES;
    }
  }

  async finish(): Promise<AnalyzerResult> {
    const secrets = [...this.secrets.values()];
    // one slow derivation per distinct value, after the pass (it never holds up reading)
    const prints = await fingerprints(secrets.map((secret) => secret.value));
    const findings: DraftFinding[] = [];
    for (const [i, secret] of secrets.entries()) {
      const places = secret.places.sort(comparePlaces);
      const [first, ...others] = places as [Place, ...Place[]];
      const more = secret.count - places.length;
      const where = secret.count > 1 ? `found in ${secret.count.toLocaleString('en-US')} places${more > 0 ? ` (the first ${places.length} are listed)` : ''}; ` : '';
      const finding = checkFinding({
        kind: 'secret',
        severity: secret.severity,
        rule: secret.candidate.rule,
        subject: prints[i] as string,
        subjectIsPath: false,
        // where it sits is part of the risk: a sample key that moves into served code is a new finding
        aspect: `${secret.candidate.rule}:${secret.severity}`,
        path: first.path,
        title: secret.candidate.title,
        detail: `${where}rotate it, then remove it from the release`,
      });
      finding.line = first.line;
      if (others.length > 0) finding.related = others.map((place) => ({ path: place.path, line: place.line }));
      findings.push(finding);
    }
    if (this.dropped > 0) findings.push(tooMany(this.dropped));
    const notes = [...this.notes];
    if (this.partial > MAX_NOTES) notes.push(`… and ${this.partial - MAX_NOTES} more files read in part`);
    return { findings: sortFindings(findings), notes };
  }
}

function comparePlaces(a: Place, b: Place): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}

function tooMany(dropped: number): DraftFinding {
  const severity: Severity = 'high';
  return checkFinding({
    kind: 'secret',
    severity,
    rule: 'too-many-secrets',
    subject: 'too-many-secrets',
    subjectIsPath: false,
    title: `More than ${MAX_SECRETS.toLocaleString('en-US')} distinct secrets: ${dropped.toLocaleString('en-US')} more were not reported`,
    detail: 'the package holds more credential-shaped values than the report lists; treat it as hostile',
  });
}

/** 1-based line numbers of offsets given in any order, in one pass forward over the text. */
function linesOf(text: Buffer | string, indices: readonly number[]): number[] {
  const order = indices.map((index, i) => [index, i] as const).sort((a, b) => a[0] - b[0]);
  const lines = new Array<number>(indices.length).fill(1);
  let line = 1;
  let next = text.indexOf('\n');
  for (const [index, i] of order) {
    while (next >= 0 && next < index) {
      line++;
      next = text.indexOf('\n', next + 1);
    }
    lines[i] = line;
  }
  return lines;
}
