import type { DraftFinding } from '../../findings/draft.js';
import type { FileRecord } from '../../model.js';
import type { Manifest, ManifestCheck } from '../check.js';
import { checkFinding, examples, sortFindings } from '../check-finding.js';
import { components, isAbsoluteName, lexicalPath, LinkTree, type Resolution } from './path-algebra.js';
import { lastWrittenOver, lowerBound } from './sorted-files.js';

/** A name with `.`/`..` components or doubled slashes: it lands somewhere else than it reads. */
const NOT_CANONICAL = /(?:^|\/)\.\.?(?:\/|$)|\/\//;

/**
 * Links judged over the complete entry list with our own path algebra: symlinks and
 * hardlinks whose target resolves outside the package (through chains of links too),
 * entries written through a symlinked folder, hardlinks to nothing in the package, and
 * symlink loops. Order-independent on purpose: the report's list is sorted, and any
 * order in which a link and an entry beneath it arrive is either an escape (link first)
 * or a clash on extraction (link last).
 *
 * Cheap when there are no links (the usual release): one look at each entry's type.
 */
export class LinksCheck implements ManifestCheck {
  readonly name = 'links';

  check(manifest: Manifest): DraftFinding[] {
    const files = manifest.files;
    const links = files.filter((file) => (file.type === 'symlink' || file.type === 'hardlink') && file.link !== undefined);
    if (links.length === 0) return [];

    const symlinks = new Map<string, string>();
    for (const file of links) {
      if (file.type !== 'symlink') continue;
      const at = lexicalPath(file.path);
      // the last entry stored under a name is what extraction leaves there
      if (at !== undefined && lastWrittenOver(files, file)?.type === 'symlink') symlinks.set(at, file.link as string);
    }
    const tree = new LinkTree(symlinks);
    const findings: DraftFinding[] = [];
    let contents: Set<string> | undefined;
    for (const file of links) {
      const target = file.link as string;
      if (file.type === 'symlink') {
        findings.push(...this.symlink(tree, file, target));
      } else {
        contents ??= new Set(files.filter((entry) => entry.type === 'file' || entry.type === 'hardlink').map((entry) => lexicalPath(entry.path) ?? ''));
        findings.push(...this.hardlink(tree, contents, file, target));
      }
    }
    if (symlinks.size > 0) findings.push(...this.throughLinks(tree, files, symlinks));
    if (tree.exhausted) {
      findings.push(
        checkFinding({
          kind: 'unsafe-path',
          severity: 'high',
          rule: 'links-not-judged',
          subject: 'links',
          subjectIsPath: false,
          title: 'Too many or too deep links to judge them all: some links were not checked',
          detail: 'the package makes link resolution exceed its work bound; treat it as hostile',
        }),
      );
    }
    return sortFindings(findings);
  }

  private symlink(tree: LinkTree, file: FileRecord, target: string): DraftFinding[] {
    const at = lexicalPath(file.path);
    if (at === undefined) return []; // the name itself is the finding (absolute or `..`)
    const shown = `${file.path} → ${target}`;
    if (isAbsoluteName(target)) {
      return [outside('symlink-outside', 'high', file.path, 'Symlink points outside the package to an absolute path', `${shown}; the web server or a later entry can reach it`)];
    }
    const resolution = judge(tree, components(at).slice(0, -1), target);
    if (resolution.outcome === 'outside') {
      return [outside('symlink-outside', 'high', file.path, 'Symlink resolves outside the package', `${shown}: ${resolution.why}`)];
    }
    if (resolution.outcome === 'loop') {
      return [
        checkFinding({
          kind: 'unsafe-path',
          severity: 'low',
          rule: 'symlink-loop',
          subject: file.path,
          path: file.path,
          title: 'Symlink never resolves (a loop of links)',
          detail: `${shown}: more than 40 links on the way`,
        }),
      ];
    }
    return [];
  }

  private hardlink(tree: LinkTree, contents: ReadonlySet<string>, file: FileRecord, target: string): DraftFinding[] {
    const shown = `${file.path} ⇒ ${target}`;
    // a tar hardlink names its target from the archive root, like any entry name
    const bare = target.replace(/^(?:\.\/)+/, '');
    if (isAbsoluteName(bare)) {
      return [outside('hardlink-outside', 'critical', file.path, 'Hardlink to an absolute path outside the package', `${shown}; writing to it later writes that file`)];
    }
    const resolution = judge(tree, [], bare);
    if (resolution.outcome === 'outside') {
      return [outside('hardlink-outside', 'critical', file.path, 'Hardlink resolves outside the package', `${shown}: ${resolution.why}; writing to it later writes that file`)];
    }
    if (resolution.outcome === 'inside' && !contents.has(resolution.path)) {
      return [
        checkFinding({
          kind: 'unsafe-path',
          severity: 'medium',
          rule: 'hardlink-missing-target',
          subject: file.path,
          path: file.path,
          title: 'Hardlink to a file the package does not hold',
          detail: `${shown}: on extraction it links to whatever is already on disk at that name, or fails`,
        }),
      ];
    }
    return [];
  }

  /**
   * Entries whose folder is, or passes through, a symlink of the package: one finding per
   * link. The list is sorted, so the entries beneath `a/link` are one run of names
   * starting `a/link/`, found by binary search; names that are not canonical are few
   * and resolved one by one.
   */
  private throughLinks(tree: LinkTree, files: readonly FileRecord[], symlinks: ReadonlyMap<string, string>): DraftFinding[] {
    const beneath = new Map<string, string[]>();
    const note = (link: string, path: string): void => {
      const list = beneath.get(link);
      if (list) list.push(path);
      else beneath.set(link, [path]);
    };
    for (const link of symlinks.keys()) {
      for (let i = lowerBound(files, `${link}/`); i < files.length && (files[i] as FileRecord).path.startsWith(`${link}/`); i++) {
        const path = (files[i] as FileRecord).path;
        // one finding per outermost link; odd names are the next loop's
        if (!(mayBeOdd(path) && NOT_CANONICAL.test(path)) && firstLinkAbove(tree, path) === link) note(link, path);
      }
    }
    for (const file of files) {
      // a name stored below a link that extractors write elsewhere (through the link, or normalised): judged as stored
      const name = file.stored ?? file.path;
      if (file.stored === undefined && (!mayBeOdd(name) || !NOT_CANONICAL.test(name))) continue;
      const at = lexicalPath(name);
      const link = at === undefined ? undefined : firstLinkAbove(tree, at);
      if (link !== undefined && !(beneath.get(link) ?? []).includes(name)) note(link, name);
    }
    const findings: DraftFinding[] = [];
    for (const [link, entries] of beneath) {
      let why: string | undefined;
      for (const entry of entries) {
        const resolution = tree.resolve(components(lexicalPath(entry) ?? '').slice(0, -1), true);
        if (resolution.outcome === 'outside') {
          why = resolution.why;
          break;
        }
      }
      const escapes = why !== undefined;
      findings.push(
        checkFinding({
          kind: 'unsafe-path',
          severity: escapes ? 'critical' : 'medium',
          rule: escapes ? 'written-through-link-outside' : 'written-through-link',
          subject: link,
          path: entries[0] as string,
          title: escapes
            ? 'Entries are written through a symlinked folder that leads outside the package'
            : 'Entries are written through a symlinked folder',
          detail: `${link} is a symlink and the package also stores ${examples(entries)} beneath it${escapes ? `: ${why ?? ''}` : ''}`,
        }),
      );
    }
    return findings;
  }
}

/** A cheap first look for `./`, `//` or a trailing `/.`: most names have none, and then the regex is not run. */
function mayBeOdd(path: string): boolean {
  return path.includes('./') || path.includes('//') || path.endsWith('.');
}

/** The outermost symlink among the folders above `at` (a lexical path), if any. */
function firstLinkAbove(tree: LinkTree, at: string): string | undefined {
  for (let slash = at.indexOf('/'); slash >= 0; slash = at.indexOf('/', slash + 1)) {
    const folder = at.slice(0, slash);
    if (tree.isSymlink(folder)) return folder;
  }
  return undefined;
}

/**
 * Where a link target lands from `base`, `/` separated as on Linux; a target that only
 * escapes when `\` is a separator too (Windows extractors, some libraries) counts as outside.
 */
function judge(tree: LinkTree, base: readonly string[], target: string): Resolution {
  const resolution = tree.resolve([...base, ...target.split('/')], true);
  if (resolution.outcome === 'outside' || !target.includes('\\')) return resolution;
  const windows = tree.resolve([...base, ...target.split(/[\\/]/)], true);
  if (windows.outcome === 'outside') return { ...windows, why: `${windows.why} when \\ is a separator (Windows extractors)` };
  return resolution;
}

function outside(rule: string, severity: 'critical' | 'high', path: string, title: string, detail: string): DraftFinding {
  return checkFinding({ kind: 'unsafe-path', severity, rule, subject: path, path, title, detail });
}
