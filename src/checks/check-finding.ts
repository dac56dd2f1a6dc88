import { aboutPaths, findingId } from '../findings/finding-id.js';
import type { Finding, FindingKind, Severity } from '../model.js';

export interface CheckFindingInput {
  kind: FindingKind;
  severity: Severity;
  /** The check rule: stable, short, kebab-case (`world-writable`, `aws-access-key`). */
  rule: string;
  /** What the id fingerprints besides kind and rule: a path or folder, a secret's fingerprint. */
  subject: string;
  title: string;
  path?: string;
  detail?: string;
}

/** A finding of a threat check: new and blocking until the baseline and the policy say otherwise. */
export function checkFinding(input: CheckFindingInput): Finding {
  const finding: Finding = {
    id: findingId(input.kind, input.subject, input.rule),
    kind: input.kind,
    severity: input.severity,
    title: input.title,
    rule: input.rule,
    status: 'new',
    blocking: true,
  };
  if (input.path !== undefined) finding.path = input.path;
  if (input.detail !== undefined) finding.detail = input.detail;
  // a subject that is no path (a fingerprint, `uid:gid`) never starts with the top folder
  return aboutPaths(finding, input.subject);
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** The graver of two severities. */
export function graver(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER[a] <= SEVERITY_ORDER[b] ? a : b;
}

/** Findings in a stable order: by path, then rule, then id (the pass may see entries in any order). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => cmp(a.path ?? '', b.path ?? '') || cmp(a.rule ?? '', b.rule ?? '') || cmp(a.id, b.id));
}

/**
 * Tests, fixtures, examples and docs of first-party code ship sample keys and
 * passwords; such a finding still blocks, but ranks as medium at most.
 */
export function sampleSeverity(severity: Severity): Severity {
  return SEVERITY_ORDER[severity] < SEVERITY_ORDER.medium ? 'medium' : severity;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A few examples and a count, for a detail line that must stay short whatever the package holds. */
export function examples(items: readonly string[], shown = 5): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
