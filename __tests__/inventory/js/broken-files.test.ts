// Broken JavaScript lockfiles and manifests inside a real release (packed with GNU tar)
// and scanned with scan(): each is one parse-error finding naming the file and the
// extractor, the scan itself never fails, and every readable file is still read.
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeModulesPackageExtractor } from '../../../src/inventory/extractors/javascript/node-modules-package.js';
import type { Report } from '../../../src/model.js';
import { scan } from '../../../src/scan.js';
import { packTree } from '../../helpers/store-package.js';
import { tempDir } from '../../helpers/temp.js';
import { analyze } from './analyze.js';
import { readFixture } from './tool-lists.js';

const v3 = readFixture('npm-v3/package-lock.json').toString('utf8');
const yarnV1 = readFixture('yarn-v1/yarn.lock').toString('utf8');
const berry = readFixture('yarn-berry/yarn.lock').toString('utf8');
const pnpmV9 = readFixture('pnpm-v9/pnpm-lock.yaml').toString('utf8');
const pnpmV5 = readFixture('pnpm-v5/pnpm-lock.yaml').toString('utf8');

/** path → the extractor that must report it unreadable */
const BROKEN: Record<string, [string, string]> = {
  'a/package-lock.json': ['this is not json!', 'javascript/package-lock'],
  'b/package-lock.json': [v3.slice(0, v3.length / 2), 'javascript/package-lock'],
  'c/npm-shrinkwrap.json': ['[]', 'javascript/package-lock'],
  'd/node_modules/.package-lock.json': ['{"lockfileVersion": 3, "packages": []}', 'javascript/package-lock'],
  'e/node_modules/left-pad/package.json': ['{"name": "left-pad", "version": "1.3.0",', 'javascript/node-modules-package'],
  'f/yarn.lock': [yarnV1.slice(0, yarnV1.indexOf('resolved "') + 30), 'javascript/yarn-lock'],
  'g/yarn.lock': [berry.slice(0, berry.indexOf('\n  resolution: ')), 'javascript/yarn-lock'],
  'h/yarn.lock': ['<html>502 Bad Gateway</html>\n', 'javascript/yarn-lock'],
  'i/pnpm-lock.yaml': [pnpmV9.slice(0, pnpmV9.indexOf('\nsnapshots:')), 'javascript/pnpm-lock'],
  'j/pnpm-lock.yaml': [pnpmV5.slice(0, pnpmV5.indexOf('resolution: {') + 25), 'javascript/pnpm-lock'],
  'k/pnpm-lock.yaml': ['this is not valid yaml!', 'javascript/pnpm-lock'],
  'l/node_modules/.pnpm/lock.yaml': ['- 1\n- 2\n', 'javascript/pnpm-lock'],
};

describe('a release with broken JavaScript lockfiles, scanned', () => {
  let report: Report;
  beforeAll(async () => {
    const work = await tempDir();
    const files: Record<string, string> = { 'ok/package-lock.json': v3, 'ok/node_modules/ms/package.json': '{"name": "ms", "version": "2.1.3"}' };
    for (const [path, [content]] of Object.entries(BROKEN)) files[path] = content;
    report = await scan({ target: await packTree(work, 'broken-js', files), advisories: ['none'] });
  });

  it('reports each broken file once, as a blocking parse error of its extractor', () => {
    const errors = report.findings.filter((finding) => finding.kind === 'parse-error');
    expect(errors.map((finding) => [finding.path, finding.rule]).sort()).toEqual(Object.entries(BROKEN).map(([path, [, rule]]) => [path, rule]).sort());
    for (const finding of errors) {
      expect(finding.blocking).toBe(true);
      expect(finding.title).toContain(finding.path);
    }
    expect(report.verdict).toBe('fail');
  });

  it('still reads every file that can be read', () => {
    const ms = report.packages.find((pkg) => pkg.name === 'ms' && pkg.version === '2.1.3');
    expect(ms?.locations).toEqual(['ok/node_modules/ms/package.json', 'ok/package-lock.json']);
    expect(report.packages.filter((pkg) => pkg.ecosystem === 'npm').length).toBe(37);
  });
});

describe('the inventory analyser with the JavaScript extractors', () => {
  it('ignores lockfiles a published package carries, but reads its installed tree', () => {
    const result = analyze({
      'node_modules/some-lib/package.json': '{"name": "some-lib", "version": "1.0.0"}',
      'node_modules/some-lib/yarn.lock': 'broken on purpose',
      'node_modules/some-lib/package-lock.json': 'broken on purpose',
      'node_modules/some-lib/pnpm-lock.yaml': '- broken on purpose',
      'node_modules/some-lib/test/fixtures/package.json': '{"name": "fixture", "version": "9.9.9"}',
    });
    expect(result.wanted).toEqual(['node_modules/some-lib/package.json']);
    expect(result.packages?.map((pkg) => `${pkg.name}@${pkg.version}`)).toEqual(['some-lib@1.0.0']);
    expect(result.findings).toEqual([]);
  });

  it('reports a package.json over its bound as unreadable, without parsing it', () => {
    const padding = ' '.repeat(nodeModulesPackageExtractor.maxBytes);
    const result = analyze({ 'node_modules/huge/package.json': `{"name": "huge", "version": "1.0.0"}${padding}` });
    expect(result.packages).toEqual([]);
    expect(result.findings?.map((finding) => [finding.path, finding.rule])).toEqual([['node_modules/huge/package.json', 'javascript/node-modules-package']]);
    expect(result.findings?.[0]?.title).toMatch(/larger than the \d+-byte bound/);
  });

  it('merges one package found by several formats, dev only if every place with an opinion says so', () => {
    const result = analyze({
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/ms': { version: '2.1.3', dev: true } } }),
      'node_modules/ms/package.json': '{"name": "ms", "version": "2.1.3"}',
      'web/yarn.lock': '# yarn lockfile v1\n\nms@^2.1.3:\n  version "2.1.3"\n',
      'api/pnpm-lock.yaml': "lockfileVersion: '6.0'\npackages:\n  /ms@2.1.3:\n    dev: false\n",
    });
    expect(result.packages).toEqual([
      {
        ecosystem: 'npm',
        name: 'ms',
        version: '2.1.3',
        purl: 'pkg:npm/ms@2.1.3',
        locations: ['api/pnpm-lock.yaml', 'node_modules/ms/package.json', 'package-lock.json', 'web/yarn.lock'],
        dev: false,
        // node_modules/ms/package.json: it is installed, so it ships
        installed: true,
      },
    ]);
  });
});
