import type { Finding } from '../model.js';

/** What a finding is about, in a few words: the package and advisory, or the rule. */
export function findingSubject(finding: Finding): string {
  if (finding.package) {
    const advisory = finding.advisory ? ` ${finding.advisory.id}` : '';
    return `${finding.package.name} ${finding.package.version}${advisory}`;
  }
  return finding.rule ?? finding.kind;
}

/** The fix, when there is one to name. */
export function findingFix(finding: Finding): string | undefined {
  const fixed = finding.advisory?.fixed ?? [];
  if (!finding.advisory) return undefined;
  return fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : 'no fixed version yet';
}
