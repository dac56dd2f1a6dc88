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

/**
 * Mark accepted findings. An expired acceptance no longer accepts: the finding blocks
 * again and says so. Returns the acceptances that matched nothing (stale).
 */
export function applyAcceptances(findings: Finding[], acceptances: readonly Acceptance[], today: string): Acceptance[] {
  const used = new Set<Acceptance>();
  for (const finding of findings) {
    const found = acceptances.filter((acceptance) => matches(acceptance, finding));
    for (const acceptance of found) used.add(acceptance);
    const current = found.find((acceptance) => inForce(acceptance, today));
    if (current) {
      finding.status = 'accepted';
      finding.detail = appendDetail(finding.detail, `accepted until ${current.expires}: ${current.reason}`);
    } else if (found.length > 0) {
      const last = found.reduce((a, b) => (a.expires > b.expires ? a : b));
      finding.detail = appendDetail(finding.detail, `the acceptance expired on ${last.expires} (${last.reason}): it blocks again`);
    }
  }
  return acceptances.filter((acceptance) => !used.has(acceptance));
}

function appendDetail(detail: string | undefined, text: string): string {
  return detail ? `${detail}; ${text}` : text;
}

export function describeAcceptance(acceptance: Acceptance): string {
  const parts = (['advisory', 'package', 'path', 'id', 'kind'] as const).flatMap((key) => (acceptance[key] !== undefined ? [`${key} ${acceptance[key]}`] : []));
  return `${parts.join(', ')} (until ${acceptance.expires})`;
}
