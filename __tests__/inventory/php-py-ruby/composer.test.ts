import { describe, expect, it } from 'vitest';
import { composerInstalledJsonExtractor } from '../../../src/inventory/extractors/php/composer-installed-json.js';
import { composerInstalledPhpExtractor } from '../../../src/inventory/extractors/php/composer-installed-php.js';
import { composerLockExtractor } from '../../../src/inventory/extractors/php/composer-lock.js';
import { extract, find, fixture, ids } from './helpers.js';

describe('composer.lock', () => {
  it('reads packages and packages-dev, names lower case, versions as written', () => {
    const packages = extract(composerLockExtractor, 'composer.lock', fixture('magento-project.composer.lock'));
    expect(ids(packages)).toEqual([
      'laminas/laminas-code@4.11.0',
      'magento/framework@103.0.6-p3',
      'magento/magento2-base@2.4.6-p3',
      'magento/magento2-functional-testing-framework@dev-develop',
      'magento/module-catalog@104.0.6-p3',
      'magento/module-cms@104.0.6-p2',
      'magento/product-community-edition@2.4.6-p3',
      'phpunit/phpunit@9.5.28',
      'symfony/console@v5.4.28',
    ]);
    expect(packages.every((p) => p.ecosystem === 'Packagist')).toBe(true);
    expect(find(packages, 'phpunit/phpunit').dev).toBe(true);
    expect(find(packages, 'magento/magento2-functional-testing-framework').dev).toBe(true);
    expect(find(packages, 'symfony/console').dev).toBe(false);
  });

  it('takes a null packages-dev (Composer 1 --no-dev) as none', () => {
    const lock = JSON.stringify({ packages: [{ name: 'twig/twig', version: 'v2.14.1' }], 'packages-dev': null });
    expect(ids(extract(composerLockExtractor, 'composer.lock', lock))).toEqual(['twig/twig@v2.14.1']);
  });

  it('refuses a lock without packages, and packages without a name or version', () => {
    expect(() => extract(composerLockExtractor, 'composer.lock', '{"content-hash": "x"}')).toThrow(/no "packages"/);
    expect(() => extract(composerLockExtractor, 'composer.lock', '{"packages": [{"version": "1.0.0"}]}')).toThrow(/packages\[0\] has no name/);
    expect(() => extract(composerLockExtractor, 'composer.lock', '{"packages": [{"name": "a/b"}]}')).toThrow(/packages\[0\] has no version/);
    expect(() => extract(composerLockExtractor, 'composer.lock', '{"packages": {"a/b": "1.0"}}')).toThrow(/not a list/);
    expect(() => extract(composerLockExtractor, 'composer.lock', '<<<<<<< HEAD\n{"packages": []}')).toThrow(/not JSON/);
  });
});

describe('vendor/composer/installed.json', () => {
  it('reads Composer 1: a bare array, no word on development packages', () => {
    const installed = JSON.stringify([
      { name: 'phpunit/phpunit', version: '5.6.2', version_normalized: '5.6.2.0', type: 'library' },
      { name: 'guzzlehttp/guzzle', version: '6.3.3', version_normalized: '6.3.3.0', type: 'library' },
    ]);
    const packages = extract(composerInstalledJsonExtractor, 'modules/ps_facebook/vendor/composer/installed.json', installed);
    expect(ids(packages)).toEqual(['guzzlehttp/guzzle@6.3.3', 'phpunit/phpunit@5.6.2']);
    expect(packages.every((p) => p.dev === undefined)).toBe(true);
  });

  it('reads Composer 2: {packages, dev, dev-package-names}', () => {
    const installed = JSON.stringify({
      packages: [
        { name: 'symfony/http-kernel', version: 'v6.3.4', version_normalized: '6.3.4.0', 'install-path': '../symfony/http-kernel' },
        { name: 'PHPUnit/PHPUnit', version: '10.3.2', version_normalized: '10.3.2.0', 'install-path': '../phpunit/phpunit' },
        { name: 'shopware/core', version: '6.5.4.1', version_normalized: '6.5.4.1', 'install-path': '../shopware/core' },
      ],
      dev: true,
      'dev-package-names': ['phpunit/phpunit'],
    });
    const packages = extract(composerInstalledJsonExtractor, 'vendor/composer/installed.json', installed);
    expect(ids(packages)).toEqual(['phpunit/phpunit@10.3.2', 'shopware/core@6.5.4.1', 'symfony/http-kernel@v6.3.4']);
    expect(find(packages, 'phpunit/phpunit').dev).toBe(true);
    expect(find(packages, 'shopware/core').dev).toBe(false);
  });

  it('refuses what is neither shape', () => {
    expect(() => extract(composerInstalledJsonExtractor, 'vendor/composer/installed.json', '"packages"')).toThrow(/neither a list/);
    expect(() => extract(composerInstalledJsonExtractor, 'vendor/composer/installed.json', '{"dev": true}')).toThrow(/packages is not a list/);
    expect(() => extract(composerInstalledJsonExtractor, 'vendor/composer/installed.json', '{"packages": [], "dev-package-names": "x"}')).toThrow(/dev-package-names/);
  });
});

describe('vendor/composer/installed.php', () => {
  it('reads versions; replaced and provided names are not installed code; the shop root is not a package', () => {
    const packages = extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', fixture('composer-2.0.installed.php'));
    expect(ids(packages)).toEqual(['guzzlehttp/guzzle@7.2.0', 'twig/twig@v3.1.1']);
    // Composer 2.0 wrote no dev_requirement
    expect(packages.every((p) => p.dev === undefined)).toBe(true);
  });

  it('reads dev_requirement, keeps branch versions as written, and skips replaced modules of a git clone', () => {
    const packages = extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', fixture('magento-git-clone.installed.php'));
    expect(ids(packages)).toEqual([
      'colinmollenhour/credis@v1.15.0',
      'laminas/laminas-stdlib@dev-main',
      'magento/magento2ce@2.4.6-p3',
      'monolog/monolog@2.9.1',
      'phpunit/phpunit@9.5.28',
    ]);
    expect(find(packages, 'phpunit/phpunit').dev).toBe(true);
    expect(find(packages, 'monolog/monolog').dev).toBe(false);
  });

  it('never runs code: a variable, a call or anything but a literal is refused', () => {
    const php = (body: string): string => `<?php return array('versions' => array('a/b' => array('pretty_version' => ${body})));`;
    expect(ids(extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', php("'1.0.0'")))).toEqual(['a/b@1.0.0']);
    expect(() => extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', php('$version'))).toThrow(/is not a literal/);
    expect(() => extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', php('system("id")'))).toThrow(/is not a literal/);
    expect(() => extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', php('"v$x"'))).toThrow(/interpolates/);
    expect(() => extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', `${php("'1.0'")} echo 1;`)).toThrow(/after the return/);
  });

  it('refuses a file that is not Composer’s', () => {
    expect(() => extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', '<?php return array(')).toThrow(/ends inside/);
    expect(() => extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', "<?php return array('root' => array());")).toThrow(/no 'versions'/);
    expect(() => extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', 'return [];')).toThrow(/<\?php/);
    expect(() =>
      extract(composerInstalledPhpExtractor, 'vendor/composer/installed.php', "<?php return ['versions' => ['a/b' => ['type' => 'library']]];"),
    ).toThrow(/entry 1 of 'versions' has no version/);
  });
});
