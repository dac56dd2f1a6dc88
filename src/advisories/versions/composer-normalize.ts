// Composer's VersionParser::normalize (composer/semver), the form Composer compares
// versions in: `v2.4.6-p3` → `2.4.6.0-patch3`, `2.4.7-beta3` → `2.4.7.0-beta3`,
// `2.4.x-dev` → `2.4.9999999.9999999-dev`, `dev-main` stays a branch name. A string it
// cannot normalize is not a Composer version.
//
// Not taken: the constraint-only forms normalize also strips (`1.0 as 2.0` aliases and
// `@dev` stability flags); a package's version never carries them.

/** The stabilities Composer's modifier grammar reads after the numbers (VersionParser::$modifierRegex). */
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
// PHP's patterns use possessive quantifiers; in these two no backtracking into them can
// change a match, so the plain quantifiers match the same strings.
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE_BASED = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}$`, 'i');
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

/** The normalized version, or undefined when Composer would throw "Invalid version string". */
export function normalizeComposerVersion(version: string): string | undefined {
  let text = phpTrim(version);
  if (text === 'master' || text === 'trunk' || text === 'default') text = `dev-${text}`;
  if (text.slice(0, 4).toLowerCase() === 'dev-') return `dev-${text.slice(4)}`;
  const build = /^([^,\s+]+)\+\S+$/.exec(text);
  if (build) text = build[1] ?? '';

  const classical = CLASSICAL.exec(text);
  if (classical) {
    const [, major = '', minor, patch, fourth, stability, stabilityNumber, dev] = classical;
    return withModifiers(`${major}${minor || '.0'}${patch || '.0'}${fourth || '.0'}`, stability, stabilityNumber, dev);
  }
  const dateBased = DATE_BASED.exec(text);
  if (dateBased) {
    const [, date = '', stability, stabilityNumber, dev] = dateBased;
    return withModifiers(date.replace(/\D/g, '.'), stability, stabilityNumber, dev);
  }
  const branch = /^(.*?)[.-]?dev$/i.exec(text);
  if (branch) {
    // only a numeric branch (`2.4.x-dev`) may end in -dev; `foo-dev` is not a version
    const normalized = normalizeNumericBranch(branch[1] ?? '');
    if (normalized !== undefined) return normalized;
  }
  return undefined;
}

function withModifiers(release: string, stability: string | undefined, stabilityNumber: string | undefined, dev: string | undefined): string {
  let version = release;
  if (stability) {
    // only the exact lower-case word: `1.0-STABLE` becomes `1.0.0.0-stable`, which PHP's
    // version_compare then ranks below dev, as Composer does
    if (stability === 'stable') return version;
    version += `-${expandStability(stability)}${stabilityNumber ? stabilityNumber.replace(/^[.-]+/, '') : ''}`;
  }
  if (dev) version += '-dev';
  return version;
}

function expandStability(stability: string): string {
  const lower = stability.toLowerCase();
  switch (lower) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return lower;
  }
}

/** VersionParser::normalizeBranch for numeric branches: `2.4.x` → `2.4.9999999.9999999-dev`. */
function normalizeNumericBranch(name: string): string | undefined {
  const match = NUMERIC_BRANCH.exec(phpTrim(name));
  if (!match) return undefined;
  const parts = match.slice(1, 5).map((part) => (part === undefined ? '.x' : part.replace(/[*X]/g, 'x')));
  return `${parts.join('').replace(/x/g, '9999999')}-dev`;
}

/** What PHP's trim() strips: space, tab, newline, carriage return, NUL and vertical tab. */
const PHP_BLANKS = new Set([' ', '\t', '\n', '\r', '\0', '\v']);

function phpTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PHP_BLANKS.has(text.charAt(start))) start++;
  while (end > start && PHP_BLANKS.has(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
