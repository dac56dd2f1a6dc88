// Hashes of names and of their folded forms (Unicode NFC, lower case), prefix by
// prefix, and a table that notices two different names with the same fold. Built for
// one look at every name and every folder above it, on packages of a million entries:
// no string is allocated for a lower-case ASCII name.

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * What each folder prefix of a path (and the path itself) hashes to, raw and folded.
 * Typed arrays reused from name to name: 32-bit hashes in a plain array would be boxed
 * numbers, one allocation each.
 */
export class PrefixHashes {
  raw = new Int32Array(64);
  folded = new Int32Array(64);
  /** End (exclusive) of each prefix in the path. */
  ends = new Int32Array(64);
  count = 0;

  /** Index of the first prefix not shared with the previous name (those before it were hashed, and noted, with it). */
  fresh = 0;
  private previous = '';

  /**
   * Hash every `/`-ended prefix and the whole path. Names come sorted, so most share
   * their folders with the name before: hashing resumes after the deepest shared one.
   */
  of(path: string): this {
    const previous = this.previous;
    this.previous = path;
    const limit = Math.min(previous.length, path.length);
    let common = 0;
    while (common < limit && previous.charCodeAt(common) === path.charCodeAt(common)) common++;
    // keep the prefixes of the previous name that are folders of this one too
    let keep = 0;
    while (keep < this.count - 1 && (this.ends[keep] as number) < common && path.charCodeAt(this.ends[keep] as number) === 0x2f) keep++;
    let raw = FNV_OFFSET;
    let folded = FNV_OFFSET;
    let from = 0;
    if (keep > 0) {
      raw = this.raw[keep - 1] as number;
      folded = this.folded[keep - 1] as number;
      from = this.ends[keep - 1] as number;
    }
    this.count = keep;
    this.fresh = keep;
    for (let i = from; i < path.length; i++) {
      const code = path.charCodeAt(i);
      if (code >= 0x80) return this.slow(path);
      // the `/` a kept prefix ends at was pushed with it
      if (code === 0x2f && i > from) this.push(raw, folded, i);
      raw = Math.imul(raw ^ code, FNV_PRIME);
      folded = Math.imul(folded ^ (code >= 0x41 && code <= 0x5a ? code + 32 : code), FNV_PRIME);
    }
    this.push(raw, folded, path.length);
    return this;
  }

  /** Non-ASCII names: fold segment by segment with NFC and lower case (neither crosses a `/`). */
  private slow(path: string): this {
    this.count = 0;
    this.fresh = 0;
    // the next name cannot resume from these hashes: they are not a plain run over the characters
    this.previous = '';
    let raw = FNV_OFFSET;
    let folded = FNV_OFFSET;
    let start = 0;
    for (;;) {
      const slash = path.indexOf('/', start);
      const end = slash < 0 ? path.length : slash;
      if (start > 0) {
        raw = Math.imul(raw ^ 0x2f, FNV_PRIME);
        folded = Math.imul(folded ^ 0x2f, FNV_PRIME);
      }
      const segment = path.slice(start, end);
      for (let i = 0; i < segment.length; i++) raw = Math.imul(raw ^ segment.charCodeAt(i), FNV_PRIME);
      const lower = foldName(segment);
      for (let i = 0; i < lower.length; i++) folded = Math.imul(folded ^ lower.charCodeAt(i), FNV_PRIME);
      if (end > 0) this.push(raw, folded, end);
      if (slash < 0) return this;
      start = slash + 1;
    }
  }

  private push(raw: number, folded: number, end: number): void {
    if (this.count === this.raw.length) {
      const grow = (array: Int32Array): Int32Array<ArrayBuffer> => {
        const bigger = new Int32Array(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.raw = grow(this.raw);
      this.folded = grow(this.folded);
      this.ends = grow(this.ends);
    }
    this.raw[this.count] = raw;
    this.folded[this.count] = folded;
    this.ends[this.count] = end;
    this.count++;
  }
}

/** The folded form of a name: NFC, then lower case. */
export function foldName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return (/[^\u0000-\u007f]/.test(name) ? name.normalize('NFC') : name).toLowerCase();
}

/** A name's hashes, raw and folded, and the raw hash of its folder (`NO_FOLDER` at the top). */
export interface NameHashes {
  raw: number;
  folded: number;
  folder: number;
}

export const NO_FOLDER = 0;

/** Hash one whole name (and its folder on the way): one run over its characters, nothing allocated for ASCII names. */
export function hashName(path: string, out: NameHashes): NameHashes {
  let raw = FNV_OFFSET;
  let folded = FNV_OFFSET;
  let folder = NO_FOLDER;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code >= 0x80) return hashSlowly(path, out);
    if (code === 0x2f) folder = raw;
    raw = Math.imul(raw ^ code, FNV_PRIME);
    folded = Math.imul(folded ^ (code >= 0x41 && code <= 0x5a ? code + 32 : code), FNV_PRIME);
  }
  out.raw = raw;
  out.folded = folded;
  out.folder = folder;
  return out;
}

function hashSlowly(path: string, out: NameHashes): NameHashes {
  const hashes = new PrefixHashes().of(path);
  out.raw = hashes.raw[hashes.count - 1] as number;
  out.folded = hashes.folded[hashes.count - 1] as number;
  out.folder = hashes.count > 1 ? (hashes.raw[hashes.count - 2] as number) : NO_FOLDER;
  return out;
}

/** Open addressing, folded hash → raw hash of the first name seen with that fold. */
export class FoldTable {
  private keys: Int32Array;
  private values: Int32Array;
  private used: Uint8Array;
  private size = 0;

  /** Sized for `expected` names up front (at most half full): growing means hashing everything again. */
  constructor(expected = 1 << 15) {
    let capacity = 1 << 16;
    while (capacity < expected * 2 && capacity < 1 << 26) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
  }

  /** Note a name by its hashes; true when a different name with the same fold was noted before. */
  clashes(folded: number, raw: number): boolean {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = folded & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.keys[i] = folded;
        this.values[i] = raw;
        this.size++;
        return false;
      }
      if (this.keys[i] === folded) return this.values[i] !== raw;
    }
  }

  /** Was a name with this folded hash noted? */
  has(folded: number): boolean {
    const mask = this.used.length - 1;
    for (let i = folded & mask; this.used[i]; i = (i + 1) & mask) if (this.keys[i] === folded) return true;
    return false;
  }

  private grow(): void {
    const { keys, values, used } = this;
    this.keys = new Int32Array(used.length * 2);
    this.values = new Int32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.clashes(keys[i] as number, values[i] as number);
  }
}
