import type { ContentCheck, ManifestCheck } from './check.js';

/** Checks over the complete entry list, listed explicitly. */
export const MANIFEST_CHECKS: readonly ManifestCheck[] = [];

/** Checks that read bytes during the pass; each call makes fresh instances (they keep state). */
export function contentChecks(): ContentCheck[] {
  return [];
}
