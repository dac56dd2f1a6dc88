// Through the real pipeline: a PHP store tree packed by GNU tar, read by scan() in one
// streaming pass, with the inventory merging what every extractor found.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Package, Report } from '../../../src/model.js';
import { scan } from '../../../src/scan.js';
import { packTree } from '../../helpers/store-package.js';
import { fixture } from './helpers.js';

// one folder for the file, removed at its end (an afterAll registered inside a hook never runs)
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'release-gate-php-py-ruby-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function pkg(report: Report, name: string, version: string): Package {
  const found = report.packages.find((p) => p.name === name && p.version === version);
  if (!found) throw new Error(`${name}@${version} not in ${report.packages.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  return found;
}

describe('a PHP store release with a plugin that carries its own vendor folder', () => {
  let report: Report;

  beforeAll(async () => {
    const installedV2 = JSON.stringify({
      packages: [
        { name: 'magento/product-community-edition', version: '2.4.6-p3', type: 'metapackage' },
        { name: 'magento/magento2-base', version: '2.4.6-p3' },
        { name: 'magento/module-catalog', version: '104.0.6-p3' },
        { name: 'guzzlehttp/guzzle', version: '7.5.0' },
        { name: 'phpunit/phpunit', version: '9.5.28' },
      ],
      dev: true,
      'dev-package-names': ['phpunit/phpunit'],
    });
    // the plugin was built with Composer 1 and ships phpunit without --no-dev (CVE-2017-9841's way in)
    const pluginInstalled = JSON.stringify([
      { name: 'phpunit/phpunit', version: '5.6.2' },
      { name: 'guzzlehttp/guzzle', version: '7.5.0' },
    ]);
    const archive = await packTree(work, 'store', {
      'composer.json': JSON.stringify({ name: 'magento/project-community-edition', type: 'project', version: '2.4.6-p3' }),
      'composer.lock': fixture('magento-project.composer.lock').toString(),
      'vendor/composer/installed.json': installedV2,
      'app/code/Acme/Payment/vendor/composer/installed.json': pluginInstalled,
      'app/code/Acme/Payment/registration.php': '<?php\n',
      'pub/index.php': '<?php\n',
      'deploy/requirements.txt': 'ansible-core==2.15.3 \\\n    --hash=sha256:0000\n',
      'deploy/Gemfile.lock': fixture('Gemfile.lock').toString(),
    });
    report = await scan({ target: archive, advisories: ['none'] });
  });

  it('reads the package without a parse error', () => {
    expect(report.target.format).toBe('tar.gz');
    expect(report.findings.filter((f) => f.kind === 'parse-error')).toEqual([]);
  });

  it('finds the plugin’s own vulnerable copy, at its own location', () => {
    const nested = pkg(report, 'phpunit/phpunit', '5.6.2');
    expect(nested.locations).toEqual(['app/code/Acme/Payment/vendor/composer/installed.json']);
    expect(nested.purl).toBe('pkg:composer/phpunit/phpunit@5.6.2');
    expect(nested.dev).toBeUndefined();
    const root = pkg(report, 'phpunit/phpunit', '9.5.28');
    expect(root.locations).toEqual(['composer.lock', 'vendor/composer/installed.json']);
    expect(root.dev).toBe(true);
  });

  it('merges one package found in several places, with every location', () => {
    expect(pkg(report, 'guzzlehttp/guzzle', '7.5.0').locations).toEqual(['app/code/Acme/Payment/vendor/composer/installed.json', 'vendor/composer/installed.json']);
  });

  it('the Magento product is one package under all its names; modules never get them', () => {
    const product = pkg(report, 'magento/product-community-edition', '2.4.6-p3');
    expect(product.locations).toEqual(['composer.lock', 'vendor/composer/installed.json']);
    expect(product.aliases).toContain('magento/community-edition');
    expect(product.aliases).toContain('magento/project-community-edition');
    expect(report.packages.filter((p) => p.aliases !== undefined).map((p) => p.name)).toEqual(['magento/product-community-edition']);
    expect(pkg(report, 'magento/module-catalog', '104.0.6-p3').aliases).toBeUndefined();
    expect(pkg(report, 'magento/magento2-base', '2.4.6-p3').aliases).toBeUndefined();
  });

  it('reads the deployment tooling’s Python and Ruby locks too', () => {
    expect(pkg(report, 'ansible-core', '2.15.3')).toMatchObject({ ecosystem: 'PyPI', purl: 'pkg:pypi/ansible-core@2.15.3', locations: ['deploy/requirements.txt'] });
    expect(pkg(report, 'nokogiri', '1.15.4')).toMatchObject({ ecosystem: 'RubyGems', purl: 'pkg:gem/nokogiri@1.15.4', locations: ['deploy/Gemfile.lock'] });
  });
});

describe('a Magento git clone release', () => {
  it('is one product package, found in the root composer.json and installed.php alike', async () => {
    const archive = await packTree(work, 'clone', {
      'composer.json': JSON.stringify({ name: 'magento/magento2ce', type: 'project', version: '2.4.6-p3', replace: { 'magento/module-catalog': '*' } }),
      'composer.lock': JSON.stringify({ packages: [{ name: 'monolog/monolog', version: '2.9.1' }], 'packages-dev': [] }),
      'vendor/composer/installed.php': fixture('magento-git-clone.installed.php').toString(),
      'app/code/Magento/Catalog/registration.php': '<?php\n',
    });
    const report = await scan({ target: archive, advisories: ['none'] });
    const products = report.packages.filter((p) => p.aliases !== undefined);
    expect(products.map((p) => [p.name, p.version, p.locations])).toEqual([['magento/magento2ce', '2.4.6-p3', ['composer.json', 'vendor/composer/installed.php']]]);
    expect(products[0]?.aliases).toContain('magento/community-edition');
    expect(report.packages.some((p) => p.name.startsWith('magento/module-'))).toBe(false);
  });
});

describe('a Python service whose requirements include files of other names', () => {
  let report: Report;

  beforeAll(async () => {
    // the included files stream by both before and after the files that name them
    const archive = await packTree(work, 'includes', {
      'api/deps/common.pip': 'urllib3==1.26.5\n-r ../deps/more.in\n',
      'api/deps/more.in': 'idna==3.6\n-r ../requirements.txt\n',
      'api/requirements.txt': 'flask==3.0.0\n-r deps/common.pip\n-r missing.txt\n-r https://example.com/x.txt\n',
      'api/requirements-dev.txt': '-r requirements.txt\n-r dev/tools.txt\n',
      'api/zz/broken.txt': 'pytest==8 or newer\n',
      'api/requirements-ci.txt': '-r zz/broken.txt\n',
      'api/dev/tools.txt': 'black==24.1.0\n',
      'api/docs/notes.txt': 'Run with FLASK_ENV==production; never pin urllib3==1.0 here.\n',
      'api/unrelated.txt': 'requests==2.0.0\n',
    });
    report = await scan({ target: archive, advisories: ['none'] });
  });

  it('reads what each include pins, at the file that pins it, following chains and cycles once', () => {
    const python = report.packages.filter((p) => p.ecosystem === 'PyPI').map((p) => [`${p.name}@${p.version}`, p.locations]);
    expect(python).toEqual([
      ['black@24.1.0', ['api/dev/tools.txt']],
      ['flask@3.0.0', ['api/requirements.txt']],
      ['idna@3.6', ['api/deps/more.in']],
      ['urllib3@1.26.5', ['api/deps/common.pip']],
    ]);
  });

  it('an included file that is not a requirements file is a parse-error naming the file that includes it', () => {
    const errors = report.findings.filter((f) => f.kind === 'parse-error');
    expect(errors.map((f) => [f.path, f.title])).toEqual([
      // the package's single top folder (api/) is left out of paths, in titles too
      ['zz/broken.txt', expect.stringContaining(' requirements-ci.txt includes it with -r: line 1 ')],
    ]);
  });
});

describe('broken files of every format', () => {
  const BROKEN: Record<string, [path: string, content: string]> = {
    'php/composer-lock': ['composer.lock', '{"packages": [ {"name": "a/b", '],
    'php/composer-installed-json': ['vendor/composer/installed.json', '<<<<<<< HEAD\n[]\n'],
    'php/composer-installed-php': ['vendor/composer/installed.php', "<?php return array('versions' => array('a/b' => array('pretty_version' => $v)));"],
    'php/magento-root-composer-json': ['composer.json', '{"name": "magento/magento2ce", "version": "2.4.6",'],
    'python/requirements-txt': ['requirements.txt', 'Django==4.2\nDjango 4.2 is the version we need\n'],
    'python/poetry-lock': ['poetry.lock', '[[package]]\nname = "django"\nversion = 4.2.5\n'],
    'python/uv-lock': ['uv.lock', 'version = 1\n[[package]\nname = "x"\n'],
    'python/pdm-lock': ['pdm.lock', '[[package]]\nname = "x"\n\n[metadata]\n'],
    'python/pipfile-lock': ['Pipfile.lock', '{"default": {"flask": {"version": "==2.3.3"}},'],
    'python/installed-metadata': ['venv/lib/python3.11/site-packages/x-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\nSummary: no name or version\n'],
    'ruby/gemfile-lock': ['Gemfile.lock', 'GEM\n  specs:\n    rack\n'],
    'ruby/installed-gemspec': ['vendor/bundle/ruby/3.2.0/specifications/rack-2.2.8.gemspec', 'raise "not a gemspec"\n'],
  };
  let report: Report;

  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (const [path, content] of Object.values(BROKEN)) files[path] = content;
    report = await scan({ target: await packTree(work, 'broken', files), advisories: ['none'] });
  });

  for (const [rule, [path]] of Object.entries(BROKEN)) {
    it(`${rule}: ${path} is a parse-error finding, not a crash or a silent skip`, () => {
      const errors = report.findings.filter((f) => f.kind === 'parse-error' && f.path === path);
      expect(errors.map((f) => f.rule)).toEqual([rule]);
      expect(errors[0]).toMatchObject({ severity: 'medium', blocking: true });
    });
  }

  it('and yields no packages from them', () => {
    expect(report.packages).toEqual([]);
  });
});
