// One pass over the bytes finds every registered literal, case-insensitively. Each
// literal is anchored on its rarest byte pair (by frequency in clean PHP/JS); the loop
// joins two raw bytes into a 16-bit key, checks a 64 KiB table that holds every case of
// each anchor, and only verifies the few
// literals anchored on that pair. Literals are plain bytes: no regular expression runs here.
import { BIGRAM_RANK } from './bigram-rank.js';

const FOLD = new Uint8Array(256);
for (let i = 0; i < 256; i++) FOLD[i] = i >= 65 && i <= 90 ? i + 32 : i;

/** A lower-case byte and its upper-case form (one byte when it has none). */
function cases(byte: number): number[] {
  return byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte];
}

function rank(a: number, b: number): number {
  if (a >= 128 || b >= 128) return 0;
  return parseInt(BIGRAM_RANK[a * 128 + b] as string, 16);
}

interface Anchored {
  id: number;
  bytes: Uint8Array;
  /** Index in the literal of the anchor pair's second byte. */
  k: number;
}

export class LiteralSet {
  readonly literals: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly table = new Uint8Array(65536);
  /** The literals anchored on each pair (an array, not a Map: it is read in the hot loop). */
  private readonly lists: (Anchored[] | undefined)[] = new Array<Anchored[] | undefined>(65536);

  /** Register a literal (folded to lower case); returns its id. */
  add(literal: string): number {
    const key = literal.toLowerCase();
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const id = this.literals.length;
    this.literals.push(key);
    this.index.set(key, id);
    const bytes = Buffer.from(key, 'latin1');
    if (bytes.length < 2) throw new Error(`literal too short: ${literal}`);
    let best = 1;
    let bestRank = Infinity;
    for (let k = 1; k < bytes.length; k++) {
      const r = rank(bytes[k - 1] as number, bytes[k] as number);
      if (r < bestRank) {
        bestRank = r;
        best = k;
      }
    }
    // the table is keyed on raw bytes, every case of the pair entered: the hot loop folds nothing
    const anchored: Anchored = { id, bytes, k: best };
    for (const a of cases(bytes[best - 1] as number)) {
      for (const b of cases(bytes[best] as number)) {
        const h = (a << 8) | b;
        this.table[h] = 1;
        (this.lists[h] ??= []).push(anchored);
      }
    }
    return id;
  }

  id(literal: string): number | undefined {
    return this.index.get(literal.toLowerCase());
  }

  /**
   * Offsets of every literal in `bytes`, per literal id (at most `cap` per literal;
   * undefined where a literal does not occur), and how many were found in all. The hot
   * loop: one table load per byte, and a verification only where an anchor pair matched.
   */
  scan(bytes: Uint8Array, cap = 5000): { hits: (number[] | undefined)[]; total: number } {
    const out = new Array<number[] | undefined>(this.literals.length);
    let total = 0;
    const n = bytes.length;
    if (n < 2) return { hits: out, total };
    const table = this.table;
    let prev = bytes[0] as number;
    for (let i = 1; i < n; i++) {
      const cur = bytes[i] as number;
      const h = (prev << 8) | cur;
      prev = cur;
      if (table[h] === 0) continue;
      const list = this.lists[h] as Anchored[];
      for (let j = 0; j < list.length; j++) {
        const a = list[j] as Anchored;
        const start = i - a.k;
        const lit = a.bytes;
        if (start < 0 || start + lit.length > n) continue;
        let m = 0;
        while (m < lit.length && FOLD[bytes[start + m] as number] === lit[m]) m++;
        if (m === lit.length) {
          const found = (out[a.id] ??= []);
          if (found.length < cap) {
            found.push(start);
            total++;
          }
        }
      }
    }
    return { hits: out, total };
  }
}
