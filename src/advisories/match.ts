import type { Comparator } from './versions/comparator.js';
import type { OsvAffected, OsvEvent, OsvRange } from './osv.js';

/** Why an affected entry does or does not hold a version, and the fixes its matching ranges name. */
export interface Evaluation {
  affected: boolean;
  /** Fixed versions of the ranges (or entries) that hold the version. */
  fixed: string[];
  /** Range types skipped (GIT ranges name commits, not versions). */
  skipped: string[];
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface Event {
  kind: Kind;
  version: string;
}

/** At equal versions, open before close: an `introduced X, fixed X` range holds nothing. */
const TIE_ORDER: Record<Kind, number> = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 };

function eventOf(event: OsvEvent): Event {
  if ('introduced' in event) return { kind: 'introduced', version: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', version: event.fixed };
  if ('last_affected' in event) return { kind: 'last_affected', version: event.last_affected };
  return { kind: 'limit', version: event.limit };
}

/**
 * OSV evaluation as the schema defines it: a version is affected when it is listed in
 * `versions` or falls in any SEMVER or ECOSYSTEM range. Events are sorted by version
 * (`introduced: 0` first); `introduced` opens, `fixed` closes (exclusive), `last_affected`
 * closes after itself, and a version at or past any `limit` is outside the range.
 * GIT ranges are skipped without ending the evaluation of the others. A version or
 * bound the ecosystem cannot read throws VersionError: the caller decides, never a guess.
 */
export function evaluate(affected: OsvAffected, version: string, comparator: Comparator): Evaluation {
  const result: Evaluation = { affected: false, fixed: [], skipped: [] };
  if (affected.versions.some((listed) => listed === version || sameVersion(listed, version, comparator))) {
    result.affected = true;
  }
  for (const range of affected.ranges) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') {
      result.skipped.push(range.type);
      continue;
    }
    if (inRange(range, version, comparator)) {
      result.affected = true;
      for (const event of range.events) {
        if ('fixed' in event && comparator.compare(event.fixed, version) > 0 && !result.fixed.includes(event.fixed)) {
          result.fixed.push(event.fixed);
        }
      }
    }
  }
  return result;
}

function inRange(range: OsvRange, version: string, comparator: Comparator): boolean {
  const events = range.events.map(eventOf);
  const limits = events.filter((event) => event.kind === 'limit');
  if (limits.some((limit) => comparator.compare(version, limit.version) >= 0)) return false;
  const sorted = events
    .filter((event) => event.kind !== 'limit')
    .sort((a, b) => {
      const zeroA = a.kind === 'introduced' && a.version === '0';
      const zeroB = b.kind === 'introduced' && b.version === '0';
      if (zeroA || zeroB) return zeroA === zeroB ? 0 : zeroA ? -1 : 1;
      return comparator.compare(a.version, b.version) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind];
    });
  let affected = false;
  for (const event of sorted) {
    switch (event.kind) {
      case 'introduced':
        if (event.version === '0' || comparator.compare(version, event.version) >= 0) affected = true;
        break;
      case 'fixed':
        if (comparator.compare(version, event.version) >= 0) affected = false;
        break;
      case 'last_affected':
        if (comparator.compare(version, event.version) > 0) affected = false;
        break;
      case 'limit':
        break;
    }
  }
  return affected;
}

function sameVersion(a: string, b: string, comparator: Comparator): boolean {
  try {
    return comparator.compare(a, b) === 0;
  } catch {
    return false; // a listed version the ecosystem cannot read matches only by its exact text
  }
}
