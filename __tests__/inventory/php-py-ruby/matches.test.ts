// Which entries each extractor is offered, anywhere in the tree (a plugin's own vendor
// folder, a deployment tool's lock), and which look-alikes it leaves alone.
import { describe, expect, it } from 'vitest';
import type { Extractor } from '../../../src/inventory/extractors/extractor.js';
import { EXTRACTORS } from '../../../src/inventory/extractors/registry.js';

function readers(path: string): string[] {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return EXTRACTORS.filter((e: Extractor) => e.matches(path, base))
    .map((e) => e.name)
    .filter((name) => /^(php|python|ruby)\//.test(name));
}

const OFFERED: Record<string, string[]> = {
  'composer.lock': ['php/composer-lock'],
  'wp-content/plugins/woo-x/composer.lock': ['php/composer-lock'],
  'vendor/composer/installed.json': ['php/composer-installed-json'],
  'modules/ps_facebook/vendor/composer/installed.json': ['php/composer-installed-json'],
  'lib/composer/installed.json': ['php/composer-installed-json'],
  'vendor/composer/installed.php': ['php/composer-installed-php'],
  'composer.json': ['php/magento-root-composer-json'],
  'requirements.txt': ['python/requirements-txt'],
  'deploy/requirements-prod.txt': ['python/requirements-txt'],
  'poetry.lock': ['python/poetry-lock'],
  'services/api/uv.lock': ['python/uv-lock'],
  'pdm.lock': ['python/pdm-lock'],
  'Pipfile.lock': ['python/pipfile-lock'],
  'venv/lib/python3.12/site-packages/Django-5.0.6.dist-info/METADATA': ['python/installed-metadata'],
  'Gemfile.lock': ['ruby/gemfile-lock'],
  'tools/capistrano/gems.locked': ['ruby/gemfile-lock'],
  'vendor/bundle/ruby/3.2.0/specifications/nokogiri-1.15.4-x86_64-linux.gemspec': ['ruby/installed-gemspec'],
};

const LEFT_ALONE = [
  'installed.json',
  'node_modules/x/installed.json',
  'vendor/composer/InstalledVersions.php',
  'vendor/composer/autoload_classmap.php',
  'composer.lock.bak',
  'Pipfile',
  'pyproject.toml',
  'Gemfile',
  'poetry.lock.orig',
  'docs/METADATA',
  'app/code/Acme/Module/etc/module.xml',
  'pub/static/requirements.js',
];

describe('which entries are read', () => {
  for (const [path, names] of Object.entries(OFFERED)) {
    it(`${path} → ${names.join(', ')}`, () => {
      expect(readers(path)).toEqual(names);
    });
  }

  it('look-alikes are left alone', () => {
    expect(Object.fromEntries(LEFT_ALONE.map((path) => [path, readers(path)]))).toEqual(Object.fromEntries(LEFT_ALONE.map((path) => [path, []])));
  });

  it('every extractor is in the registry once, with a unique name and a bound', () => {
    const ours = EXTRACTORS.filter((e) => /^(php|python|ruby)\//.test(e.name));
    expect(ours.map((e) => e.name).sort()).toEqual([
      'php/composer-installed-json',
      'php/composer-installed-php',
      'php/composer-lock',
      'php/magento-root-composer-json',
      'python/installed-metadata',
      'python/pdm-lock',
      'python/pipfile-lock',
      'python/poetry-lock',
      'python/requirements-txt',
      'python/uv-lock',
      'ruby/gemfile-lock',
      'ruby/installed-gemspec',
    ]);
    expect(new Set(EXTRACTORS.map((e) => e.name)).size).toBe(EXTRACTORS.length);
    for (const e of ours) expect(e.maxBytes).toBeGreaterThanOrEqual(1024 * 1024);
  });
});
