// What a developer is told to do about a vulnerable package: the one version that fixes
// every advisory found for it (never a version another of them still affects), and the
// manifest to edit, not the package manager's record of what it installed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findVulnerabilities } from '../../src/advisories/find-vulnerabilities.js';
import { byManifestFirst } from '../../src/advisories/manifest.js';
import { OsvOfflineSource } from '../../src/advisories/sources/osv-offline.js';
import type { Package } from '../../src/model.js';
import { tempDir } from '../helpers/temp.js';

const magento = (version: string): Package => ({
  ecosystem: 'Packagist',
  name: 'magento/product-community-edition',
  version,
  purl: `pkg:composer/magento/product-community-edition@${version}`,
  locations: ['shop/vendor/composer/installed.json', 'shop/composer.lock'],
});

// fixed on two release lines, and a second flaw fixed only in the newer line
const ADVISORIES = [
  {
    id: 'GHSA-aaaa-aaaa-aaaa',
    modified: '2024-01-01T00:00:00Z',
    summary: 'two release lines',
    affected: [
      {
        package: { ecosystem: 'Packagist', name: 'magento/product-community-edition' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.4.6-p6' }, { introduced: '2.4.7' }, { fixed: '2.4.7-p1' }] }],
      },
    ],
  },
  {
    id: 'GHSA-bbbb-bbbb-bbbb',
    modified: '2024-01-01T00:00:00Z',
    summary: 'fixed in the newer line only',
    affected: [{ package: { ecosystem: 'Packagist', name: 'magento/product-community-edition' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.4.7' }] }] }],
  },
];

async function advice(version: string): Promise<{ upgradeTo: (string | undefined)[]; paths: (string | undefined)[] }> {
  const file = join(await tempDir(), 'advisories.json');
  await writeFile(file, JSON.stringify(ADVISORIES));
  const { findings } = await findVulnerabilities([magento(version)], [await OsvOfflineSource.open(file)]);
  return { upgradeTo: findings.map((finding) => finding.upgradeTo), paths: findings.map((finding) => finding.path) };
}

describe('the upgrade a finding advises', () => {
  it('is the smallest version no advisory found for the package affects, across release lines', async () => {
    // 2.4.6-p6 fixes the first but not the second; 2.4.7 fixes the second but is inside the first's newer range
    const { upgradeTo } = await advice('2.4.6-p2');
    expect(upgradeTo).toEqual(['2.4.7-p1', '2.4.7-p1']);
  });

  it('is on the same line when that fixes all', async () => {
    const { upgradeTo } = await advice('2.4.7');
    expect(upgradeTo).toEqual(['2.4.7-p1']);
  });

  it('points at the manifest to edit, the project lockfile, not an installed record', async () => {
    const { paths } = await advice('2.4.6-p2');
    expect(paths).toEqual(['shop/composer.lock', 'shop/composer.lock']);
    expect(byManifestFirst(['app/node_modules/.package-lock.json', 'app/node_modules/axios/package.json', 'app/package-lock.json'])).toEqual([
      'app/package-lock.json',
      'app/node_modules/.package-lock.json',
      'app/node_modules/axios/package.json',
    ]);
  });
});
