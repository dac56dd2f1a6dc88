// Cargo reads versions with the semver crate: SemVer 2.0.0 exactly (no `v`, no leading
// zeros, three numbers) and each number a u64.
import type { Comparator } from './comparator.js';
import { compareDigits } from './digits.js';
import { compareSemVer2, parseSemVer2, type SemVer2 } from './semver2.js';
import { unreadable } from './unreadable.js';

const U64_MAX = '18446744073709551615';

function read(version: string): SemVer2 {
  const parsed = parseSemVer2(version);
  if (!parsed) throw unreadable('crates.io', version, 'not SemVer 2.0.0');
  if (parsed.release.some((number) => compareDigits(number, U64_MAX) > 0)) throw unreadable('crates.io', version, 'a number above the u64 Cargo stores');
  return parsed;
}

export const cratesIo: Comparator = {
  ecosystem: 'crates.io',
  // SemVer precedence, which ignores build metadata. (The semver crate's Ord breaks ties
  // on build metadata, but crates.io refuses a version that differs from a published one
  // only there, and Cargo's requirements ignore it.)
  compare: (a, b) => compareSemVer2(read(a), read(b)),
};
