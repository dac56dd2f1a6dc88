import type { DraftFinding } from '../findings/draft.js';
import type { FindingKind, Severity } from '../model.js';
import { compareCodeUnits, severityRank } from '../util/order.js';

export interface CheckFindingInput {
  kind: FindingKind;
  severity: Severity;
  /** The check rule: stable, short, kebab-case (`world-writable`, `aws-access-key`). */
  rule: string;
  /** What the id fingerprints besides kind and rule: a path or folder, a secret's fingerprint. */
  subject: string;
  /** The subject is paths (a folder, a file, several joined by NUL), not a fingerprint or `uid:gid`. */
  subjectIsPath?: boolean;
  /**
   * What it exposes, where that can change while the subject stays (the rule when absent):
   * a changed risk must make a new id, so a baseline cannot call it existing.
   */
  aspect?: string;
  title: string;
  path?: string;
  detail?: string;
}

/** A finding of a threat check. */
export function checkFinding(input: CheckFindingInput): DraftFinding {
  const finding: DraftFinding = {
    kind: input.kind,
    severity: input.severity,
    title: input.title,
    rule: input.rule,
    identity: { subject: input.subject, paths: input.subjectIsPath ?? true, ...(input.aspect !== undefined ? { aspect: input.aspect } : {}) },
  };
  if (input.path !== undefined) finding.path = input.path;
  if (input.detail !== undefined) finding.detail = input.detail;
  return finding;
}

/** Findings in a stable order: by path, then rule, then subject (the pass may see entries in any order). */
export function sortFindings(findings: DraftFinding[]): DraftFinding[] {
  return findings.sort(
    (a, b) => compareCodeUnits(a.path ?? '', b.path ?? '') || compareCodeUnits(a.rule ?? '', b.rule ?? '') || compareCodeUnits(a.identity.subject, b.identity.subject),
  );
}

/**
 * Tests, fixtures, examples and docs of first-party code ship sample keys and
 * passwords; such a finding still blocks, but ranks as medium at most.
 */
export function sampleSeverity(severity: Severity): Severity {
  return severityRank(severity) < severityRank('medium') ? 'medium' : severity;
}

/** A few examples and a count, for a detail line that must stay short whatever the package holds. */
export function examples(items: readonly string[], shown = 5): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
