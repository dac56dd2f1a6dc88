import picomatch from 'picomatch';
import type { Finding, FindingKind } from '../model.js';

/** An accepted risk: what it matches, why, and until when (inclusive, UTC). */
export interface Acceptance {
  advisory?: string;
  package?: string;
  path?: string;
  id?: string;
  kind?: FindingKind;
  reason: string;
  expires: string;
}

/** `lodash`, `npm/lodash`, `lodash@4.17.20`, `pkg:npm/lodash@4.17.20`: each narrows more. */
function packageMatches(pattern: string, finding: Finding): boolean {
  const pkg = finding.package;
  if (!pkg) return false;
  const purlLike = /^pkg:[^/]+\/(.+?)(?:@([^?#]+))?(?:[?#].*)?$/.exec(pattern);
  const spec = purlLike ? `${decodeURIComponent(purlLike[1] ?? '')}${purlLike[2] ? `@${decodeURIComponent(purlLike[2])}` : ''}` : pattern;
  const at = spec.lastIndexOf('@');
  const [namePart, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
  const slash = namePart.indexOf('/');
  const ecosystem = slash > 0 && !namePart.startsWith('@') && namePart.slice(0, slash) === pkg.ecosystem ? pkg.ecosystem : undefined;
  const name = ecosystem ? namePart.slice(slash + 1) : namePart;
  return name === pkg.name && (version === undefined || version === pkg.version);
}

function matches(acceptance: Acceptance, finding: Finding): boolean {
  if (acceptance.id !== undefined && acceptance.id !== finding.id) return false;
  if (acceptance.kind !== undefined && acceptance.kind !== finding.kind) return false;
  if (acceptance.advisory !== undefined) {
    const names = finding.advisory ? [finding.advisory.id, ...finding.advisory.aliases] : [finding.rule ?? ''];
    if (!names.includes(acceptance.advisory)) return false;
  }
  if (acceptance.package !== undefined && !packageMatches(acceptance.package, finding)) return false;
  if (acceptance.path !== undefined && !(finding.path !== undefined && picomatch.isMatch(finding.path, acceptance.path, { dot: true }))) return false;
  return true;
}

/** The acceptance still holds on `today` (YYYY-MM-DD): through the whole day it names. */
function inForce(acceptance: Acceptance, today: string): boolean {
  return today <= acceptance.expires;
}

/** What applying the acceptances found: those that matched nothing, and findings whose only acceptances have expired. */
export interface AcceptanceOutcome {
  stale: Acceptance[];
  expired: Map<Finding, Acceptance>;
}

/**
 * Mark accepted findings. An expired acceptance no longer accepts; the finding says
 * so once the policy has decided whether it blocks (`explainExpired`).
 */
export function applyAcceptances(findings: Finding[], acceptances: readonly Acceptance[], today: string): AcceptanceOutcome {
  const used = new Set<Acceptance>();
  const expired = new Map<Finding, Acceptance>();
  for (const finding of findings) {
    const found = acceptances.filter((acceptance) => matches(acceptance, finding));
    for (const acceptance of found) used.add(acceptance);
    const current = found.find((acceptance) => inForce(acceptance, today));
    if (current) {
      finding.status = 'accepted';
      finding.detail = appendDetail(finding.detail, `accepted until ${current.expires}: ${current.reason}`);
    } else if (found.length > 0) {
      expired.set(
        finding,
        found.reduce((a, b) => (a.expires > b.expires ? a : b)),
      );
    }
  }
  return { stale: acceptances.filter((acceptance) => !used.has(acceptance)), expired };
}

/**
 * After the policy: an expired acceptance's finding says what the expiry means for it.
 * Only one that blocks "blocks again"; one that does not (it was there before, or it
 * is below the policy) says why not, so nobody renews an acceptance that does nothing.
 */
export function explainExpired(expired: ReadonlyMap<Finding, Acceptance>): void {
  for (const [finding, acceptance] of expired) {
    const why = finding.blocking ? ': it blocks again' : finding.status === 'existing' ? '; it does not block, since the baseline has it too' : '; it does not block under the policy';
    finding.detail = appendDetail(finding.detail, `the acceptance expired on ${acceptance.expires} (${acceptance.reason})${why}`);
  }
}

function appendDetail(detail: string | undefined, text: string): string {
  return detail ? `${detail}; ${text}` : text;
}

export function describeAcceptance(acceptance: Acceptance): string {
  const parts = (['advisory', 'package', 'path', 'id', 'kind'] as const).flatMap((key) => (acceptance[key] !== undefined ? [`${key} ${acceptance[key]}`] : []));
  return `${parts.join(', ')} (until ${acceptance.expires})`;
}
