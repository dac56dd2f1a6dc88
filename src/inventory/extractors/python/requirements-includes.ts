import type { ExtractedPackage } from '../extractor.js';
import { readRequirements, requirementsTxtExtractor } from './requirements-txt.js';

// pip installs what `-r common.txt` names as if it were written in the including file,
// and the included file may have any name. A file named like a requirements file is read
// on its own wherever it is; one of another name only matters once a requirements file
// includes it. The pass is single and in archive order, so the included file may stream
// by before or after the file that names it: every text file that could be one is read
// as it passes, and only its pins and includes are kept (not its bytes) until the end,
// when the includes are followed from the requirements files.

/** Extensions pip users give included files: `base.txt`, `prod.pip`, `constraints.in`. */
const INCLUDABLE = /\.(?:txt|pip|in)$/;

type Kept = { requirements: { packages: ExtractedPackage[]; includes: string[] } } | { unreadable: string };

/** A package an include brought in, at the path of the file that pins it. */
export interface IncludedPackage {
  package: ExtractedPackage;
  where: string;
}

/** A file a requirements file includes that could not be read as one. */
export interface UnreadableInclude {
  path: string;
  includedBy: string;
  reason: string;
}

export class RequirementsIncludes {
  /** Requirements files read on their own, with what they include. */
  private readonly roots = new Map<string, string[]>();
  /** Other text files that could be included, by path. */
  private readonly candidates = new Map<string, Kept>();

  /** Bytes wanted of this entry, 0 when it can be no requirements file. */
  wants(path: string, base: string): number {
    if (requirementsTxtExtractor.matches(path, base) || INCLUDABLE.test(base)) return requirementsTxtExtractor.maxBytes + 1;
    return 0;
  }

  take(path: string, base: string, bytes: Buffer): void {
    const root = requirementsTxtExtractor.matches(path, base);
    if (!root && !INCLUDABLE.test(base)) return;
    if (bytes.length > requirementsTxtExtractor.maxBytes) {
      // a root's size is the extractor's parse-error already
      if (!root) this.candidates.set(path, { unreadable: `it is larger than the ${requirementsTxtExtractor.maxBytes}-byte bound` });
      return;
    }
    // the extractor reads a root's pins; only its includes matter here, and most have none
    if (root && !isUtf16(bytes) && !bytes.includes('-r')) return;
    // nothing to keep of a text with no line that pins or includes, and most have none
    if (!root && !isUtf16(bytes) && !mayPinOrInclude(bytes)) return;
    let read: Kept;
    try {
      read = { requirements: readRequirements(bytes) };
    } catch (error) {
      read = { unreadable: error instanceof Error ? error.message : String(error) };
    }
    if (root) {
      if ('requirements' in read && read.requirements.includes.length > 0) this.roots.set(path, read.requirements.includes);
    } else if ('unreadable' in read || read.requirements.packages.length > 0 || read.requirements.includes.length > 0) {
      // most text files are not requirements files: only their failure reason is kept
      this.candidates.set(path, read);
    }
  }

  /** Follows every include from the requirements files, each file once (includes may cycle). */
  resolve(): { packages: IncludedPackage[]; unreadable: UnreadableInclude[] } {
    const packages: IncludedPackage[] = [];
    const unreadable: UnreadableInclude[] = [];
    // each file is queued once however often it is named, so a hostile file of a million
    // `-r x` lines costs a million set lookups, not a million-long queue
    const queued = new Set<string>();
    const queue: { path: string; includedBy: string }[] = [];
    const follow = (from: string, includes: string[]): void => {
      for (const include of new Set(includes)) {
        const path = includedPath(from, include);
        if (path === undefined || queued.has(path) || this.roots.has(path)) continue;
        queued.add(path);
        queue.push({ path, includedBy: from });
      }
    };
    for (const [path, includes] of [...this.roots].sort(([a], [b]) => (a < b ? -1 : 1))) follow(path, includes);
    for (let at = 0; at < queue.length; at++) {
      const next = queue[at] as { path: string; includedBy: string };
      const kept = this.candidates.get(next.path);
      if (!kept) continue; // not in the package, read on its own, or pins nothing
      if ('unreadable' in kept) {
        unreadable.push({ path: next.path, includedBy: next.includedBy, reason: kept.unreadable });
        continue;
      }
      for (const pkg of kept.requirements.packages) packages.push({ package: pkg, where: next.path });
      follow(next.path, kept.requirements.includes);
    }
    return { packages, unreadable };
  }
}

/** A line that starts like `name==1.0`, `name[extra] === 1.0`, `-r x` or `--requirement x`. */
const PIN_OR_INCLUDE_LINE = /^[ \t]*(?:-r|--requirement|[A-Za-z0-9][\w.-]*[ \t]*(?:\[[^\]\r\n]{0,200}\][ \t]*)?==)/m;

/** Cheap first: a byte search, then a line-start test, before the full parse (which throws on prose). */
function mayPinOrInclude(bytes: Buffer): boolean {
  if (!bytes.includes('==') && !bytes.includes('-r')) return false;
  return PIN_OR_INCLUDE_LINE.test(bytes.toString('latin1'));
}

/** A byte-order mark of UTF-16, which PowerShell's `pip freeze > x.txt` writes. */
function isUtf16(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * The package path an include names: relative to the including file's folder, as pip
 * resolves it. URLs, absolute paths and paths that leave the package name nothing in it.
 */
export function includedPath(from: string, include: string): string | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(include) || include.startsWith('/') || include.startsWith('~')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const segment of include.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}
