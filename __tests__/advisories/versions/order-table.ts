// The shape every comparator test shares: a table of `A <op> B` lines, each checked in
// both directions (a comparator that says a < b must also say b > a), and a list of
// strings the ecosystem cannot read, each of which must throw VersionError on either side.
import { describe, expect, it } from 'vitest';
import { VersionError, type Comparator } from '../../../src/advisories/versions/comparator.js';

interface Row {
  readonly line: string;
  readonly a: string;
  readonly b: string;
  /** -1, 0 or 1: what compare(a, b) must return in sign. */
  readonly expected: number;
}

const EXPECTED: Readonly<Record<string, number>> = { '<': -1, '=': 0, '>': 1 };

/** -1, 0 or 1 (never -0, which toBe tells apart from 0). */
function sign(order: number): number {
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

/** One row a line; blank lines and `#` comments (whole-line or trailing) are skipped. */
function rows(table: string): Row[] {
  return table
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [a, op, b, ...rest] = line.split(/\s+/);
      const expected = op === undefined ? undefined : EXPECTED[op];
      if (a === undefined || b === undefined || expected === undefined || rest.length > 0) throw new Error(`not an ordering line: ${line}`);
      return { line, a, b, expected };
    });
}

/** Every line of `table` holds for `comparator`, read left to right and right to left. */
export function describeOrder(comparator: Comparator, table: string): void {
  describe(`${comparator.ecosystem} order`, () => {
    it.each(rows(table))('$line', ({ a, b, expected }) => {
      expect(sign(comparator.compare(a, b))).toBe(expected);
      expect(sign(comparator.compare(b, a))).toBe(sign(-expected));
    });
  });
}

/** Each of `versions` is unreadable: comparing it with `readable`, on either side, throws VersionError. */
export function describeUnreadable(comparator: Comparator, readable: string, versions: readonly string[]): void {
  describe(`${comparator.ecosystem} unreadable versions`, () => {
    it(`${JSON.stringify(readable)} itself is readable`, () => {
      expect(comparator.compare(readable, readable)).toBe(0);
    });
    it.each(versions.map((version) => ({ version, shown: JSON.stringify(version) })))('$shown', ({ version }) => {
      expect(() => comparator.compare(version, readable)).toThrow(VersionError);
      expect(() => comparator.compare(readable, version)).toThrow(VersionError);
    });
  });
}
