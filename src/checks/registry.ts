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

/** Checks over the complete entry list, listed explicitly. */
export const MANIFEST_CHECKS: readonly ManifestCheck[] = [
  new SensitivePathsCheck(),
  new PermissionsCheck(),
  new OwnersCheck(),
  new UnsafeNamesCheck(),
  new LinksCheck(),
  new AmbiguousArchiveCheck(),
];

/** Checks that read bytes during the pass; each call makes fresh instances (they keep state). */
export function contentChecks(): ContentCheck[] {
  return [new SensitiveContentCheck(), new SecretsCheck(), new MaliciousCodeCheck(), new OriginsCheck(), new RecordHashesCheck()];
}
