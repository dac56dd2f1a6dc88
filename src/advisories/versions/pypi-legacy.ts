// packaging's LegacyVersion (packaging < 22, kept alive as packaging_legacy, which OSV
// still orders PyPI versions with): any string that is not PEP 440, ordered by
// setuptools' old parse_version key, and before every PEP 440 version. pip ≥ 24.1 will no
// longer install such versions, but old releases and OSV's version lists still have
// them (`0.9-doduo`, `2.0b1pre`).
import { compareCodeUnits } from './digits.js';

/** The key of _legacy_cmpkey without its constant epoch of -1. */
export function legacyKey(version: string): string[] {
  const parts: string[] = [];
  for (const part of legacyParts(version.toLowerCase())) {
    if (part.startsWith('*')) {
      // drop the `-` before a pre-release tag
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      // drop trailing zeros of each run of numbers
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

const REPLACEMENTS = new Map([
  ['pre', 'c'],
  ['preview', 'c'],
  ['-', 'final-'],
  ['rc', 'c'],
  ['dev', '@'],
]);

function* legacyParts(version: string): Generator<string> {
  // Python's `\d` in a str pattern is any Unicode decimal digit
  for (const piece of version.split(/(\p{Nd}+|[a-z]+|\.|-)/u)) {
    const part = REPLACEMENTS.get(piece) ?? piece;
    if (part === '' || part === '.') continue;
    // numbers are zero-padded to 8 so that text comparison orders them (up to 8 digits)
    yield /^[0-9]/.test(part) ? part.padStart(8, '0') : `*${part}`;
  }
  yield '*final';
}

/** Python's tuple order over the two keys. */
export function compareLegacyKeys(a: readonly string[], b: readonly string[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const order = compareCodeUnits(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
