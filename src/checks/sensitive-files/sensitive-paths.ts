import type { DraftFinding } from '../../findings/draft.js';
import type { FileRecord, Severity } from '../../model.js';
import type { Manifest, ManifestCheck } from '../check.js';
import { checkFinding, examples, sampleSeverity, sortFindings } from '../check-finding.js';
import { graver } from '../../util/order.js';
import { baseName, extensionOf, inDependencyTree, isSample } from '../path-facts.js';
import { PATH_RULES, type PathFacts, type PathRule } from './sensitive-path-rules.js';

const EXAMPLES = 5;

interface Hit {
  rule: PathRule;
  subject: string;
  severity: Severity;
  entries: number;
  files: string[];
}

/**
 * Files and folders that must never ship, by name (the catalogue of
 * sensitive-path-rules.ts). A folder rule gives one finding per folder, however many
 * entries it holds (`.git/` is one finding, not two thousand); a file rule one per file.
 */
export class SensitivePathsCheck implements ManifestCheck {
  readonly name = 'sensitive-paths';

  constructor(private readonly rules: readonly PathRule[] = PATH_RULES) {}

  check(manifest: Manifest): DraftFinding[] {
    const hits = new Map<string, Hit>();
    for (const file of manifest.files) {
      if (file.type !== 'file' && file.type !== 'dir' && file.type !== 'hardlink') continue;
      if (isOrdinary(file)) continue;
      const facts = factsOf(file);
      for (const rule of this.rules) {
        if (rule.scope === 'first-party' && facts.dependency) continue;
        const subject = rule.match(facts);
        if (subject === undefined) continue;
        // asked only of the few entries a rule matched: most entries never pay for it
        const sample = isSample(file.path);
        if (rule.scope === 'not-samples' && facts.dependency && sample) continue;
        const ruled = typeof rule.severity === 'function' ? rule.severity(facts) : rule.severity;
        const severity = sample ? sampleSeverity(ruled) : ruled;
        const key = `${rule.rule}\0${subject}`;
        const hit = hits.get(key);
        if (hit) {
          hit.entries++;
          hit.severity = graver(hit.severity, severity);
          if (hit.files.length < EXAMPLES && file.path !== subject) hit.files.push(file.path);
        } else {
          hits.set(key, { rule, subject, severity, entries: 1, files: file.path !== subject ? [file.path] : [] });
        }
        break;
      }
    }
    const findings: DraftFinding[] = [];
    for (const hit of hits.values()) {
      const inside = hit.rule.kind === 'folder' && hit.entries > 0 ? `; ${hit.entries.toLocaleString('en-US')} ${hit.entries === 1 ? 'entry' : 'entries'}${hit.files.length > 0 ? `, e.g. ${examples(hit.files, EXAMPLES)}` : ''}` : '';
      findings.push(
        checkFinding({
          kind: 'sensitive-file',
          severity: hit.severity,
          rule: hit.rule.rule,
          subject: hit.subject,
          path: hit.subject,
          title: hit.rule.title,
          detail: `${hit.rule.detail}${inside}`,
        }),
      );
    }
    return sortFindings(findings);
  }
}

/** Extensions of ordinary code, docs and assets: such a file matches a rule only through a folder it is in. */
const ORDINARY = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts', 'md', 'markdown', 'css', 'scss', 'sass', 'less', 'html', 'htm', 'svg', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'woff', 'woff2', 'ttf', 'eot', 'otf', 'txt', 'flow', 'coffee', 'vue', 'svelte', 'hbs', 'ejs', 'twig', 'less', 'styl', 'wasm', 'node']);
/**
 * PHP, JSON, XML and YAML files that some rule names: any other file of these
 * extensions is ordinary (vendor/ alone holds tens of thousands of them).
 */
const NAMED = /^(?:env|wp-config.*|parameters|settings\.inc|\.env\.local|phpinfo|adminer.*|installer|.*_dev)\.php$| copy| \(\d|_bak|_old|_orig|credential|service-account|sftp|ftpconfig|remote-sync|deployment-config|sitemanager|recentservers|^config\.json$|^parameters\.yml$/;
const NAMED_EXTENSIONS = new Set(['php', 'json', 'xml', 'yml']);

/** A script's extension before the last one (`x.php.txt`, `x.phtml.html`). */
const SCRIPT_INSIDE = /\.(?:php\d?|phtml)\./i;

/** Folders some rule is about (version control, IDE, backups, logs, sessions, uploads, phpMyAdmin). */
const FOLDER_HINT = /\.(?:git|svn|hg|bzr|idea)(?:\/|$)|CVS|_darcs|phpmyadmin|var\/|storage\/|backup|wp-content\/|pub\/media\//i;

/**
 * No rule can match: a folder no folder rule is about, or an ordinary code, doc or
 * asset file outside such folders. Decided from the name's tail and one regex, before
 * anything is allocated: most entries of a release end here.
 */
function isOrdinary(file: FileRecord): boolean {
  const path = file.path;
  if (file.type === 'dir') return !FOLDER_HINT.test(path);
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  if (dot <= slash + 1) return false;
  const ext = path.slice(dot + 1);
  const ordinary = ORDINARY.has(ext) || (NAMED_EXTENSIONS.has(ext) && !NAMED.test(path.slice(slash + 1).toLowerCase()));
  // `wp-config.php.txt`: a script's source under an ordinary extension is no ordinary file
  const scriptInside = path.lastIndexOf('.', dot - 1) > slash && SCRIPT_INSIDE.test(path.slice(slash + 1));
  return ordinary && !scriptInside && !FOLDER_HINT.test(path);
}

function factsOf(file: Pick<FileRecord, 'path' | 'type'>): PathFacts {
  const base = baseName(file.path);
  const lower = base.toLowerCase();
  return { path: file.path, base, lower, ext: extensionOf(lower), isDir: file.type === 'dir', dependency: inDependencyTree(file.path) };
}
