// Magento's product identity: the package that stands for the release carries the other
// names of the product as aliases (advisories are filed under several), and module
// packages, whose versions are unrelated, never do.
import { describe, expect, it } from 'vitest';
import { composerInstalledJsonExtractor } from '../../../src/inventory/extractors/php/composer-installed-json.js';
import { composerInstalledPhpExtractor } from '../../../src/inventory/extractors/php/composer-installed-php.js';
import { composerLockExtractor } from '../../../src/inventory/extractors/php/composer-lock.js';
import type { ExtractedPackage } from '../../../src/inventory/extractors/extractor.js';
import { magentoRootComposerJsonExtractor } from '../../../src/inventory/extractors/php/magento-root-composer-json.js';
import { extract, find, fixture } from './helpers.js';

const COMMUNITY = [
  'magento/community-edition',
  'magento/magento2-base',
  'magento/magento2ce',
  'magento/product-community-edition',
  'magento/project-community-edition',
];
const COMMERCE = [
  ...COMMUNITY,
  'magento/magento-cloud-metapackage',
  'magento/magento2-ee-base',
  'magento/magento2ee-base',
  'magento/product-enterprise-edition',
  'magento/project-enterprise-edition',
].sort();

function without(names: string[], name: string): string[] {
  return names.filter((n) => n !== name);
}

function aliased(packages: ExtractedPackage[]): ExtractedPackage[] {
  return packages.filter((p) => p.aliases !== undefined);
}

describe('a Magento composer project (metapackage, base, modules)', () => {
  const packages = extract(composerLockExtractor, 'composer.lock', fixture('magento-project.composer.lock'));

  it('the metapackage stands for the product, under every other community name', () => {
    const product = find(packages, 'magento/product-community-edition');
    expect(product.version).toBe('2.4.6-p3');
    expect(product.aliases).toEqual(without(COMMUNITY, 'magento/product-community-edition'));
    expect(product.aliases).toContain('magento/community-edition');
  });

  it('only the product carries aliases: not the base, not the modules, not the framework', () => {
    expect(aliased(packages).map((p) => p.name)).toEqual(['magento/product-community-edition']);
    expect(find(packages, 'magento/module-cms').aliases).toBeUndefined();
    expect(find(packages, 'magento/module-catalog').aliases).toBeUndefined();
    expect(find(packages, 'magento/magento2-base').aliases).toBeUndefined();
  });

  it('the same from vendor/composer/installed.json', () => {
    const installed = JSON.stringify({
      packages: [
        { name: 'magento/module-catalog', version: '104.0.6-p3' },
        { name: 'magento/magento2-base', version: '2.4.6-p3' },
        { name: 'magento/product-community-edition', version: '2.4.6-p3' },
      ],
      dev: false,
      'dev-package-names': [],
    });
    const fromVendor = extract(composerInstalledJsonExtractor, 'vendor/composer/installed.json', installed);
    expect(aliased(fromVendor).map((p) => `${p.name}@${p.version}`)).toEqual(['magento/product-community-edition@2.4.6-p3']);
  });
});

describe('without a metapackage, magento2-base stands for the product', () => {
  it('takes the base version, not a module version', () => {
    const lock = JSON.stringify({
      packages: [
        { name: 'magento/module-catalog', version: '104.0.7' },
        { name: 'magento/magento2-base', version: '2.4.7' },
      ],
    });
    const packages = extract(composerLockExtractor, 'composer.lock', lock);
    expect(aliased(packages)).toEqual([
      { ecosystem: 'Packagist', name: 'magento/magento2-base', version: '2.4.7', dev: false, aliases: without(COMMUNITY, 'magento/magento2-base') },
    ]);
  });
});

describe('a Magento git clone (root magento/magento2ce)', () => {
  const packages = extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', fixture('magento-git-clone.installed.php'));

  it('the root project stands for the product, at the root version', () => {
    const product = find(packages, 'magento/magento2ce');
    expect(product.version).toBe('2.4.6-p3');
    expect(product.aliases).toEqual(without(COMMUNITY, 'magento/magento2ce'));
    expect(product.dev).toBe(false);
  });

  it('the modules the root replaces are neither packages nor aliases', () => {
    expect(packages.some((p) => p.name.startsWith('magento/module-') || p.name === 'magento/framework')).toBe(false);
    expect(aliased(packages).map((p) => p.name)).toEqual(['magento/magento2ce']);
    for (const p of packages) expect(p.aliases ?? []).not.toContain('magento/module-catalog');
  });

  it('the root composer.json says the same where installed.php is missing (Composer 1)', () => {
    const manifest = JSON.stringify({
      name: 'magento/magento2ce',
      description: 'Magento 2 (Open Source)',
      type: 'project',
      version: '2.3.7-p4',
      replace: { 'magento/module-catalog': '*' },
    });
    expect(extract(magentoRootComposerJsonExtractor, 'composer.json', manifest)).toEqual([
      { ecosystem: 'Packagist', name: 'magento/magento2ce', version: '2.3.7-p4', dev: false, aliases: without(COMMUNITY, 'magento/magento2ce') },
    ]);
  });

  it('other composer.json files are not its business, broken or not', () => {
    expect(extract(magentoRootComposerJsonExtractor, 'vendor/magento/module-catalog/composer.json', '{"name": "magento/module-catalog", "version": "104.0.6-p3"}')).toEqual([]);
    expect(extract(magentoRootComposerJsonExtractor, 'vendor/magento/magento2-base/composer.json', '{"name": "magento/magento2-base", "type": "magento2-component", "version": "2.4.6"}')).toEqual([]);
    expect(extract(magentoRootComposerJsonExtractor, 'vendor/x/y/tests/composer.json', '{"name": "broken/fixture", ')).toEqual([]);
    expect(extract(magentoRootComposerJsonExtractor, 'composer.json', '{"name": "magento/magento2ce", "version": ">=2.4.6 <2.4.7"}')).toEqual([]);
    // a composer project's root: its lock's metapackage stands for the product already
    expect(extract(magentoRootComposerJsonExtractor, 'composer.json', '{"name": "magento/project-community-edition", "type": "project", "version": "2.4.6-p3"}')).toEqual([]);
    expect(() => extract(magentoRootComposerJsonExtractor, 'composer.json', '{"name": "magento/magento2ce", "version": "2.4.6",')).toThrow(/not JSON/);
  });
});

describe('Adobe Commerce', () => {
  it('the enterprise metapackage stands for the product, under community and commerce names alike', () => {
    const lock = JSON.stringify({
      packages: [
        { name: 'magento/magento-cloud-metapackage', version: '2.4.6-p3' },
        { name: 'magento/magento2-base', version: '2.4.6-p3' },
        { name: 'magento/magento2-ee-base', version: '2.4.6-p3' },
        { name: 'magento/module-admin-gws', version: '100.4.6-p3' },
        { name: 'magento/product-community-edition', version: '2.4.6-p3' },
        { name: 'magento/product-enterprise-edition', version: '2.4.6-p3' },
      ],
    });
    const packages = extract(composerLockExtractor, 'composer.lock', lock);
    expect(aliased(packages).map((p) => p.name)).toEqual(['magento/product-enterprise-edition']);
    expect(find(packages, 'magento/product-enterprise-edition').aliases).toEqual(without(COMMERCE, 'magento/product-enterprise-edition'));
    expect(find(packages, 'magento/module-admin-gws').aliases).toBeUndefined();
  });

  it('an Open Source store is never given Commerce names (a Commerce-only flaw is not its flaw)', () => {
    const packages = extract(composerLockExtractor, 'composer.lock', fixture('magento-project.composer.lock'));
    expect(find(packages, 'magento/product-community-edition').aliases).not.toContain('magento/product-enterprise-edition');
  });

  it('a Commerce project root with no metapackage in the file stands for the product', () => {
    const installed = `<?php return array('root' => array('name' => 'magento/project-enterprise-edition', 'pretty_version' => '2.4.7-p1'),
      'versions' => array('magento/project-enterprise-edition' => array('pretty_version' => '2.4.7-p1', 'version' => '2.4.7.0-patch1')));`;
    const packages = extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', installed);
    expect(packages.map((p) => p.name)).toEqual(['magento/project-enterprise-edition']);
    expect(find(packages, 'magento/project-enterprise-edition').aliases).toEqual(without(COMMERCE, 'magento/project-enterprise-edition'));
  });
});

describe('not Magento', () => {
  it('a Mage-OS or Shopware release gets no Magento aliases', () => {
    const lock = JSON.stringify({
      packages: [
        { name: 'mage-os/product-community-edition', version: '1.0.1' },
        { name: 'shopware/core', version: '6.5.4.1' },
      ],
    });
    expect(aliased(extract(composerLockExtractor, 'composer.lock', lock))).toEqual([]);
  });
});
