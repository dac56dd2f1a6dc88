import type { DraftFinding } from '../../findings/draft.js';
import type { FileRecord } from '../../model.js';
import type { Manifest, ManifestCheck } from '../check.js';
import { checkFinding, examples, sortFindings } from '../check-finding.js';
import { hasParentComponent, isAbsoluteName } from './path-algebra.js';
import { FoldTable, NO_FOLDER, PrefixHashes, foldName, hashName, type NameHashes } from './fold-table.js';
import { parentOf } from '../path-facts.js';
import { shareAnExtractor } from './readings.js';

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that make a
// name read differently from what it is (`evil\u202Egnp.php` shows as `evilphp.png`).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const REPLACEMENT = '\uFFFD';

/** Characters of paths folded for the collision check, at most (a hostile package can make every name 64 KiB). */
const COLLISION_BUDGET = 50_000_000;

/**
 * Names an extractor may honour in ways the release did not mean: absolute and `..`
 * names, control and bidi characters, names that were not valid UTF-8 (the reader
 * decodes them with U+FFFD, which is how they are told here), entries stored more than
 * once (the last one wins on extraction), and names that collide once case is folded
 * or Unicode is normalised (one overwrites the other on macOS, Windows and
 * case-insensitive mounts).
 */
export class UnsafeNamesCheck implements ManifestCheck {
  readonly name = 'unsafe-names';

  check(manifest: Manifest): DraftFinding[] {
    const findings: DraftFinding[] = [];
    // a name is judged as stored (absolute, `..`) and where it lands; readings share names
    let judged: Set<string> | undefined;
    for (const file of manifest.files) {
      if (file.stored === undefined && file.by === undefined) {
        const finding = nameFinding(file.path);
        if (finding) findings.push(finding);
        continue;
      }
      judged ??= new Set();
      for (const name of file.stored === undefined ? [file.path] : [file.stored, file.path]) {
        if (judged.has(name)) continue;
        judged.add(name);
        const finding = nameFinding(name);
        if (finding) findings.push(finding);
        else if (name === file.stored && DOT_OR_EMPTY.test(name)) findings.push(nonCanonical(file.stored, file.path));
      }
    }
    findings.push(...duplicates(manifest.files), ...collisions(manifest.files));
    return sortFindings(findings);
  }
}

/** A `.` or empty component: the name reads otherwise than the place it names (a `..` or a leading `/` has findings of its own). */
const DOT_OR_EMPTY = /(?:^|\/)\.(?:\/|$)|\/\//;

/** A name extractors write elsewhere than it reads (`pub/./media/x.php` lands at `pub/media/x.php`): judged where it lands. */
function nonCanonical(stored: string, path: string): DraftFinding {
  return checkFinding({
    kind: 'unsafe-path',
    severity: 'medium',
    rule: 'non-canonical-name',
    subject: stored,
    path: stored,
    title: 'Entry name lands elsewhere than it reads (empty, . or .. components): judged where it lands',
    detail: `stored as ${JSON.stringify(stored)}, written at ${JSON.stringify(path)}; a listing of the package shows a name no file has on disk`,
  });
}

/** Anything the rules below look for, in one test: most names have none of it. */
// eslint-disable-next-line no-control-regex
const UNUSUAL = /^[/\\]|^[A-Za-z]:|\.\.|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/;

function nameFinding(path: string): DraftFinding | undefined {
  if (!UNUSUAL.test(path)) return undefined;
  const base = { kind: 'unsafe-path' as const, subject: path, path };
  if (isAbsoluteName(path)) {
    return checkFinding({
      ...base,
      severity: 'high',
      rule: 'absolute-path',
      title: 'Entry with an absolute name: an extractor may write it outside the release folder',
      detail: 'GNU tar strips the leading / by default; tar -P, older node-tar and Python tarfile without a filter do not',
    });
  }
  if (hasParentComponent(path)) {
    return checkFinding({
      ...base,
      severity: 'high',
      rule: 'path-traversal',
      title: 'Entry name climbs out of the release folder with ..',
      detail: 'a .. component (split on / and \\) lets an extractor write outside its target (tar-slip, zip-slip)',
    });
  }
  if (CONTROL.test(path)) {
    return checkFinding({
      ...base,
      severity: 'high',
      rule: 'control-character',
      title: 'Entry name holds control or bidirectional-override characters',
      detail: 'such names hide what a file is on a terminal or in a review (a name shown as .png can end in .php)',
    });
  }
  if (path.includes(REPLACEMENT)) {
    return checkFinding({
      ...base,
      severity: 'medium',
      rule: 'invalid-utf8',
      title: 'Entry name is not valid UTF-8',
      detail: 'extractors and file systems decode such names differently, so the name checked is not the name written',
    });
  }
  return undefined;
}

/** The sorted list keeps entries stored twice next to each other, in archive order. */
function duplicates(files: readonly FileRecord[]): DraftFinding[] {
  const findings: DraftFinding[] = [];
  for (let i = 0; i < files.length; ) {
    let j = i + 1;
    while (j < files.length && (files[j] as FileRecord).path === (files[i] as FileRecord).path) j++;
    if (j - i > 1) {
      // readings of one entry by different extractors are not copies: one extractor must write two of them
      const all = files.slice(i, j);
      const copies = all.every((file) => file.by === undefined) ? all : all.filter((file) => all.some((other) => other !== file && shareAnExtractor(file, other)));
      if (copies.length < 2) {
        i = j;
        continue;
      }
      const first = copies[0] as FileRecord;
      const same = copies.every((copy) => copy.type === first.type && copy.sha256 === first.sha256 && copy.link === first.link && copy.mode === first.mode && copy.uid === first.uid);
      const dirs = copies.every((copy) => copy.type === 'dir');
      // a folder stored twice only takes the later mode; a file or link stored twice can be swapped
      if (!(same && dirs)) {
        findings.push(
          checkFinding({
            kind: 'unsafe-path',
            severity: same || dirs ? 'low' : 'high',
            rule: 'duplicate-entry',
            subject: first.path,
            path: first.path,
            title: same ? `Entry stored ${copies.length} times, identically` : `Entry stored ${copies.length} times: a later copy replaces the earlier one on extraction`,
            detail: `in archive order: ${copies.map(describe).join(', then ')}`,
          }),
        );
      }
    }
    i = j;
  }
  return findings;
}

function describe(file: FileRecord): string {
  if (file.type === 'file') return `file ${file.mode} sha256 ${file.sha256?.slice(0, 12) ?? '?'}`;
  if (file.link !== undefined) return `${file.type} ${file.mode} → ${file.link}`;
  return `${file.type} ${file.mode}`;
}

/**
 * Names equal once folded (Unicode NFC, then lower case). Every entry and every folder
 * above one is noted by hash in one pass (a hash clash costs only a closer look); only
 * when two names fold the same are the names themselves gathered, and each clash is
 * reported where the names part: `A/x` and `a/x` clash at `A` and `a`, and only there.
 */
function collisions(files: readonly FileRecord[]): DraftFinding[] {
  // the usual package stores every folder as an entry: then whole names are enough.
  // Hashes go to typed arrays and are sorted (native, cache-friendly) instead of a hash table.
  const count = files.length;
  const folded = new Int32Array(count);
  const raw = new Int32Array(count);
  const folders = new Int32Array(count);
  const dirs: number[] = [];
  // prefix hashes resume from the folders a name shares with the one before (sorted): each character is hashed about once
  const hashes = new PrefixHashes();
  let spent = 0;
  for (let i = 0; i < count; i++) {
    const file = files[i] as FileRecord;
    spent += file.path.length;
    if (spent > COLLISION_BUDGET) return [budgetFinding()];
    hashes.of(file.path);
    const last = hashes.count - 1;
    folded[i] = hashes.folded[last] as number;
    raw[i] = hashes.raw[last] as number;
    folders[i] = last > 0 ? (hashes.raw[last - 1] as number) : NO_FOLDER;
    if (file.type === 'dir') dirs.push(raw[i] as number);
  }
  // a folder no entry stands for: every folder prefix of every name needs a look
  const stored = Int32Array.from(dirs).sort();
  for (let i = 0; i < count; i++) {
    const folder = folders[i] as number;
    if (folder !== NO_FOLDER && !includes(stored, folder)) return prefixCollisions(files);
  }
  // equal folded hashes sit together once sorted; a clash is one with two different raw names
  const sorted = Int32Array.from(folded).sort();
  const repeated = new Set<number>();
  for (let i = 1; i < count; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i] as number);
  if (repeated.size === 0) return [];
  const firstRaw = new Map<number, number>();
  const suspects = new Set<number>();
  for (let i = 0; i < count; i++) {
    const key = folded[i] as number;
    if (!repeated.has(key)) continue;
    const seen = firstRaw.get(key);
    if (seen === undefined) firstRaw.set(key, raw[i] as number);
    else if (seen !== raw[i]) suspects.add(key);
  }
  return suspects.size === 0 ? [] : report(files, suspects, (path, note) => {
    note(path);
  });
}

/** Binary search in a sorted Int32Array. */
function includes(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle] as number;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle;
  }
  return false;
}

/** Collisions where folders are not all entries: every folder prefix of every name is noted too. */
function prefixCollisions(files: readonly FileRecord[]): DraftFinding[] {
  const table = new FoldTable();
  const suspects = new Set<number>();
  const hashes = new PrefixHashes();
  let spent = 0;
  for (const file of files) {
    const path = file.path;
    spent += path.length;
    if (spent > COLLISION_BUDGET) return [budgetFinding()];
    hashes.of(path);
    // folders shared with the previous name (the list is sorted) were noted with it
    for (let i = hashes.fresh; i < hashes.count; i++) {
      const folded = hashes.folded[i] as number;
      if (table.clashes(folded, hashes.raw[i] as number)) suspects.add(folded);
    }
  }
  if (suspects.size === 0) return [];
  const again = new PrefixHashes();
  return report(files, suspects, (path, note) => {
    again.of(path);
    for (let i = 0; i < again.count; i++) if (suspects.has(again.folded[i] as number)) note(path.slice(0, again.ends[i]));
  });
}

/**
 * The rare case: gather the names behind the suspect hashes (`names` hands each name
 * or prefix worth a look to `note`), keep the real clashes, and report each where the
 * names part.
 */
function report(files: readonly FileRecord[], suspects: ReadonlySet<number>, names: (path: string, note: (name: string) => void) => void): DraftFinding[] {
  const groups = new Map<string, Set<string>>();
  const hashes: NameHashes = { raw: 0, folded: 0, folder: NO_FOLDER };
  const note = (name: string): void => {
    if (!suspects.has(hashName(name, hashes).folded)) return;
    const folded = foldName(name);
    let group = groups.get(folded);
    if (!group) groups.set(folded, (group = new Set()));
    group.add(name);
  };
  for (const file of files) names(file.path, note);
  const findings: DraftFinding[] = [];
  for (const members of groups.values()) {
    const group = [...members].sort();
    const parent = parentOf(group[0] as string);
    if (members.size < 2 || !group.every((path) => parentOf(path) === parent)) continue; // reported where the folders part
    const unicode = group.some((a, i) => group.some((b, k) => k !== i && a.normalize('NFC') === b.normalize('NFC')));
    findings.push(
      checkFinding({
        kind: 'unsafe-path',
        severity: 'medium',
        rule: unicode ? 'unicode-collision' : 'case-collision',
        subject: group.join('\0'),
        path: group[0] as string,
        title: unicode
          ? 'Names that are the same text in another Unicode normalisation: one overwrites the other on some file systems'
          : 'Names that differ only in case: one overwrites the other on case-insensitive file systems',
        detail: `the colliding names: ${examples(group.map((path) => JSON.stringify(path)))}`,
      }),
    );
  }
  return findings;
}

function budgetFinding(): DraftFinding {
  return checkFinding({
    kind: 'unsafe-path',
    severity: 'high',
    rule: 'names-not-judged',
    subject: 'names',
    subjectIsPath: false,
    title: 'Names too many or too long to check them all for collisions',
    detail: `the names add up to more than ${COLLISION_BUDGET.toLocaleString('en-US')} characters; treat the package as hostile`,
  });
}
