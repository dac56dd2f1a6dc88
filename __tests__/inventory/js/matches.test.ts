// Which entries each JavaScript extractor reads: by name, where the tool writes it, and
// never a lockfile that a published package carries inside node_modules.
import { describe, expect, it } from 'vitest';
import type { Extractor } from '../../../src/inventory/extractors/extractor.js';
import { nodeModulesPackageExtractor } from '../../../src/inventory/extractors/javascript/node-modules-package.js';
import { packageLockExtractor } from '../../../src/inventory/extractors/javascript/package-lock.js';
import { pnpmLockExtractor } from '../../../src/inventory/extractors/javascript/pnpm-lock.js';
import { EXTRACTORS } from '../../../src/inventory/extractors/registry.js';
import { yarnLockExtractor } from '../../../src/inventory/extractors/javascript/yarn-lock.js';

function matches(extractor: Extractor, path: string): boolean {
  return extractor.matches(path, path.slice(path.lastIndexOf('/') + 1));
}

const CASES: [Extractor, string, boolean][] = [
  [packageLockExtractor, 'package-lock.json', true],
  [packageLockExtractor, '.medusa/server/package-lock.json', true],
  [packageLockExtractor, 'npm-shrinkwrap.json', true],
  [packageLockExtractor, 'node_modules/.package-lock.json', true],
  [packageLockExtractor, 'plugins/search/node_modules/.package-lock.json', true],
  [packageLockExtractor, '.package-lock.json', false],
  [packageLockExtractor, 'backup/.package-lock.json', false],
  [packageLockExtractor, 'node_modules/some-lib/package-lock.json', false],
  [packageLockExtractor, 'node_modules/some-lib/npm-shrinkwrap.json', false],
  [packageLockExtractor, 'app/node_modules/a/node_modules/b/package-lock.json', false],
  [packageLockExtractor, 'package-lock.json.bak', false],
  [packageLockExtractor, 'package-lock.json/readme.txt', false],
  [packageLockExtractor, 'my_node_modules/package-lock.json', true],

  [nodeModulesPackageExtractor, 'node_modules/lodash/package.json', true],
  [nodeModulesPackageExtractor, 'node_modules/@babel/core/package.json', true],
  [nodeModulesPackageExtractor, 'node_modules/a/node_modules/b/package.json', true],
  [nodeModulesPackageExtractor, 'node_modules/a/node_modules/@scope/b/package.json', true],
  [nodeModulesPackageExtractor, 'vendor/theme/node_modules/jquery/package.json', true],
  [nodeModulesPackageExtractor, 'node_modules/.pnpm/debug@2.6.9/node_modules/debug/package.json', true],
  [nodeModulesPackageExtractor, 'node_modules/.pnpm/@babel+core@7.0.0/node_modules/@babel/core/package.json', true],
  [nodeModulesPackageExtractor, 'package.json', false],
  [nodeModulesPackageExtractor, 'app/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/@babel/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/tslib/modules/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/@babel/runtime/helpers/esm/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/.bin/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/.cache/x/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/@/x/package.json', false],
  [nodeModulesPackageExtractor, 'not_node_modules/x/package.json', false],
  [nodeModulesPackageExtractor, 'node_modules/x/package.json.orig', false],

  [yarnLockExtractor, 'yarn.lock', true],
  [yarnLockExtractor, 'storefront/yarn.lock', true],
  [yarnLockExtractor, 'node_modules/some-lib/yarn.lock', false],
  [yarnLockExtractor, 'yarn.lock.old', false],

  [pnpmLockExtractor, 'pnpm-lock.yaml', true],
  [pnpmLockExtractor, 'apps/web/pnpm-lock.yaml', true],
  [pnpmLockExtractor, 'node_modules/.pnpm/lock.yaml', true],
  [pnpmLockExtractor, 'apps/web/node_modules/.pnpm/lock.yaml', true],
  [pnpmLockExtractor, 'lock.yaml', false],
  [pnpmLockExtractor, 'config/lock.yaml', false],
  [pnpmLockExtractor, 'node_modules/some-lib/pnpm-lock.yaml', false],
  [pnpmLockExtractor, 'pnpm-lock.yml', false],
];

describe('which entries the JavaScript extractors read', () => {
  it.each(CASES.map(([extractor, path, expected]) => [extractor.name, path, expected, extractor] as const))('%s reads %s: %s', (_name, path, expected, extractor) => {
    expect(matches(extractor, path)).toBe(expected);
  });

  it('are registered, each under its own name', () => {
    for (const extractor of [packageLockExtractor, nodeModulesPackageExtractor, yarnLockExtractor, pnpmLockExtractor]) {
      expect(EXTRACTORS).toContain(extractor);
    }
    const names = EXTRACTORS.map((extractor) => extractor.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('bound what they buffer: lockfiles of big monorepos, package.json files small', () => {
    for (const lockfile of [packageLockExtractor, yarnLockExtractor, pnpmLockExtractor]) {
      expect(lockfile.maxBytes).toBeGreaterThanOrEqual(30 * 1024 * 1024);
      expect(lockfile.maxBytes).toBeLessThanOrEqual(128 * 1024 * 1024);
    }
    expect(nodeModulesPackageExtractor.maxBytes).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
