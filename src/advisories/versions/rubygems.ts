// RubyGems orders versions with Gem::Version#<=>. @renovatebot/ruby-semver's Version
// reads them (Gem::Version's grammar, `-` turned into `.pre.`); the order is built here
// from its normalized string, because its compare() reads numbers with parseInt (digits
// past 2^53 are lost) and compares names with localeCompare, where Ruby compares bytes
// (`1.0.RC1` < `1.0.beta` in Ruby, the other way round in a locale).
import { Version } from '@renovatebot/ruby-semver/dist/ruby/version.js';
import type { Comparator } from './comparator.js';
import { compareCodeUnits, compareDigits } from './digits.js';
import { unreadable } from './unreadable.js';

/** A segment: digits (a number, kept as text) or letters. */
interface Segment {
  readonly number: boolean;
  readonly text: string;
}

const ZERO: Segment = { number: true, text: '0' };

function read(version: string): Segment[] {
  // Gem::Version.new('') is 0, but an empty version here is a reading error, not a gem
  if (version.trim() === '') throw unreadable('RubyGems', version, 'empty');
  let normalized: string;
  try {
    normalized = new Version(version).version();
  } catch {
    throw unreadable('RubyGems', version);
  }
  return canonicalSegments(normalized);
}

/** Gem::Version#canonical_segments: the numbers before the first name, then the rest, each without trailing zeros. */
function canonicalSegments(version: string): Segment[] {
  const segments = (version.match(/[0-9]+|[a-z]+/gi) ?? []).map((text) => ({ number: /^[0-9]/.test(text), text }));
  const firstName = segments.findIndex((segment) => !segment.number);
  const split = firstName === -1 ? segments.length : firstName;
  return [...withoutTrailingZeros(segments.slice(0, split)), ...withoutTrailingZeros(segments.slice(split))];
}

function withoutTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && isZero(segments[end - 1])) end--;
  return segments.slice(0, end);
}

function isZero(segment: Segment | undefined): boolean {
  return segment !== undefined && segment.number && /^0+$/.test(segment.text);
}

/** Gem::Version#<=>: a missing segment is 0; a name is below a number; numbers by value; names bytewise. */
function compare(a: Segment[], b: Segment[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? ZERO;
    const y = b[i] ?? ZERO;
    if (x.number !== y.number) return x.number ? 1 : -1;
    const order = x.number ? compareDigits(x.text, y.text) : compareCodeUnits(x.text, y.text);
    if (order !== 0) return order;
  }
  return 0;
}

export const rubygems: Comparator = {
  ecosystem: 'RubyGems',
  compare: (a, b) => compare(read(a), read(b)),
};
