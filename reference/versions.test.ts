// Every comparator over the reference version tables beside the project
// (../shared/fixtures/versions): one `A <op> B` a line, checked in both directions.
// npm (strict SemVer lines), PyPI, Packagist, RubyGems, Maven and Debian must agree on
// every line but the listed exceptions, each an upstream line we hold to be wrong for
// that ecosystem, with the reason; an exception that no longer disagrees fails too, so
// the lists stay exact. The others (crates.io, Go, NuGet, Alpine) report their figures
// and must not fall below them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VersionError, type Comparator } from '../src/advisories/versions/comparator.js';
import { comparatorFor } from '../src/advisories/versions/registry.js';
import { FIXTURES, HAVE_FIXTURES, agreement } from './fixtures.js';

interface Pair {
  readonly line: string;
  readonly a: string;
  readonly b: string;
  /** -1, 0 or 1: the sign compare(a, b) must have. */
  readonly expected: number;
}

const EXPECTED: Readonly<Record<string, number>> = { '<': -1, '=': 0, '>': 1 };

function path(file: string): string {
  return join(FIXTURES, 'versions', file);
}

/** The fixtures' format (fixtures/README.md): three tokens split on single spaces; blank lines and `# `, `// ` lines skipped. */
function readPairs(file: string): Pair[] {
  return readFileSync(path(file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# ') && !line.startsWith('// '))
    .map((line) => {
      const [a, op, b, ...rest] = line.split(' ');
      const expected = op === undefined ? undefined : EXPECTED[op];
      if (a === undefined || b === undefined || expected === undefined || rest.length > 0) throw new Error(`${file}: not a comparison line: ${line}`);
      return { line, a, b, expected };
    });
}

function sign(order: number): number {
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

/** How the comparator disagrees with the line, or undefined when it agrees both ways. */
function disagreement(comparator: Comparator, { a, b, expected }: Pair): string | undefined {
  try {
    const forward = sign(comparator.compare(a, b));
    const backward = sign(comparator.compare(b, a));
    if (forward === expected && backward === sign(-expected)) return undefined;
    return `says ${a} ${['<', '=', '>'][forward + 1] ?? '?'} ${b} (and the reverse ${['<', '=', '>'][backward + 1] ?? '?'})`;
  } catch (error) {
    if (error instanceof VersionError) return `VersionError: ${error.message}`;
    throw error;
  }
}

interface Tally {
  readonly total: number;
  readonly agreed: number;
  /** Lines it disagrees on, with how. */
  readonly disagreed: ReadonlyMap<string, string>;
  /** How many of those it throws VersionError on. */
  readonly unreadable: number;
}

function tally(comparator: Comparator, pairs: readonly Pair[]): Tally {
  const disagreed = new Map<string, string>();
  for (const pair of pairs) {
    const how = disagreement(comparator, pair);
    if (how !== undefined) disagreed.set(pair.line, how);
  }
  const unreadable = [...disagreed.values()].filter((how) => how.startsWith('VersionError')).length;
  return { total: pairs.length, agreed: pairs.length - disagreed.size, disagreed, unreadable };
}

function comparator(ecosystem: string): Comparator {
  const found = comparatorFor(ecosystem);
  if (!found) throw new Error(`no comparator for ${ecosystem}`);
  return found;
}

function report(label: string, { agreed, total, unreadable }: Tally, extra = ''): void {
  const parts = [unreadable > 0 ? `VersionError on ${unreadable} of the ${total - agreed} others` : '', extra].filter((part) => part !== '');
  agreement(label, agreed, total, parts.length > 0 ? `(${parts.join('; ')})` : '');
}

/** A bar file: every disagreement is a listed exception, and every listed exception still disagrees. */
function expectOnlyExceptions(result: Tally, exceptions: ReadonlyMap<string, string>): void {
  const unexplained = [...result.disagreed].filter(([line]) => !exceptions.has(line)).map(([line, how]) => `${line}: ${how}`);
  expect(unexplained).toEqual([]);
  const stale = [...exceptions.keys()].filter((line) => !result.disagreed.has(line));
  expect(stale).toEqual([]);
}

function exceptions(groups: readonly (readonly [reason: string, lines: readonly string[]])[]): ReadonlyMap<string, string> {
  return new Map(groups.flatMap(([reason, lines]) => lines.map((line) => [line, reason] as const)));
}

const NO_EXCEPTIONS: ReadonlyMap<string, string> = new Map();

// --- the exceptions, line by line -------------------------------------------------

const RUBYGEMS_EXCEPTIONS = exceptions([
  [
    // Gem::Version::VERSION_PATTERN is [0-9]+(?>\.[0-9a-zA-Z]+)*(-…)?: letters need a `.`
    // or `-` before them, so Gem::Version.new('1beta') raises ArgumentError ("Malformed
    // version number string"). These lines come from osv-scalibr's more lenient reader.
    'not a Gem::Version',
    ['1 > 1beta', '1 > 1gamma'],
  ],
]);

const MAVEN_SMALL_EXCEPTIONS = exceptions([
  [
    // The Version Order Specification page says "1-ga-1" = "1-1", but ComparableVersion
    // (maven-artifact 3.2.5, 3.8.7 and 3.9.6 alike, checked with the jars) orders
    // 1-1 ([1, [1]]) above 1-ga-1 ([1, [[1]]]). We follow the implementation.
    'ComparableVersion disagrees with the documentation here',
    ['1-1 = 1-ga-1'],
  ],
]);

const MAVEN_GENERATED_EXCEPTIONS = exceptions([
  [
    // Maven 3.8.7 and 3.9.6 order each of these the other way round (checked with the
    // maven-artifact jars); maven-artifact 3.2.5 agrees with every one of them. The file
    // was sorted with a ComparableVersion from before MNG-7644 (fixed in 3.8.7/3.9.0),
    // which read a qualifier after a dot (`1.0.0.RC1`) unlike one after a hyphen.
    'ordered by a ComparableVersion older than MNG-7644',
    [
      '1.0.0-RC16 < 1.0.0.RC8-beta',
      '1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3',
      '2.9.0-1 < 2.9.0.RC1',
      '6.1.12.rc5 < 6.1.12rc1',
      '1.1.31.sec10 < 1.1.31_noneautotype',
      '1.1.34.sec10 < 1.1.34_noneautotype',
      '1.1.46.sec10 < 1.1.46_noneautotype',
      '1.2.8.sec10_noneautotype < 1.2.8_noneautotype',
      '1.2.31.sec10 < 1.2.31_noneautotype',
      '1.2.48.sec10 < 1.2.48_noneautotype',
      '1.2.50.sec10 < 1.2.50_noneautotype',
      '1.2.54.sec10 < 1.2.54_noneautotype',
      '1.2.57.sec10 < 1.2.57_noneautotype',
      '1.2.60.sec10 < 1.2.60_noneautotype',
      '1.2.67.sec10 < 1.2.67_noneautotype',
      '1.0.0rc0 < 1.0.beta8',
      '1.5.9.RC1 < 1.5.9-RC0',
      '1.1.0-01-glassfish < 1.1.0.Beta1',
    ],
  ],
]);

// The Packagist files were ordered with PHP's version_compare on the raw strings (as
// osv-scalibr does). Composer first normalizes (VersionParser::normalize), which is the
// order its constraints use, and refuses what it cannot normalize.
const PACKAGIST_SMALL_EXCEPTIONS = exceptions([
  [
    // php-src's own version_compare tests: `4.3-2RC1` is no Composer version (normalize
    // throws "Invalid version string"), so VersionError
    'not a Composer version',
    ['4.3-2RC1 < 4.3-2RC2', '4.3-2RC2 > 4.3-2beta5', '4.3-2 > 4.3-2beta1'],
  ],
  [
    // raw version_compare counts the third number; Composer normalizes both to 1.0.0.0,
    // so a constraint `>1.0` does not match 1.0.0
    'equal once normalized',
    ['1.0.0 > 1.0'],
  ],
  [
    // Comparator::compare puts a branch below every version when asked directly, but
    // Composer's constraints never match a branch against a version. By design (see
    // packagist.ts) a dev- branch throws VersionError rather than fall inside or outside
    // a range silently.
    'a dev- branch has no order here',
    ['dev-foo < 1.26.0', '1.26.0 > dev-foo'],
  ],
  [
    // osv-scalibr's own edge cases for its version_compare port; Composer cannot
    // normalize `1.2.3.#` (or `1.2.3.#.1`), so VersionError
    'not a Composer version',
    ['1.2.3.# = 1.2.3', '1.2.3.# = 1.2.3.#', '1.2.3.# = 1.2.3.1', '1.2.3.#.1 > 1.2.3', '1.2.3.#.p3 > 1.2.3', '1.2.3.#.beta < 1.2.3'],
  ],
  [
    // Composer reads at most five digits for a classical major version and 19 for a
    // date-based one: a 30-digit number is an invalid version string
    'not a Composer version',
    [
      '999999999999999999999999999991 < 999999999999999999999999999999',
      '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
    ],
  ],
]);

const PACKAGIST_GENERATED_EXCEPTIONS = exceptions([
  [
    // raw version_compare finds `v3.0` shorter than `v3.0.0-beta` and puts it first;
    // Composer pads both to four numbers, and a release follows its pre-releases
    // (3.0.0.0 > 3.0.0.0-beta; 4.0.0.0-beta4 > 4.0.0.0-alpha)
    'a release before its own pre-release',
    ['v3.0 < v3.0.0-beta', 'v3.4 < v3.4.0-alpha', 'v4-beta4 < v4.0-alpha', 'v4.4 < v4.4.0-beta', 'v6.5 < v6.5.0-beta-0', 'v6.6 < v6.6.0-beta'],
  ],
  [
    // raw version_compare knows only lower-case `alpha` and `beta` (upper-case ones are
    // unknown words, all equal); Composer lower-cases the stability first
    // (1.9.0.0-alpha1 < -alpha2 < -beta1 < -beta2)
    'upper-case stabilities',
    ['v1.9.0-ALPHA.1 = v1.9.0-BETA.1', 'v1.9.0-BETA.1 < v1.9.0-ALPHA.2', 'v1.9.0-ALPHA.2 = v1.9.0-BETA.2'],
  ],
  [
    // Composer reads `-stable` as the release itself (5.1.0.0), after its betas; raw
    // version_compare takes `stable` for an unknown word, below every pre-release
    '-stable is the release',
    ['5.1.0-stable < 5.1.0-beta2'],
  ],
  [
    // PEP 440-style tags and `-test1` that Composer cannot normalize (so Packagist never
    // publishes them as versions): VersionError
    'not a Composer version',
    [
      '0.0.1-test1 < 3.0.0-alpha4',
      '3.0.0b1 < 3.0.0b1.post1',
      '3.0.0b1.post1 < 3.0.0b1.post2',
      '3.0.0b1.post2 < 3.0.0b2',
      '3.0.0b2 < 3.0.0b2.post1',
      '3.0.0b2.post1 < 3.0.0b2.post2',
      '3.0.0b2.post2 < 3.0.0b3',
      '3.1.0 < 3.1.0.post1',
      '3.1.0.post1 < 3.2.0rc1',
      '3.2.0rc1 < 3.2.0rc1.post1',
      '3.2.0rc1.post1 < 3.2.0rc2',
      '3.4.0 < 3.5.0.post1',
      '3.5.0.post1 < 3.5.1',
      '3.5.2 < 3.5.2.post1',
      '3.5.2.post1 < 3.6.0',
      '1.5 < 1.5.1.dev100',
      '1.5.1.dev100 < 1.5.1.dev101',
      '1.5.1.dev101 < 1.5.1a1',
    ],
  ],
]);

// --- npm, crates.io and Go over semver-versions.txt ---------------------------------

const SEMVER_NUMBER = '(0|[1-9][0-9]*)';
const SEMVER_IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const STRICT_SEMVER = new RegExp(`^${SEMVER_NUMBER}\\.${SEMVER_NUMBER}\\.${SEMVER_NUMBER}(?:-${SEMVER_IDENTIFIERS})?(?:\\+${SEMVER_IDENTIFIERS})?$`);

/** semver-versions.txt's strict lines: both sides SemVer 2.0.0 with numbers npm can hold; the rest (a `v`, four parts, 30 digits) are best effort. */
function isStrict({ a, b }: Pair): boolean {
  return [a, b].every((version) => {
    const match = STRICT_SEMVER.exec(version);
    return match !== null && match.slice(1, 4).every((number) => Number(number) <= Number.MAX_SAFE_INTEGER);
  });
}

// --- apk-version.data: apk-tools' own test data, in its own format -----------------

interface ApkData {
  readonly comparisons: Pair[];
  /** Versions apk-tools calls valid (`1.2`) or invalid (`!1.2bc`). */
  readonly validity: { readonly version: string; readonly valid: boolean }[];
  /** Fuzzy-match lines (`~`, `<~`, `>~`, `!~`): a constraint, not an order; not checked. */
  readonly fuzzy: number;
}

function readApkData(): ApkData {
  const comparisons: Pair[] = [];
  const validity: { version: string; valid: boolean }[] = [];
  let fuzzy = 0;
  for (const raw of readFileSync(path('apk-version.data'), 'utf8').split('\n')) {
    const line = raw.replace(/\s*#.*$/, '').trim();
    if (line === '') continue;
    const tokens = line.split(/\s+/);
    const [first = '', op, second] = tokens;
    if (tokens.length === 1) {
      validity.push(first.startsWith('!') ? { version: first.slice(1), valid: false } : { version: first, valid: true });
    } else if (tokens.length === 3 && op !== undefined && second !== undefined) {
      const expected = EXPECTED[op];
      if (expected === undefined) fuzzy++;
      else comparisons.push({ line, a: first, b: second, expected });
    } else {
      throw new Error(`apk-version.data: not a line of its format: ${raw}`);
    }
  }
  return { comparisons, validity, fuzzy };
}

function readable(comparator: Comparator, version: string): boolean {
  try {
    comparator.compare(version, version);
    return true;
  } catch (error) {
    if (error instanceof VersionError) return false;
    throw error;
  }
}

// --- the suites ---------------------------------------------------------------------

describe.skipIf(!HAVE_FIXTURES)('version order against the reference tables', () => {
  describe('held to every line (bar: 100% but the listed exceptions)', () => {
    const cases: readonly (readonly [ecosystem: string, file: string, exceptions: ReadonlyMap<string, string>])[] = [
      ['PyPI', 'pypi-versions.txt', NO_EXCEPTIONS],
      ['PyPI', 'pypi-versions-packaging-order.txt', NO_EXCEPTIONS],
      ['PyPI', 'pypi-versions-generated.txt', NO_EXCEPTIONS],
      ['Packagist', 'packagist-versions.txt', PACKAGIST_SMALL_EXCEPTIONS],
      ['Packagist', 'packagist-versions-generated.txt', PACKAGIST_GENERATED_EXCEPTIONS],
      ['RubyGems', 'rubygems-versions.txt', RUBYGEMS_EXCEPTIONS],
      ['RubyGems', 'rubygems-versions-generated.txt', NO_EXCEPTIONS],
      ['Maven', 'maven-versions.txt', MAVEN_SMALL_EXCEPTIONS],
      ['Maven', 'maven-versions-generated.txt', MAVEN_GENERATED_EXCEPTIONS],
      ['Debian', 'debian-versions.txt', NO_EXCEPTIONS],
      ['Debian', 'debian-versions-generated.txt', NO_EXCEPTIONS],
    ];
    it.each(cases)('%s: %s', (ecosystem, file, listed) => {
      const result = tally(comparator(ecosystem), readPairs(file));
      report(`${ecosystem} ${file}`, result, listed.size > 0 ? `${listed.size} listed exceptions; ${result.agreed}/${result.total - listed.size} of the other lines` : '');
      expectOnlyExceptions(result, listed);
    });

    it('npm: semver-versions.txt, strict lines', () => {
      const result = tally(comparator('npm'), readPairs('semver-versions.txt').filter(isStrict));
      report('npm semver-versions.txt (strict SemVer lines)', result);
      expectOnlyExceptions(result, NO_EXCEPTIONS);
    });
  });

  describe('reported (best effort, held to their current figures)', () => {
    const cases: readonly (readonly [ecosystem: string, file: string, lines: 'all' | 'strict' | 'lenient', floor: number])[] = [
      // a `v`, four parts or 30 digits: npm refuses the last two as npm itself does
      ['npm', 'semver-versions.txt', 'lenient', 29],
      ['crates.io', 'semver-versions.txt', 'strict', 54],
      // Cargo refuses a `v` and numbers past u64: VersionError, as Cargo would
      ['crates.io', 'semver-versions.txt', 'lenient', 0],
      ['Go', 'semver-versions.txt', 'all', 85],
      ['Go', 'go-versions.txt', 'all', 36],
      // NuGet refuses numbers past Int32
      ['NuGet', 'nuget-versions.txt', 'all', 33],
      // the lines it misses hold versions apk-tools 3 rejects (`1-r`, `.1`, `1.2_blah`)
      ['Alpine', 'alpine-versions.txt', 'all', 745],
      ['Alpine', 'alpine-versions-generated.txt', 'all', 13979],
    ];
    it.each(cases)('%s: %s (%s lines)', (ecosystem, file, lines, floor) => {
      const pairs = readPairs(file).filter((pair) => lines === 'all' || isStrict(pair) === (lines === 'strict'));
      const result = tally(comparator(ecosystem), pairs);
      report(`${ecosystem} ${file}${lines === 'all' ? '' : ` (${lines} lines)`}`, result);
      expect(result.agreed).toBeGreaterThanOrEqual(floor);
    });

    it('Alpine: apk-version.data (apk-tools 3 test data)', () => {
      const alpine = comparator('Alpine');
      const { comparisons, validity, fuzzy } = readApkData();
      const compared = tally(alpine, comparisons);
      report('Alpine apk-version.data comparisons', compared, `${fuzzy} fuzzy-match lines not applicable`);
      const validityAgreed = validity.filter(({ version, valid }) => readable(alpine, version) === valid);
      // the one miss is deliberate: `0.1a1`, digits after a letter, which apk-tools 2 read
      agreement('Alpine apk-version.data validity', validityAgreed.length, validity.length);
      expect(compared.agreed).toBeGreaterThanOrEqual(736);
      expect(validityAgreed.length).toBeGreaterThanOrEqual(30);
    });
  });
});
