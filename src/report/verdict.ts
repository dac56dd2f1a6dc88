import type { Finding, Verdict } from '../model.js';

/** fail: something blocks; warn: findings that do not block; pass: nothing found. */
export function decideVerdict(findings: readonly Finding[]): Verdict {
  if (findings.some((finding) => finding.blocking)) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}
