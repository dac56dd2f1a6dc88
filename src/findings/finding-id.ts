import { createHash } from 'node:crypto';
import type { FindingKind } from '../model.js';

/**
 * A finding's stable id: a fingerprint of what was found (kind, the package or path it
 * is about, the advisory or rule), never of where in a file or when. The same threat
 * has the same id in every scan, so a baseline can tell new from existing.
 */
export function findingId(kind: FindingKind, subject: string, rule: string): string {
  return createHash('sha256').update(`${kind}\0${subject}\0${rule}`).digest('hex').slice(0, 32);
}
