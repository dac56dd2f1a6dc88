// The orders every list of the report is sorted by, in one place so that they never
// drift apart: strings by UTF-16 code unit (the same on every machine and locale, and
// the order of Array.prototype.sort()), severities from the gravest.
import { SEVERITIES, type Severity } from '../model.js';

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 0 for critical, 4 for info: lower is graver. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The graver of two severities. */
export function graver(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

/** At least as grave as the threshold. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}
