// Our own path algebra over the entry list, as an extractor would meet the names on a
// POSIX file system: never the host's `path` module (its rules are the scanning
// machine's, not the extracting one's) and never the disk.

/** `/x`, `\x`, `//server`, `C:`, `C:\x`, `C:../x`: a name an extractor may place outside its target folder. */
export function isAbsoluteName(name: string): boolean {
  const first = name.charCodeAt(0);
  if (first === 0x2f || first === 0x5c) return true; // '/' or '\'
  if (name.charCodeAt(1) !== 0x3a) return false; // ':'
  const letter = first | 0x20;
  return letter >= 0x61 && letter <= 0x7a;
}

/** Any `..` component, splitting on both `/` and `\` (Windows extractors and some libraries honour both). */
export function hasParentComponent(name: string): boolean {
  if (!name.includes('..')) return false;
  for (const part of name.split(/[\\/]/)) if (part === '..') return true;
  return false;
}

/** Components of a name or link target, `/` separated, empty and `.` components dropped. */
export function components(name: string): string[] {
  const parts: string[] = [];
  for (const part of name.split('/')) if (part !== '' && part !== '.') parts.push(part);
  return parts;
}

/**
 * An entry name resolved lexically (`a/./b/../c` is `a/c`), or undefined when it climbs
 * above the root or is absolute: such names are findings of their own and hold no
 * place inside the package.
 */
export function lexicalPath(name: string): string | undefined {
  if (isAbsoluteName(name)) return undefined;
  const out: string[] = [];
  for (const part of components(name)) {
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}

export type Resolution =
  | { outcome: 'inside'; path: string; viaLink: boolean }
  | { outcome: 'outside'; viaLink: boolean; why: string }
  | { outcome: 'loop' }
  | { outcome: 'budget' };

/** Linux gives up after 40 links in one lookup (ELOOP); so do we. */
const MAX_HOPS = 40;

/**
 * The symlinks of a package, and where a name lands once every link on its way is
 * followed, as the kernel follows them during extraction. Work is bounded: a hostile
 * package can make every lookup long, so the tree carries a budget of components and
 * answers `budget` once it is spent.
 */
export class LinkTree {
  private spent = 0;

  constructor(
    /** Lexical path of each symlink to its target as stored (the last one stored wins, as on extraction). */
    private readonly symlinks: ReadonlyMap<string, string>,
    private budget = 20_000_000,
  ) {}

  isSymlink(path: string): boolean {
    return this.symlinks.has(path);
  }

  /** Has the work budget run out? Then some answers were `budget`, and the check must say so. */
  get exhausted(): boolean {
    return this.spent > this.budget;
  }

  /**
   * Where `parts` (relative to the package root) lands. `followLast`: follow a symlink
   * in the last component too (a link's own target, a hardlink's target); folders on
   * the way are always followed.
   */
  resolve(parts: readonly string[], followLast: boolean): Resolution {
    // remaining components, last first, so a link's target can be pushed in front cheaply
    const pending = [...parts].reverse();
    const current: string[] = [];
    let key = '';
    let hops = 0;
    let viaLink = false;
    for (let part = pending.pop(); part !== undefined; part = pending.pop()) {
      this.spent += part.length + 1;
      if (this.spent > this.budget) return { outcome: 'budget' };
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (current.length === 0) return { outcome: 'outside', viaLink, why: 'climbs above the package root' };
        current.pop();
        key = current.join('/');
        this.spent += key.length;
        continue;
      }
      current.push(part);
      key = key === '' ? part : `${key}/${part}`;
      const last = pending.length === 0;
      if (last && !followLast) break;
      const target = this.symlinks.get(key);
      if (target === undefined) continue;
      if (++hops > MAX_HOPS) return { outcome: 'loop' };
      viaLink = true;
      current.pop();
      if (isAbsoluteName(target)) return { outcome: 'outside', viaLink, why: `passes through ${key} → ${target}, an absolute target` };
      const targetParts = target.split('/');
      for (let i = targetParts.length - 1; i >= 0; i--) pending.push(targetParts[i] as string);
      key = current.join('/');
      this.spent += key.length + target.length;
    }
    return { outcome: 'inside', path: current.join('/'), viaLink };
  }
}
