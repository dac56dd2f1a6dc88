// npm's own order is node-semver's, so this is node-semver, read the way npm reads a
// version: strict SemVer, never coerced (`1.2` or `1.2.3.4` are not npm versions),
// after semver.clean's trim and drop of leading `=` and `v`.
import { SemVer, clean } from 'semver';
import type { Comparator } from './comparator.js';
import { unreadable } from './unreadable.js';

function read(version: string): SemVer {
  const cleaned = clean(version);
  if (cleaned === null) throw unreadable('npm', version);
  return new SemVer(cleaned);
}

export const npm: Comparator = {
  ecosystem: 'npm',
  // build metadata takes no part: SemVer.compare looks at release and pre-release only
  compare: (a, b) => read(a).compare(read(b)),
};
