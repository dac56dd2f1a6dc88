// The registry finds each ecosystem's comparator by its OSV name, release suffix ignored.
import { describe, expect, it } from 'vitest';
import { COMPARATORS, comparatorFor } from '../../../src/advisories/versions/registry.js';

const ECOSYSTEMS = ['npm', 'crates.io', 'Go', 'PyPI', 'Packagist', 'RubyGems', 'Maven', 'NuGet', 'Debian', 'Alpine'];

describe('comparatorFor', () => {
  it.each(ECOSYSTEMS)('finds %s', (ecosystem) => {
    expect(comparatorFor(ecosystem)?.ecosystem).toBe(ecosystem);
  });

  it('ignores a release suffix', () => {
    expect(comparatorFor('Debian:12')?.ecosystem).toBe('Debian');
    expect(comparatorFor('Alpine:v3.20')?.ecosystem).toBe('Alpine');
  });

  it('knows no other ecosystem, and no other spelling', () => {
    expect(comparatorFor('CRAN')).toBeUndefined();
    expect(comparatorFor('pypi')).toBeUndefined();
    expect(comparatorFor('')).toBeUndefined();
  });

  it('lists each ecosystem once', () => {
    expect(COMPARATORS.map((comparator) => comparator.ecosystem).sort()).toEqual([...ECOSYSTEMS].sort());
  });
});
