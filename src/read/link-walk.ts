// Where an entry lands once the symlinks the archive made before it are followed, per
// extractor: a file stored as `uploads/x.php` after a symlink `uploads -> pub/media` is
// written at `pub/media/x.php` by Python's tarfile (every filter) and GNU tar (a link whose
// target is relative and has no `..`), refused by bsdtar, and not written by PharData
// (which made a file of the link); a file stored where a symlink is is written into the
// link's target by Python, over the link by the others (DESIGN §2.5). Order matters: only
// links made by earlier entries count. Nothing is kept for an archive without symlinks.
import type { EntryType } from '../model.js';
import { BSDTAR, GNU_TAR, PY_TAR, PY_TAR_DATA } from './readers.js';

/** How each extractor of a format treats the symlinks an archive makes. */
export interface LinkPolicy {
  /** Does `reader` make a real symlink (not a placeholder, a file, or nothing) with this target? */
  makesLink(reader: number, target: string): boolean;
  /** Writes through a symlinked folder (else it refuses the entry). */
  followsFolders(reader: number): boolean;
  /** Writes a file stored at a symlink's place into its target (else it replaces the link). */
  followsLast(reader: number): boolean;
  /** Refuses to write outside the destination (else a path above it or absolute is where it writes). */
  staysInside(reader: number): boolean;
}

export const TAR_LINKS: LinkPolicy = {
  makesLink: (reader, target) => {
    if (reader === GNU_TAR) return !target.startsWith('/') && !target.split('/').includes('..'); // else a placeholder, made a link at the end
    return reader === BSDTAR || reader === PY_TAR || reader === PY_TAR_DATA;
  },
  followsFolders: (reader) => reader === GNU_TAR || reader === PY_TAR || reader === PY_TAR_DATA,
  followsLast: (reader) => reader === PY_TAR || reader === PY_TAR_DATA,
  staysInside: (reader) => reader === PY_TAR_DATA,
};

interface Link {
  target: string;
  /** Extractors that put something at this path for the link entry (a link, a placeholder, a file). */
  makers: number;
  /** Those of them for which it is a real symlink. */
  holders: number;
}

/** Links followed in one lookup, at most (Linux's ELOOP bound). */
const MAX_HOPS = 40;

export class LinkWalk {
  private readonly links = new Map<string, Link>();
  private lastFolder = '';
  private lastAnswer = false;

  constructor(private readonly policy: LinkPolicy) {}

  get empty(): boolean {
    return this.links.size === 0;
  }

  /** Could an entry at `path` land elsewhere through a link (cheap; the previous entry's folder is remembered)? */
  mayRoute(path: string): boolean {
    if (this.links.size === 0) return false;
    if (this.links.has(path)) return true;
    const slash = path.lastIndexOf('/');
    if (slash < 0) return false;
    if (slash === this.lastFolder.length && path.startsWith(this.lastFolder)) return this.lastAnswer;
    const folder = path.slice(0, slash);
    let answer = false;
    for (let i = folder.indexOf('/'); ; i = folder.indexOf('/', i + 1)) {
      if (this.links.has(i < 0 ? folder : folder.slice(0, i))) {
        answer = true;
        break;
      }
      if (i < 0) break;
    }
    this.lastFolder = folder;
    this.lastAnswer = answer;
    return answer;
  }

  /**
   * Where each of `readers` writes an entry stored at `path`: landing path to the readers
   * that write there (undefined: those that write nothing).
   */
  route(path: string, readers: number, type: EntryType): Map<string | undefined, number> {
    const places = new Map<string | undefined, number>();
    for (let bit = 1; bit <= readers; bit <<= 1) {
      if (!(readers & bit)) continue;
      const place = this.walk(bit, path, type);
      places.set(place, (places.get(place) ?? 0) | bit);
    }
    return places;
  }

  /** Remember what `readers` put at `path`: a symlink, or something that replaces one. */
  note(path: string, readers: number, type: EntryType, target?: string): void {
    if (type === 'symlink' && target !== undefined) {
      let holders = 0;
      for (let bit = 1; bit <= readers; bit <<= 1) if (readers & bit && this.policy.makesLink(bit, target)) holders |= bit;
      const old = this.links.get(path);
      const others = old ? { makers: old.makers & ~readers, holders: old.holders & ~readers } : { makers: 0, holders: 0 };
      this.links.set(path, { target, makers: others.makers | readers, holders: others.holders | holders });
      this.lastFolder = '';
      return;
    }
    const link = this.links.get(path);
    if (!link || type === 'dir') return;
    link.makers &= ~readers;
    link.holders &= ~readers;
    if (link.makers === 0) this.links.delete(path);
    this.lastFolder = '';
  }

  private walk(reader: number, start: string, type: EntryType): string | undefined {
    let path = start;
    for (let hops = 0; hops <= MAX_HOPS; hops++) {
      const found = this.firstLink(reader, path, type);
      if (found === undefined) return path;
      const [at, link] = found;
      const last = at.length === path.length;
      if (!(link.holders & reader)) return last ? path : undefined; // a placeholder or a file in the way
      if (last ? !this.policy.followsLast(reader) : !this.policy.followsFolders(reader)) return last ? path : undefined;
      const folder = at.lastIndexOf('/') < 0 ? '' : at.slice(0, at.lastIndexOf('/'));
      const resolved = resolve(link.target.startsWith('/') || folder === '' ? link.target : `${folder}/${link.target}`) + path.slice(at.length);
      if (resolved.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
        return this.policy.staysInside(reader) ? undefined : resolved;
      }
      path = resolved;
    }
    return undefined;
  }

  /** The outermost link on `path` (a folder; or the path itself, for what is not a folder) that `reader` put there. */
  private firstLink(reader: number, path: string, type: EntryType): [string, Link] | undefined {
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      const link = this.links.get(path.slice(0, i));
      if (link && link.makers & reader) return [path.slice(0, i), link];
    }
    if (type === 'dir') return undefined;
    const link = this.links.get(path);
    return link && link.makers & reader ? [path, link] : undefined;
  }
}

/** `.` and empty components dropped, `..` resolved; above the root stays as `../`; absolute stays absolute. */
function resolve(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  let up = 0;
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0) out.pop();
      else if (!absolute) up++;
    } else out.push(part);
  }
  const joined = out.join('/');
  if (absolute) return `/${joined}`;
  return up > 0 ? [...Array<string>(up).fill('..'), ...out].join('/') : joined;
}
