// npm's own order is node-semver's, so this is node-semver, read the way npm reads a
// version: strict SemVer, never coerced (`1.2.3.4` is not an npm version), after
// semver.clean's trim and drop of leading `=` and `v`. One widening: advisories write
// range bounds as `1` or `1.0` (GHSA's node-fetch record: `introduced: "1.0"`), which
// npm's own ranges read as `1.0.0`; so does this. Installed versions are always whole.
import { SemVer, clean } from 'semver';
import type { Comparator } from './comparator.js';
import { unreadable } from './unreadable.js';

const PARTIAL = /^[=v\s]*(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?\s*$/;

function read(version: string): SemVer {
  const partial = PARTIAL.exec(version);
  const whole = partial ? `${partial[1] ?? '0'}.${partial[2] ?? '0'}.0` : version;
  const cleaned = clean(whole);
  if (cleaned === null) throw unreadable('npm', version);
  return new SemVer(cleaned);
}

export const npm: Comparator = {
  ecosystem: 'npm',
  // build metadata takes no part: SemVer.compare looks at release and pre-release only
  compare: (a, b) => read(a).compare(read(b)),
};
