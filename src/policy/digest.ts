import { createHash } from 'node:crypto';
import type { Finding } from '../model.js';
import { compareCodeUnits } from '../util/order.js';

/** Hex digits of the digest: short enough to read out and type, long enough that no two finding sets meet by chance. */
export const DIGEST_LENGTH = 12;
export const DIGEST_PATTERN = /^[0-9a-f]{12}$/;

/**
 * The digest of what blocks: the first 12 hex of the SHA-256 over the sorted ids and
 * severities of the blocking findings, one `id severity` line each. Ids are
 * fingerprints of what was found, never of where in the package or in which order, so
 * the digest does not move when the package's entries come in another order; it moves
 * when a blocking finding is added, removed or changes severity.
 */
export function blockingDigest(findings: readonly Pick<Finding, 'id' | 'severity' | 'blocking'>[]): string {
  const lines = findings
    .filter((finding) => finding.blocking)
    .map((finding) => `${finding.id} ${finding.severity}\n`)
    .sort(compareCodeUnits);
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line);
  return hash.digest('hex').slice(0, DIGEST_LENGTH);
}
