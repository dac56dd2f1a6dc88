// Packagist versions in Composer's order: normalized by VersionParser::normalize, then
// compared by PHP's version_compare, as Composer's constraints compare them. So
// `2.4.6 < 2.4.6-p1 < 2.4.6-p9 < 2.4.7-alpha < 2.4.7-beta < 2.4.7-RC < 2.4.7`, and
// `1.0` = `1.0.0` = `v1.0.0.0`.
//
// A branch (`dev-main`, `dev-2.4-develop`) is not a release and has no place in a range:
// Composer's constraints never match one against a version. It equals only itself here;
// ordering it against anything else throws VersionError, so that it is reported as
// unversioned rather than silently found inside (or outside) a range. A numeric branch
// (`2.4.x-dev`) is a version to Composer (2.4.9999999.9999999-dev) and is compared.
import type { Comparator } from './comparator.js';
import { normalizeComposerVersion } from './composer-normalize.js';
import { phpVersionCompare } from './php-version-compare.js';
import { unreadable } from './unreadable.js';

function read(version: string): string {
  const normalized = normalizeComposerVersion(version);
  if (normalized === undefined) throw unreadable('Packagist', version, 'Composer cannot normalize it');
  return normalized;
}

function compare(a: string, b: string): number {
  const x = read(a);
  const y = read(b);
  const branch = [x, y].find((version) => version.startsWith('dev-'));
  if (branch !== undefined) {
    if (x === y) return 0;
    throw unreadable('Packagist', branch === x ? a : b, 'a branch, not a release, so it has no order against other versions');
  }
  return phpVersionCompare(x, y);
}

export const packagist: Comparator = {
  ecosystem: 'Packagist',
  compare,
};
