import type { ContentCheck, ManifestCheck } from './check.js';
import { AmbiguousArchiveCheck } from './paths/ambiguous-archive.js';
import { LinksCheck } from './paths/links.js';
import { MaliciousCodeCheck } from './malicious-code/malicious-code.js';
import { OriginsCheck } from './origins/origins.js';
import { RecordHashesCheck } from './tampered-packages/record-hashes.js';
import { OwnersCheck } from './permissions/owners.js';
import { PermissionsCheck } from './permissions/permissions.js';
import { SecretsCheck } from './secrets/secrets.js';
import { SensitiveContentCheck } from './sensitive-files/sensitive-content.js';
import { SensitivePathsCheck } from './sensitive-files/sensitive-paths.js';
import { UnsafeNamesCheck } from './paths/unsafe-names.js';
import { OffThreadChecks } from './off-thread-checks.js';

/** Checks over the complete entry list, listed explicitly. */
export const MANIFEST_CHECKS: readonly ManifestCheck[] = [
  new SensitivePathsCheck(),
  new PermissionsCheck(),
  new OwnersCheck(),
  new UnsafeNamesCheck(),
  new LinksCheck(),
  new AmbiguousArchiveCheck(),
];

/** The checks that read every text file, and may run on a worker thread (check-worker.ts makes them there by name). */
export const OFF_THREAD_CHECKS: Readonly<Record<string, () => ContentCheck>> = {
  secrets: () => new SecretsCheck(),
  'malicious-code': () => new MaliciousCodeCheck(),
};

/**
 * Checks that read bytes during the pass; each call makes fresh instances (they keep
 * state). With `worker` (the check-worker bundle), secrets and malicious code run on a
 * thread of their own, in the same place of the order.
 */
export function contentChecks(worker?: URL): ContentCheck[] {
  const names = Object.keys(OFF_THREAD_CHECKS);
  const reading = names.map((name) => (OFF_THREAD_CHECKS[name] as () => ContentCheck)());
  const middle = worker ? [new OffThreadChecks(worker, names, reading)] : reading;
  return [new SensitiveContentCheck(), ...middle, new OriginsCheck(), new RecordHashesCheck()];
}
