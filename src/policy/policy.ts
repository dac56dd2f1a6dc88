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

/** fail: something blocks; warn: findings that do not block (or warn-only); pass: nothing found. */
export function decideVerdict(findings: readonly Finding[], policy: Pick<Policy, 'warnOnly'>): Verdict {
  if (findings.some((finding) => finding.blocking)) return policy.warnOnly ? 'warn' : 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}
