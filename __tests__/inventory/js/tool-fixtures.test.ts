// Each extractor over the lockfile a real package manager wrote, against the list that
// same tool gives of what it installed (fixtures made by make-fixtures.sh; the tool
// versions are in tool-versions.txt).
import { describe, expect, it } from 'vitest';
import type { ExtractedPackage, Extractor } from '../../../src/inventory/extractors/extractor.js';
import { packageLockExtractor } from '../../../src/inventory/extractors/javascript/package-lock.js';
import { pnpmLockExtractor } from '../../../src/inventory/extractors/javascript/pnpm-lock.js';
import { yarnLockExtractor } from '../../../src/inventory/extractors/javascript/yarn-lock.js';
import { npmLs, pnpmList, readFixture, yarnInfo, yarnList, type ToolList } from './tool-lists.js';

function extract(extractor: Extractor, fixture: string, path: string): ExtractedPackage[] {
  expect(extractor.matches(path, path.slice(path.lastIndexOf('/') + 1))).toBe(true);
  return extractor.extract({ path, content: readFixture(fixture) });
}

function pairs(packages: readonly ExtractedPackage[]): string[] {
  return [...new Set(packages.map((pkg) => `${pkg.name}@${pkg.version}`))].sort();
}

/** name@version of the packages every place calls dev, as the inventory merges the flag. */
function devPairs(packages: readonly ExtractedPackage[]): string[] {
  const dev = new Map<string, boolean>();
  for (const pkg of packages) {
    const key = `${pkg.name}@${pkg.version}`;
    dev.set(key, (dev.get(key) ?? true) && pkg.dev === true);
  }
  return [...dev].filter(([, isDev]) => isDev).map(([key]) => key).sort();
}

function listedPairs(list: ToolList): string[] {
  return [...list.keys()].sort();
}

function listedDev(list: ToolList): string[] {
  return [...list].filter(([, listed]) => listed.dev).map(([key]) => key).sort();
}

describe('the extractors agree with the package managers', () => {
  const npmCases = [
    { dir: 'npm-v3', marksDev: true },
    { dir: 'npm-v2', marksDev: true },
    { dir: 'npm-v1', marksDev: false },
  ];
  for (const { dir, marksDev } of npmCases) {
    it(`${dir}: package-lock.json lists what npm ls lists, dev flags included`, () => {
      const found = extract(packageLockExtractor, `${dir}/package-lock.json`, 'package-lock.json');
      const listed = npmLs(`${dir}/npm-ls.json`, marksDev);
      expect(pairs(found)).toEqual(listedPairs(listed));
      expect(devPairs(found)).toEqual(listedDev(listed));
      expect(listed.size).toBeGreaterThan(30);
    });
  }

  it('yarn 1: yarn.lock lists what yarn list lists (the alias under its real name)', () => {
    const found = extract(yarnLockExtractor, 'yarn-v1/yarn.lock', 'yarn.lock');
    expect(pairs(found)).toEqual(listedPairs(yarnList('yarn-v1/yarn-list.json')));
    expect(pairs(found)).toContain('string-width@4.2.3');
  });

  it('yarn 4: yarn.lock lists what yarn info --all lists, without the workspace itself', () => {
    const found = extract(yarnLockExtractor, 'yarn-berry/yarn.lock', 'yarn.lock');
    expect(pairs(found)).toEqual(listedPairs(yarnInfo('yarn-berry/yarn-info.json')));
    expect(pairs(found).some((pair) => pair.startsWith('storefront-fixture@'))).toBe(false);
  });

  for (const dir of ['pnpm-v5', 'pnpm-v6', 'pnpm-v9']) {
    it(`${dir}: pnpm-lock.yaml lists what pnpm list lists, dev flags included`, () => {
      const found = extract(pnpmLockExtractor, `${dir}/pnpm-lock.yaml`, 'pnpm-lock.yaml');
      const listed = pnpmList(`${dir}/pnpm-list.json`);
      expect(pairs(found)).toEqual(listedPairs(listed));
      expect(devPairs(found)).toEqual(listedDev(listed));
    });
  }

  it('every tool installed the same packages', () => {
    const npm = listedPairs(npmLs('npm-v3/npm-ls.json', true));
    expect(listedPairs(yarnList('yarn-v1/yarn-list.json'))).toEqual(npm);
    expect(listedPairs(yarnInfo('yarn-berry/yarn-info.json'))).toEqual(npm);
    expect(listedPairs(pnpmList('pnpm-v9/pnpm-list.json'))).toEqual(npm);
    // what the fixture project was made to have
    expect(npm).toEqual(expect.arrayContaining(['ms@2.0.0', 'ms@2.1.3', 'string-width@4.2.3', 'string-width@5.1.2', '@isaacs/string-locale-compare@1.1.0']));
  });
});
