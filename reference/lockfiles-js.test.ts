// The JavaScript extractors over osv-scanner's lockfile fixtures (../shared/fixtures/
// lockfiles), against the packages osv-scanner's own tests expect of each.
//
// Conventions normalised before comparing, each a deliberate difference:
// - A package whose expected version is "" (a git, file or tarball dependency whose
//   lockfile entry gives no version, only where it came from) is left out of the
//   expected list: we skip such entries, since an advisory names versions and there is
//   none to match; osv-scanner keeps them to query by commit, which npm advisories never use.
// - A yarn or pnpm workspace package, expected as "0.0.0-use.local" (the fixtures
//   README names this convention), is left out: it is the project's own code, and that
//   placeholder names no release of anything an advisory could be about.
// - A package listed twice (one name and version at two places in the tree) is one
//   package for us: the inventory merges them and keeps every location.
// Fixtures osv-scanner's tests expect to fail (not JSON, not YAML) must fail here too.
import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extractor } from '../src/inventory/extractors/extractor.js';
import { readLockfileYaml } from '../src/inventory/syntax/lockfile-yaml.js';
import { packageLockExtractor } from '../src/inventory/extractors/javascript/package-lock.js';
import { pnpmLockExtractor } from '../src/inventory/extractors/javascript/pnpm-lock.js';
import { yarnLockExtractor } from '../src/inventory/extractors/javascript/yarn-lock.js';
import { isObject, isString } from '../src/util/shape.js';
import { FIXTURES, HAVE_FIXTURES, agreement } from './fixtures.js';

/** Each fixture type, the extractor that reads it and the path it would have in a release. */
const TYPES: Record<string, { extractor: Extractor; path: string }> = {
  'npm-v1': { extractor: packageLockExtractor, path: 'package-lock.json' },
  'npm-v2': { extractor: packageLockExtractor, path: 'package-lock.json' },
  'npm-v3': { extractor: packageLockExtractor, path: 'package-lock.json' },
  'npm-misc': { extractor: packageLockExtractor, path: 'package-lock.json' },
  // osv-scanner reads the same files as node_modules/.package-lock.json
  node_modules: { extractor: packageLockExtractor, path: 'node_modules/.package-lock.json' },
  'yarn-v1': { extractor: yarnLockExtractor, path: 'yarn.lock' },
  'yarn-berry': { extractor: yarnLockExtractor, path: 'yarn.lock' },
  'pnpm-v5': { extractor: pnpmLockExtractor, path: 'pnpm-lock.yaml' },
  'pnpm-v6': { extractor: pnpmLockExtractor, path: 'pnpm-lock.yaml' },
  'pnpm-v9': { extractor: pnpmLockExtractor, path: 'pnpm-lock.yaml' },
  'pnpm-misc': { extractor: pnpmLockExtractor, path: 'pnpm-lock.yaml' },
};

/**
 * Fixtures where we deliberately differ, with the reason. Anything else that disagrees
 * fails the suite.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  // osv-scanner refuses the whole file because one key, `axios@1.2.5`, is spelled the
  // pnpm 6 way in a 5.4 lockfile; we read that key as axios 1.2.5 and the rest as usual,
  // rather than lose every package the file lists (a package we do not see is a
  // vulnerability we cannot report).
  'pnpm-v5/invalid-package-path.yaml': 'read leniently: a v6-style key in a v5 lockfile',
};

const LOCKFILES = join(FIXTURES, 'lockfiles');

interface Expectation {
  /** Expected (name, version) pairs after normalising, or 'error'. */
  packages: Set<string> | 'error';
  /** Expected entries left out by the normalisations above. */
  normalised: number;
}

function pair(name: string, version: string): string {
  return `${name}@${version}`;
}

/** The failing cases of osv-scanner's tests, by fixture type and file name. */
function expectedErrors(): Set<string> {
  const tests: unknown = JSON.parse(readFileSync(join(LOCKFILES, 'expected/_all_tests.json'), 'utf8'));
  const errors = new Set<string>();
  if (!isObject(tests)) return errors;
  for (const test of Object.values(tests)) {
    if (!isObject(test) || test['expects_error'] !== true || !isString(test['type']) || !isString(test['fixture'])) continue;
    errors.add(`${test['type']}/${test['fixture'].slice(test['fixture'].lastIndexOf('/') + 1)}`);
  }
  return errors;
}

function expectationOf(type: string, file: string, errors: Set<string>): Expectation | undefined {
  if (errors.has(`${type}/${file}`)) return { packages: 'error', normalised: 0 };
  let listed: unknown;
  try {
    listed = JSON.parse(readFileSync(join(LOCKFILES, 'expected', `${type}__${file}.json`), 'utf8'));
  } catch {
    return undefined; // no expectation for this fixture
  }
  if (!Array.isArray(listed)) throw new Error(`expected/${type}__${file}.json is not a list`);
  const packages = new Set<string>();
  let normalised = 0;
  for (const item of listed) {
    if (!isObject(item) || !isString(item['name']) || !isString(item['version'])) throw new Error(`expected/${type}__${file}.json has a malformed item`);
    if (item['version'] === '' || item['version'] === '0.0.0-use.local') normalised++;
    else packages.add(pair(item['name'], item['version']));
  }
  return { packages, normalised };
}

function actualOf(type: string, file: string): Set<string> | 'error' {
  const { extractor, path } = TYPES[type] ?? {};
  if (!extractor || !path) throw new Error(`no extractor for ${type}`);
  try {
    const found = extractor.extract({ path, content: readFileSync(join(LOCKFILES, type, file)) });
    return new Set(found.map((pkg) => pair(pkg.name, pkg.version)));
  } catch {
    return 'error';
  }
}

function same(a: Set<string> | 'error', b: Set<string> | 'error'): boolean {
  if (a === 'error' || b === 'error') return a === b;
  return a.size === b.size && [...a].every((item) => b.has(item));
}

function show(value: Set<string> | 'error'): string {
  return value === 'error' ? 'an error' : `[${[...value].sort().join(', ')}]`;
}

describe.skipIf(!HAVE_FIXTURES)('JavaScript lockfiles against osv-scanner fixtures', () => {
  for (const type of Object.keys(TYPES)) {
    it(`${type}: every fixture yields the packages osv-scanner expects`, () => {
      const errors = expectedErrors();
      const files = readdirSync(join(LOCKFILES, type)).sort();
      let total = 0;
      let agreed = 0;
      let normalised = 0;
      const mismatches: string[] = [];
      const unexpected: string[] = [];
      for (const file of files) {
        const expectation = expectationOf(type, file, errors);
        if (!expectation) continue;
        total++;
        normalised += expectation.normalised;
        const actual = actualOf(type, file);
        if (same(actual, expectation.packages)) {
          agreed++;
          continue;
        }
        const id = `${type}/${file}`;
        mismatches.push(`${id} (${KNOWN_DIFFERENCES[id] ?? 'unexplained'})`);
        if (!KNOWN_DIFFERENCES[id]) unexpected.push(`${id}: got ${show(actual)}, expected ${show(expectation.packages)}`);
      }
      const extra = [normalised > 0 ? `${normalised} expected entries normalised away` : '', mismatches.length > 0 ? `differ: ${mismatches.join('; ')}` : '']
        .filter(Boolean)
        .join('; ');
      agreement(`lockfiles/${type}`, agreed, total, extra);
      expect(total).toBeGreaterThan(0);
      expect(unexpected).toEqual([]);
    });
  }

  it('the fast YAML reader reads every YAML fixture it takes exactly as the yaml library does', () => {
    let fast = 0;
    let total = 0;
    for (const type of ['yarn-berry', 'pnpm-v5', 'pnpm-v6', 'pnpm-v9', 'pnpm-misc']) {
      for (const file of readdirSync(join(LOCKFILES, type))) {
        const text = readFileSync(join(LOCKFILES, type, file), 'utf8');
        if (type === 'yarn-berry' && !text.includes('__metadata')) continue;
        total++;
        const read = readLockfileYaml(text);
        if (read === undefined) continue; // given up to the library
        fast++;
        const documents = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false });
        const library = (Array.isArray(documents) ? documents : [documents]).map((document) => document.toJS() as unknown);
        expect(JSON.parse(JSON.stringify(read)), `${type}/${file}`).toEqual(library.length === 0 ? [null] : library);
      }
    }
    agreement('lockfiles YAML read by the fast reader, equal to the yaml library', fast, total);
    expect(fast).toBeGreaterThan(total / 2);
  });

  it('the known differences are still differences', () => {
    for (const id of Object.keys(KNOWN_DIFFERENCES)) {
      const [type = '', file = ''] = id.split('/');
      const expectation = expectationOf(type, file, expectedErrors());
      expect(expectation, id).toBeDefined();
      if (expectation) expect(same(actualOf(type, file), expectation.packages), id).toBe(false);
    }
  });
});
