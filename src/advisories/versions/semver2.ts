import { compareCodeUnits, compareDigits } from './digits.js';

/** A version read by the SemVer 2.0.0 grammar; build metadata is dropped because it never takes part in precedence. */
export interface SemVer2 {
  /** Major, minor and patch as digit strings, so that no size limit applies here. */
  readonly release: readonly [string, string, string];
  /** Pre-release identifiers; empty for a release. */
  readonly prerelease: readonly string[];
}

const NUMBER = '0|[1-9][0-9]*';
const IDENTIFIER = '[0-9A-Za-z-]+';
const SEMVER2 = new RegExp(
  `^(${NUMBER})\\.(${NUMBER})\\.(${NUMBER})(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?(?:\\+${IDENTIFIER}(?:\\.${IDENTIFIER})*)?$`,
);
const NUMERIC = /^[0-9]+$/;

/** Read `text` by the SemVer 2.0.0 grammar (semver.org §2, §9, §10): no prefix, no leading zeros in numbers. */
export function parseSemVer2(text: string): SemVer2 | undefined {
  const match = SEMVER2.exec(text);
  if (!match) return undefined;
  const [, major = '', minor = '', patch = '', prerelease] = match;
  const identifiers = prerelease === undefined ? [] : prerelease.split('.');
  // §9: numeric identifiers must not include leading zeros (`1.0.0-01` is not a version)
  if (identifiers.some((id) => NUMERIC.test(id) && id.length > 1 && id.startsWith('0'))) return undefined;
  return { release: [major, minor, patch], prerelease: identifiers };
}

/** SemVer 2.0.0 precedence (semver.org §11): release numbers, then a release above its pre-releases, then identifier by identifier. */
export function compareSemVer2(a: SemVer2, b: SemVer2): number {
  for (let i = 0; i < 3; i++) {
    const order = compareDigits(a.release[i] ?? '0', b.release[i] ?? '0');
    if (order !== 0) return order;
  }
  return comparePrerelease(a.prerelease, b.prerelease);
}

/** §11.3 and §11.4: an empty list (a release) is above any pre-release. */
function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const order = compareIdentifier(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Digits-only identifiers by value and below any other; the rest in ASCII order. */
function compareIdentifier(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) return compareDigits(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return compareCodeUnits(a, b);
}
