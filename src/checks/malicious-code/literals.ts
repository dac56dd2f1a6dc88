// One pass over the bytes finds every registered literal, case-insensitively. Each
// literal is anchored on its rarest byte pair (by frequency in clean PHP/JS); the loop
// joins two raw bytes into a 16-bit key and loads the pair's slot from a 64 Ki table
// that holds every case of each anchor. A pair that anchors a literal of three bytes or
// more is only a start: the byte just before or after it (whichever makes the rarer
// trigram in the literal) is checked in a second table, and only then are the few
// literals anchored there compared byte by byte. Measured on node_modules-like text,
// pairs such as `t.` (anchor of `net.socket`) matched at 3.4% of the bytes, and each
// match paid a list walk; the neighbour byte leaves about one in five of those to compare.
// Literals are plain bytes: no regular expression runs here.
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

/** Which neighbour of the anchor pair a literal is filtered on. */
const BEFORE = 0;
const AFTER = 1;

export class LiteralSet {
  readonly literals: string[] = [];
  private readonly index = new Map<string, number>();
  /** Anchor pair → slot (0: no literal is anchored on that pair). */
  private readonly pairs = new Uint16Array(65536);
  private slots = 1;
  /** Per slot: the 2-byte literals that are the pair itself. */
  private readonly whole: (Anchored[] | undefined)[] = [undefined];
  /** At (slot · 256 + byte) · 2 + side: 1 when a literal anchored on the slot's pair has that byte just before (0) or after (1) the pair. */
  private near = new Uint8Array(512 * 64);
  /** The literals to compare, at the same index as `near` (an array, not a Map: it is read in the hot loop). */
  private readonly nearLists: (Anchored[] | undefined)[] = [];

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
    const anchored: Anchored = { id, bytes, k: best };
    // the tables are keyed on raw bytes, every case entered: the hot loop folds nothing
    if (bytes.length === 2) {
      for (const a of cases(bytes[0] as number)) for (const b of cases(bytes[1] as number)) (this.whole[this.slotOf((a << 8) | b)] ??= []).push(anchored);
      return id;
    }
    const before = best >= 2 ? rank(bytes[best - 2] as number, bytes[best - 1] as number) : Infinity;
    const after = best + 1 < bytes.length ? rank(bytes[best] as number, bytes[best + 1] as number) : Infinity;
    const side = before <= after ? BEFORE : AFTER;
    const neighbour = (side === BEFORE ? bytes[best - 2] : bytes[best + 1]) as number;
    for (const a of cases(bytes[best - 1] as number)) {
      for (const b of cases(bytes[best] as number)) {
        for (const c of cases(neighbour)) {
          const at = ((this.slotOf((a << 8) | b) * 256 + c) << 1) | side;
          this.near[at] = 1;
          (this.nearLists[at] ??= []).push(anchored);
        }
      }
    }
    return id;
  }

  id(literal: string): number | undefined {
    return this.index.get(literal.toLowerCase());
  }

  /**
   * Offsets of every literal in `bytes`, per literal id, in ascending order (at most `cap`
   * per literal; undefined where a literal does not occur), and how many were found in
   * all. The hot loop: one table load per byte; a neighbour check where an anchor pair
   * matched; a comparison only where the neighbour matched too.
   */
  scan(bytes: Uint8Array, cap = 5000): { hits: (number[] | undefined)[]; total: number } {
    const out = new Array<number[] | undefined>(this.literals.length);
    let total = 0;
    const n = bytes.length;
    if (n < 2) return { hits: out, total };
    const pairs = this.pairs;
    const near = this.near;
    let prev = bytes[0] as number;
    for (let i = 1; i < n; i++) {
      const cur = bytes[i] as number;
      const slot = pairs[(prev << 8) | cur] as number;
      prev = cur;
      if (slot === 0) continue;
      const base = slot << 9;
      const whole = this.whole[slot];
      if (whole !== undefined) total += compare(whole, bytes, i, out, cap);
      if (i >= 2) {
        const at = base | ((bytes[i - 2] as number) << 1) | BEFORE;
        if (near[at] === 1) total += compare(this.nearLists[at] as Anchored[], bytes, i, out, cap);
      }
      if (i + 1 < n) {
        const at = base | ((bytes[i + 1] as number) << 1) | AFTER;
        if (near[at] === 1) total += compare(this.nearLists[at] as Anchored[], bytes, i, out, cap);
      }
    }
    return { hits: out, total };
  }

  private slotOf(pair: number): number {
    let slot = this.pairs[pair] as number;
    if (slot !== 0) return slot;
    slot = this.slots++;
    if (slot > 0xffff) throw new Error('too many anchor pairs');
    this.pairs[pair] = slot;
    this.whole.push(undefined);
    if ((slot + 1) * 512 > this.near.length) {
      const grown = new Uint8Array(this.near.length * 2);
      grown.set(this.near);
      this.near = grown;
    }
    return slot;
  }
}

/** Compare the literals anchored at `i` with the bytes there; record those that match. Returns how many were recorded. */
function compare(list: readonly Anchored[], bytes: Uint8Array, i: number, out: (number[] | undefined)[], cap: number): number {
  let added = 0;
  const n = bytes.length;
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
        added++;
      }
    }
  }
  return added;
}
