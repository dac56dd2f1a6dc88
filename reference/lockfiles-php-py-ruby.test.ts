// The Packagist, PyPI and RubyGems extractors over osv-scanner's lockfile fixtures
// (../shared/fixtures/lockfiles), against the packages osv-scanner's tests expect.
//
// Conventions normalised before comparing (the fixtures README names the first):
// - PyPI names in PEP 503 form on both sides.
// - requirements.txt: both follow `-r other.txt`. osv-scanner reports the other file's
//   packages as the including file's; we report each where it is pinned. Locations are not
//   compared, so each fixture is read as the scan reads it: as a requirements file in the
//   folder of the others, its includes followed (requirements-includes.ts).
// - requirements.txt: osv-scanner reports an unpinned requirement (`flask`, `coverage !=
//   3.5`) as version 0.0.0, its "no version" placeholder. We report no package for a line
//   that pins no version, so those entries are not expected.
//
// Deliberate differences that remain are listed in DELIBERATE with their reasons, and the
// test fails unless the differences found are exactly those.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPackage, Extractor } from '../src/inventory/extractors/extractor.js';
import { composerLockExtractor } from '../src/inventory/extractors/php/composer-lock.js';
import { gemfileLockExtractor } from '../src/inventory/extractors/ruby/gemfile-lock.js';
import { pdmLockExtractor } from '../src/inventory/extractors/python/pdm-lock.js';
import { pipfileLockExtractor } from '../src/inventory/extractors/python/pipfile-lock.js';
import { poetryLockExtractor } from '../src/inventory/extractors/python/poetry-lock.js';
import { normalizePypiName } from '../src/inventory/extractors/python/pypi-name.js';
import { requirementsTxtExtractor } from '../src/inventory/extractors/python/requirements-txt.js';
import { RequirementsIncludes } from '../src/inventory/extractors/python/requirements-includes.js';
import { isObject, isString, stringAt } from '../src/util/shape.js';
import { FIXTURES, HAVE_FIXTURES, agreement } from './fixtures.js';

const LOCKFILES = join(FIXTURES, 'lockfiles');

const EXTRACTORS: Record<string, Extractor> = {
  'composer-lock': composerLockExtractor,
  'requirements-txt': requirementsTxtExtractor,
  'poetry-lock': poetryLockExtractor,
  'pipfile-lock': pipfileLockExtractor,
  'gemfile-lock': gemfileLockExtractor,
  'other-pdm': pdmLockExtractor,
};

/** Per fixture: packages osv-scanner expects that we do not report, and packages we report that it does not expect. */
const DELIBERATE: Record<string, { missing?: string[]; extra?: string[]; why: string }> = {
  'requirements-txt/file-format-example.txt': {
    missing: ['keyring@4.1.1', 'mopidy-dirble@1.1'],
    why: '`keyring >= 4.1.1` and `Mopidy-Dirble ~= 1.1` are ranges; osv-scanner reports their lower bound as if it were installed, which would report the flaws of a version that is likely not there',
  },
  'requirements-txt/with-per-requirement-options.txt': {
    missing: ['barproject@1.2'],
    why: '`BarProject >= 1.2` is a range, not a pin (as above)',
  },
  'requirements-txt/line-continuation.txt': {
    missing: ['bar@4.5\\\\'],
    extra: ['bar@4.5.6'],
    why: 'pip joins `bar == 4.5\\\\` and `.6` into `bar == 4.5.6` (join_lines strips every trailing backslash); osv-scanner keeps the backslashes as the version',
  },
};

/** Fixtures osv-scanner expects an error for, that we read. */
const DELIBERATE_NO_ERROR: Record<string, string> = {
  'requirements-txt/with-bad-r-option.txt':
    'osv-scanner fails because `-r ./does-not-exist.txt` names a missing file; a file the release does not hold ships no package, and the file itself is fine',
};

interface IndexEntry {
  expected: string;
  fixture: string;
  depGroups: Record<string, string[]> | undefined;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function indexEntries(): IndexEntry[] {
  const index = readJson(join(LOCKFILES, 'expected/_index.json'));
  if (!Array.isArray(index)) throw new Error('expected/_index.json is not a list');
  const out: IndexEntry[] = [];
  for (const item of index) {
    if (!isObject(item)) continue;
    const expected = stringAt(item, 'expected');
    const fixture = stringAt(item, 'fixture');
    if (!expected || !fixture || !Object.hasOwn(EXTRACTORS, fixture.split('/')[0] ?? '')) continue;
    const groups = item['dep_groups'];
    const depGroups: Record<string, string[]> = {};
    if (isObject(groups)) for (const [key, value] of Object.entries(groups)) depGroups[key] = Array.isArray(value) ? value.filter(isString) : [];
    out.push({ expected, fixture, depGroups: isObject(groups) ? depGroups : undefined });
  }
  return out;
}

/** Fixtures osv-scanner's tests expect an error for, by `<type>/<file>`. */
function errorFixtures(): string[] {
  const tests = readJson(join(LOCKFILES, 'expected/_all_tests.json'));
  if (!isObject(tests)) throw new Error('expected/_all_tests.json is not an object');
  const out: string[] = [];
  for (const test of Object.values(tests)) {
    if (!isObject(test) || test['expects_error'] !== true) continue;
    const type = stringAt(test, 'type') ?? '';
    const fixture = `${type}/${basename(stringAt(test, 'fixture') ?? '')}`;
    if (Object.hasOwn(EXTRACTORS, type) && fixture !== `${type}/does-not-exist`) out.push(fixture);
  }
  return out.sort();
}

function key(name: string, version: string, ecosystem: string): string {
  return `${ecosystem === 'PyPI' ? normalizePypiName(name) : name}@${version}`;
}

interface Expected {
  packages: { key: string; dev: boolean }[];
  /** Entries set aside by the conventions above: unpinned. */
  unpinned: number;
}

/** A requirements fixture as the scan reads it: beside the other fixtures, its includes followed. */
function readRequirementsFixture(fixture: string, content: Buffer): ExtractedPackage[] {
  const folder = join(LOCKFILES, 'requirements-txt');
  const includes = new RequirementsIncludes();
  for (const name of readdirSync(folder)) includes.take(`requirements-txt/${name}`, name, readFileSync(join(folder, name)));
  const self = 'requirements-txt/requirements.txt';
  includes.take(self, 'requirements.txt', content);
  const own = requirementsTxtExtractor.extract({ path: fixture, content });
  return [...own, ...includes.resolve().packages.map((p) => p.package)];
}

function expectedOf(entry: IndexEntry, type: string): Expected {
  const list = readJson(join(LOCKFILES, entry.expected));
  if (!Array.isArray(list)) throw new Error(`${entry.expected} is not a list`);
  const out: Expected = { packages: [], unpinned: 0 };
  for (const item of list) {
    if (!isObject(item)) continue;
    const name = stringAt(item, 'name') ?? '';
    const version = stringAt(item, 'version') ?? '';
    const groups = entry.depGroups?.[`${name}@${version}`] ?? [];
    if (type === 'requirements-txt' && version === '0.0.0') {
      out.unpinned++;
      continue;
    }
    out.packages.push({ key: key(name, version, stringAt(item, 'ecosystem') ?? ''), dev: groups.includes('dev') });
  }
  return out;
}

interface Tally {
  agreed: number;
  total: number;
  fixtures: number;
  fixturesAgreeing: number;
  unpinned: number;
  deliberate: string[];
}

describe.skipIf(!HAVE_FIXTURES)('lockfiles: Packagist, PyPI and RubyGems against osv-scanner', () => {
  const entries = HAVE_FIXTURES ? indexEntries() : [];
  const tallies = new Map<string, Tally>();

  for (const entry of entries) {
    const type = entry.fixture.split('/')[0] ?? '';
    const extractor = EXTRACTORS[type];
    if (!extractor) continue;
    it(entry.fixture, () => {
      const content = readFileSync(join(LOCKFILES, entry.fixture));
      const ours: ExtractedPackage[] =
        type === 'requirements-txt' ? readRequirementsFixture(entry.fixture, content) : extractor.extract({ path: entry.fixture, content });
      const { packages: expected, unpinned } = expectedOf(entry, type);
      const ourKeys = new Set(ours.map((p) => key(p.name, p.version, p.ecosystem)));
      const expectedKeys = new Set(expected.map((e) => e.key));
      const missing = [...expectedKeys].filter((k) => !ourKeys.has(k)).sort();
      const extra = [...ourKeys].filter((k) => !expectedKeys.has(k)).sort();

      const deliberate = DELIBERATE[entry.fixture];
      expect({ missing, extra }).toEqual({ missing: [...(deliberate?.missing ?? [])].sort(), extra: [...(deliberate?.extra ?? [])].sort() });

      // development packages: osv-scanner's `dev` group must be ours, and nothing else may be
      for (const e of expected) {
        const pkg = ours.find((p) => key(p.name, p.version, p.ecosystem) === e.key);
        if (pkg && type !== 'requirements-txt') expect({ pkg: e.key, dev: pkg.dev === true }).toEqual({ pkg: e.key, dev: e.dev });
      }

      const tally = tallies.get(type) ?? { agreed: 0, total: 0, fixtures: 0, fixturesAgreeing: 0, unpinned: 0, deliberate: [] };
      tally.unpinned += unpinned;
      const union = new Set([...expectedKeys, ...ourKeys]);
      tally.total += union.size;
      tally.agreed += [...union].filter((k) => expectedKeys.has(k) && ourKeys.has(k)).length;
      tally.fixtures++;
      if (missing.length === 0 && extra.length === 0) tally.fixturesAgreeing++;
      if (deliberate) tally.deliberate.push(`${basename(entry.fixture)}: ${deliberate.why}`);
      tallies.set(type, tally);
    });
  }

  const broken = HAVE_FIXTURES ? errorFixtures() : [];
  for (const fixture of broken) {
    const extractor = EXTRACTORS[fixture.split('/')[0] ?? ''];
    if (!extractor) continue;
    it(`${fixture}: osv-scanner refuses it`, () => {
      const content = readFileSync(join(LOCKFILES, fixture));
      const reason = DELIBERATE_NO_ERROR[fixture];
      if (reason) expect(() => extractor.extract({ path: fixture, content })).not.toThrow();
      else expect(() => extractor.extract({ path: fixture, content })).toThrow();
    });
  }

  it('agreement per format', () => {
    const lines: string[] = [];
    for (const [type, tally] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(agreement(`${type} packages`, tally.agreed, tally.total, `(${tally.fixturesAgreeing}/${tally.fixtures} fixtures identical)`));
      if (tally.unpinned > 0) console.log(`  by convention, not expected: ${tally.unpinned} unpinned (osv-scanner's 0.0.0)`);
      for (const note of tally.deliberate) console.log(`  deliberate: ${note}`);
    }
    for (const [fixture, why] of Object.entries(DELIBERATE_NO_ERROR)) console.log(`  deliberate: ${fixture} is read, not refused: ${why}`);
    expect(lines.length).toBe(Object.keys(EXTRACTORS).length);
  });
});
