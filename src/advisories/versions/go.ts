// Go orders module versions with golang.org/x/mod/semver: SemVer 2.0.0 behind a `v`,
// plus the shorthands `v1` and `v1.2` (= v1.0.0, v1.2.0). Pseudo-versions
// (`v0.0.0-20210101000000-abcdef123456`, `v1.2.4-0.2021…`) are ordinary pre-releases and
// `+incompatible` is build metadata, so SemVer precedence orders both as Go does.
import type { Comparator } from './comparator.js';
import { compareSemVer2, parseSemVer2, type SemVer2 } from './semver2.js';
import { unreadable } from './unreadable.js';

const SHORTHAND = /^(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$/;

function read(version: string): SemVer2 {
  // OSV's Go records drop the `v` (`"fixed": "1.2.3"`); go.mod and go.sum keep it
  const text = version.startsWith('v') ? version.slice(1) : version;
  const shorthand = SHORTHAND.exec(text);
  const parsed = parseSemVer2(shorthand ? `${shorthand[1] ?? ''}.${shorthand[2] ?? '0'}.0` : text);
  if (!parsed) throw unreadable('Go', version, 'not a semantic version');
  return parsed;
}

export const go: Comparator = {
  ecosystem: 'Go',
  compare: (a, b) => compareSemVer2(read(a), read(b)),
};
