import { FINDING_KINDS, type Finding, type FindingKind, type Severity, type Verdict } from '../model.js';
import { atLeast } from '../util/order.js';

/** What decides which findings block (the policy file and the options fill it). */
export interface Policy {
  /** Kinds that block. */
  failOn: readonly FindingKind[];
  /** Lowest severity that blocks. */
  severity: Severity;
  /** Only findings that are new against the baseline block. */
  onlyNew: boolean;
  /** Report everything, fail nothing. */
  warnOnly: boolean;
  /** Let findings about development dependencies that do not ship block too. */
  includeDev: boolean;
}

export function defaultPolicy(hasBaseline: boolean): Policy {
  return { failOn: FINDING_KINDS, severity: 'low', onlyNew: hasBaseline, warnOnly: false, includeDev: false };
}

/** Mark each finding blocking or not; accepted findings never block. */
export function applyPolicy(findings: Finding[], policy: Policy): void {
  const kinds = new Set(policy.failOn);
  for (const finding of findings) {
    finding.blocking =
      finding.status !== 'accepted' &&
      kinds.has(finding.kind) &&
      atLeast(finding.severity, policy.severity) &&
      finding.severity !== 'info' &&
      (policy.includeDev || finding.scope !== 'dev') &&
      (!policy.onlyNew || finding.status === 'new');
  }
}

/**
 * fail: something blocks; warn: something blocks under warn-only, or something new does
 * not block (below the policy); pass: nothing new and nothing blocking (findings the
 * baseline has too, or accepted ones, do not keep a release at WARN forever).
 */
export function decideVerdict(findings: readonly Finding[], policy: Pick<Policy, 'warnOnly'>): Verdict {
  if (findings.some((finding) => finding.blocking)) return policy.warnOnly ? 'warn' : 'fail';
  return findings.some((finding) => finding.status === 'new') ? 'warn' : 'pass';
}
