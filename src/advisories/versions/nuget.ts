// NuGet reads versions with NuGet.Versioning's NuGetVersion: one to four numbers, each a
// non-negative Int32 (leading zeros allowed: 1.0.01 = 1.0.1), then SemVer 2.0.0
// pre-release labels and build metadata. It orders them with VersionComparer.Default:
// labels compared without regard to case, metadata ignored.
import type { Comparator } from './comparator.js';
import { compareCodeUnits, compareDigits } from './digits.js';
import { unreadable } from './unreadable.js';

interface NuGetVersion {
  /** Major, minor, patch and revision; missing ones are 0. */
  readonly numbers: readonly string[];
  /** Pre-release labels; empty for a release. */
  readonly labels: readonly string[];
}

const INT32_MAX = '2147483647';
const LABEL = '[0-9A-Za-z-]+';
const VERSION = new RegExp(`^([0-9]+(?:\\.[0-9]+){0,3})(?:-(${LABEL}(?:\\.${LABEL})*))?(?:\\+${LABEL}(?:\\.${LABEL})*)?$`);
const LEADING_ZERO_NUMBER = /^0[0-9]+$/;

function read(version: string): NuGetVersion {
  const match = VERSION.exec(version.trim());
  if (!match) throw unreadable('NuGet', version);
  const numbers = (match[1] ?? '').split('.');
  if (numbers.some((number) => compareDigits(number, INT32_MAX) > 0)) throw unreadable('NuGet', version, 'a number above Int32');
  const labels = match[2] === undefined ? [] : match[2].split('.');
  // labels follow SemVer 2.0.0 here (build metadata may have leading zeros)
  if (labels.some((label) => LEADING_ZERO_NUMBER.test(label))) throw unreadable('NuGet', version, 'a numeric label with a leading zero');
  while (numbers.length < 4) numbers.push('0');
  return { numbers, labels };
}

function compare(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const order = compareDigits(a.numbers[i] ?? '0', b.numbers[i] ?? '0');
    if (order !== 0) return order;
  }
  if (a.labels.length === 0 || b.labels.length === 0) return b.labels.length - a.labels.length;
  const shared = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < shared; i++) {
    const order = compareLabel(a.labels[i] ?? '', b.labels[i] ?? '');
    if (order !== 0) return order;
  }
  return a.labels.length - b.labels.length;
}

/**
 * VersionComparer.CompareRelease: a label is numeric when .NET's int.TryParse reads it
 * (so within Int32, and a leading `-` counts as a sign); numeric labels come first;
 * the others compare ordinally ignoring case.
 */
function compareLabel(a: string, b: string): number {
  const x = asInt32(a);
  const y = asInt32(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return compareCodeUnits(a.toUpperCase(), b.toUpperCase());
}

function asInt32(label: string): number | undefined {
  if (!/^-?[0-9]+$/.test(label)) return undefined;
  const value = Number(label);
  // digits beyond 2^53 round, but such a number is far outside Int32 either way
  return value >= -2147483648 && value <= 2147483647 ? value : undefined;
}

export const nuget: Comparator = {
  ecosystem: 'NuGet',
  compare: (a, b) => compare(read(a), read(b)),
};
