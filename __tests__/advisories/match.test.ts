// The OSV range evaluation on its own, with a plain dotted-number order, so each rule
// of the schema's algorithm is visible. The real ecosystems' orders are checked over the
// reference vectors (reference/advisories.test.ts) and in the scan tests.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/advisories/match.js';
import type { OsvAffected, OsvEvent } from '../../src/advisories/osv.js';
import { VersionError, type Comparator } from '../../src/advisories/versions/comparator.js';

const dotted: Comparator = {
  ecosystem: 'test',
  compare(a, b) {
    const parse = (v: string): number[] => {
      if (!/^\d+(\.\d+)*$/.test(v)) throw new VersionError(`'${v}' is not dotted numbers`);
      return v.split('.').map(Number);
    };
    const [x, y] = [parse(a), parse(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = (x[i] ?? 0) - (y[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  },
};

function range(...events: OsvEvent[]): OsvAffected {
  return { ranges: [{ type: 'ECOSYSTEM', events }], versions: [], severity: [] };
}

const affects = (entry: OsvAffected, version: string): boolean => evaluate(entry, version, dotted).affected;

describe('OSV range evaluation', () => {
  it('introduced 0 opens from the start; fixed closes before itself', () => {
    const entry = range({ introduced: '0' }, { fixed: '1.2' });
    expect([affects(entry, '0.0.1'), affects(entry, '1.1.9'), affects(entry, '1.2'), affects(entry, '1.2.0'), affects(entry, '2')]).toEqual([true, true, false, false, false]);
  });

  it('last_affected closes after itself', () => {
    const entry = range({ introduced: '1.0' }, { last_affected: '1.5' });
    expect([affects(entry, '0.9'), affects(entry, '1.0'), affects(entry, '1.5'), affects(entry, '1.5.1')]).toEqual([false, true, true, false]);
  });

  it('sorts events before evaluating them', () => {
    const entry = range({ fixed: '4.0.5' }, { introduced: '4.0.1' }, { fixed: '3.0.21' }, { introduced: '0' });
    expect(['3.0.20', '3.0.21', '4.0.0', '4.0.1', '4.0.4', '4.0.5'].map((v) => affects(entry, v))).toEqual([true, false, false, true, true, false]);
  });

  it('reads several introduced/fixed pairs in one range', () => {
    const entry = range({ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' });
    expect(['0.9', '1.0.0', '1.0.1', '1.0.2', '2.0', '3.0.0', '3.2.4', '3.2.5'].map((v) => affects(entry, v))).toEqual([false, true, true, false, false, true, true, false]);
  });

  it('an unbounded introduced holds every later version', () => {
    expect(['2.9.9', '3.0.0', '40'].map((v) => affects(range({ introduced: '3.0.0' }), v))).toEqual([false, true, true]);
  });

  it('a version at or past a limit is outside the range', () => {
    const entry = range({ introduced: '0' }, { limit: '2.0' });
    expect(['1.9', '2.0', '3'].map((v) => affects(entry, v))).toEqual([true, false, false]);
  });

  it('introduced and fixed at the same version hold nothing', () => {
    expect(affects(range({ introduced: '1.0' }, { fixed: '1.0' }), '1.0')).toBe(false);
  });

  it('lists the fixes of the range that holds the version', () => {
    const entry = range({ introduced: '0' }, { fixed: '1.0' }, { introduced: '2.0' }, { fixed: '2.5' });
    expect(evaluate(entry, '2.1', dotted).fixed).toEqual(['2.5']);
    expect(evaluate(entry, '0.5', dotted).fixed).toEqual(['1.0', '2.5']);
  });

  it('matches versions listed exactly, also without ranges', () => {
    const entry: OsvAffected = { ranges: [], versions: ['1.0.0', '1.2'], severity: [] };
    expect(['1.0.0', '1.0', '1.1', '1.2.0'].map((v) => affects(entry, v))).toEqual([true, true, false, true]);
  });

  it('skips GIT ranges and still evaluates the others', () => {
    const entry: OsvAffected = {
      ranges: [
        { type: 'GIT', events: [{ introduced: 'abc123' }, { fixed: 'def456' }] },
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0' }] },
      ],
      versions: [],
      severity: [],
    };
    expect(evaluate(entry, '1.0', dotted)).toEqual({ affected: true, fixed: ['2.0'], skipped: ['GIT'] });
  });

  it('throws on a version the order cannot read, rather than guess', () => {
    expect(() => evaluate(range({ introduced: '0' }, { fixed: '2.0' }), 'dev-main', dotted)).toThrow(VersionError);
  });
});
