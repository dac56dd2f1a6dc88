// The literal pass finds exactly what a plain case-insensitive search finds, in ascending
// order: every literal the rules register, at the start and the end of a text, next to
// each other and overlapping, in any case, and nothing more.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/checks/malicious-code/engine.js';
import { LiteralSet } from '../../../src/checks/malicious-code/literals.js';

/** Offsets of `literal` in `text`, case-insensitively (ASCII letters only, as the pass folds). */
function naive(text: Buffer, literal: string): number[] {
  const folded = Buffer.from(text.toString('latin1').replace(/[A-Z]/g, (c) => c.toLowerCase()), 'latin1');
  const out: number[] = [];
  for (let at = folded.indexOf(literal, 0, 'latin1'); at >= 0; at = folded.indexOf(literal, at + 1, 'latin1')) out.push(at);
  return out;
}

/** A small seeded generator: the same texts every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const LITERALS = [...new Set(RULES.flatMap((rule) => [...rule.literals, ...(rule.aux ?? [])]).map((literal) => literal.toLowerCase()))];

describe('the literal pass', () => {
  it('finds every occurrence of every registered literal, and only those, in ascending order', () => {
    const set = new LiteralSet();
    for (const literal of LITERALS) set.add(literal);
    const next = random(7);
    const filler = ' ;.(){}$_\'"=\\x0aZ\n';
    for (let round = 0; round < 300; round++) {
      // literals and their fragments back to back, in random case, with filler between
      const parts: string[] = [];
      const count = 1 + Math.floor(next() * 12);
      for (let p = 0; p < count; p++) {
        const literal = LITERALS[Math.floor(next() * LITERALS.length)] as string;
        const piece = next() < 0.3 ? literal.slice(0, Math.max(1, Math.floor(next() * literal.length))) : literal;
        parts.push(piece.replace(/[a-z]/g, (c) => (next() < 0.5 ? c.toUpperCase() : c)));
        if (next() < 0.5) parts.push(filler[Math.floor(next() * filler.length)] as string);
      }
      const text = Buffer.from(parts.join(''), 'latin1');
      const { hits, total } = set.scan(text);
      let expected = 0;
      for (const literal of LITERALS) {
        const want = naive(text, literal);
        expected += want.length;
        expect(hits[set.id(literal) as number] ?? [], `${JSON.stringify(literal)} in ${JSON.stringify(text.toString('latin1'))}`).toEqual(want);
      }
      expect(total).toBe(expected);
    }
  });

  it('finds 2- and 3-byte literals at the very start and the very end of a text', () => {
    const set = new LiteralSet();
    const ids = ['\\x', 'cvv', '<?=', '${'].map((literal) => set.add(literal));
    const { hits } = set.scan(Buffer.from('\\x cvv <?= ${ <?= CVV ${', 'latin1'));
    expect(ids.map((id) => hits[id])).toEqual([[0], [3, 18], [7, 14], [11, 22]]);
    expect(set.scan(Buffer.from('CvV', 'latin1')).hits[ids[1] as number]).toEqual([0]);
  });

  it('keeps at most `cap` offsets of one literal, the first ones', () => {
    const set = new LiteralSet();
    const id = set.add('eval(');
    const { hits, total } = set.scan(Buffer.from('eval('.repeat(50), 'latin1'), 10);
    expect(hits[id]).toEqual(Array.from({ length: 10 }, (_, i) => i * 5));
    expect(total).toBe(10);
  });
});
