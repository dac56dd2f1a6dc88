import { describe, expect, it } from 'vitest';
import type { ExtractedPackage } from '../../../src/inventory/extractors/extractor.js';
import { pdmLockExtractor } from '../../../src/inventory/extractors/python/pdm-lock.js';
import { pipfileLockExtractor } from '../../../src/inventory/extractors/python/pipfile-lock.js';
import { poetryLockExtractor } from '../../../src/inventory/extractors/python/poetry-lock.js';
import { uvLockExtractor } from '../../../src/inventory/extractors/python/uv-lock.js';
import { extract, fixture, ids } from './helpers.js';

function devOf(packages: ExtractedPackage[]): Record<string, boolean | undefined> {
  return Object.fromEntries(packages.map((p) => [`${p.name}@${p.version}`, p.dev]));
}

describe('poetry.lock', () => {
  it('Poetry 1.1: category "dev" is development; names normalised', () => {
    const packages = extract(poetryLockExtractor, 'poetry.lock', fixture('poetry-1.1.lock'));
    expect(devOf(packages)).toEqual({ 'django@3.2.20': false, 'pytest@7.4.0': true, 'ruamel-yaml@0.17.32': false });
    expect(packages.every((p) => p.ecosystem === 'PyPI')).toBe(true);
  });

  it('Poetry 2: a package outside the main group is development', () => {
    const packages = extract(poetryLockExtractor, 'poetry.lock', fixture('poetry-2.lock'));
    expect(devOf(packages)).toEqual({ 'certifi@2023.7.22': false, 'coverage@7.3.0': true, 'idna@3.4': false });
  });

  it('an empty lock is empty; a file that is not a lock is refused', () => {
    expect(extract(poetryLockExtractor, 'poetry.lock', 'package = []\n\n[metadata]\nlock-version = "2.0"\n')).toEqual([]);
    expect(() => extract(poetryLockExtractor, 'poetry.lock', 'this is not valid toml! (I think)')).toThrow(/line 1/);
    expect(() => extract(poetryLockExtractor, 'poetry.lock', '')).toThrow(/not a poetry.lock/);
    expect(() => extract(poetryLockExtractor, 'poetry.lock', '[[package]]\nname = "x"\n\n[metadata]\n')).toThrow(/package 1 has no version/);
    expect(() => extract(poetryLockExtractor, 'poetry.lock', '[[package]]\nname = "x"\nversion = "1.0\n')).toThrow(/it is not TOML: line 3: /);
  });
});

describe('uv.lock', () => {
  const packages = extract(uvLockExtractor, 'uv.lock', fixture('uv.lock'));

  it('lists every locked package, the project itself included, both versions of a name', () => {
    expect(ids(packages)).toEqual([
      'asgiref@3.8.1',
      'boto3@1.34.0',
      'django@5.0.6',
      'iniconfig@2.0.0',
      'packaging@23.2',
      'packaging@24.0',
      'pytest@8.2.1',
      'saleor@3.20.0',
      'sqlparse@0.5.0',
    ]);
  });

  it('development packages are those reached only through dev-dependencies', () => {
    expect(devOf(packages)).toEqual({
      'asgiref@3.8.1': false,
      'boto3@1.34.0': false, // an optional extra is shipped code, not development
      'django@5.0.6': false, // in dev-dependencies too, but needed at run time
      'iniconfig@2.0.0': true,
      'packaging@23.2': false, // the version the project pins
      'packaging@24.0': true, // the version pytest pulls
      'pytest@8.2.1': true,
      'saleor@3.20.0': false,
      'sqlparse@0.5.0': false,
    });
  });

  it('refuses what is not a uv.lock', () => {
    expect(() => extract(uvLockExtractor, 'uv.lock', '[[package]]\nname = "x"\nversion = "1"\n')).toThrow(/no lock `version`/);
    expect(() => extract(uvLockExtractor, 'uv.lock', 'version = 1\n[[package]]\nname = "x"\nsource = { registry = "https://pypi.org/simple" }\n')).toThrow(
      /package 1 has no version/,
    );
    expect(() => extract(uvLockExtractor, 'uv.lock', 'version = 1\npackage = "x"\n')).toThrow(/not a list of tables/);
  });
});

describe('pdm.lock', () => {
  it('groups: default is production, only-dev is development, other groups unknown', () => {
    const lock = `[metadata]\ngroups = ["default", "dev", "docs"]\n\n[[package]]\nname = "Flask"\nversion = "2.3.3"\ngroups = ["default", "dev"]\n\n[[package]]\nname = "pytest"\nversion = "7.4.2"\ngroups = ["dev"]\n\n[[package]]\nname = "mkdocs"\nversion = "1.5.2"\ngroups = ["docs"]\n`;
    expect(devOf(extract(pdmLockExtractor, 'pdm.lock', lock))).toEqual({ 'flask@2.3.3': false, 'pytest@7.4.2': true, 'mkdocs@1.5.2': undefined });
  });
});

describe('Pipfile.lock', () => {
  it('default and develop; git and path packages have no version; names normalised', () => {
    const packages = extract(pipfileLockExtractor, 'Pipfile.lock', fixture('Pipfile.lock'));
    expect(devOf(packages)).toEqual({ 'flask@2.3.3': false, 'werkzeug@2.3.7': false, 'pytest@7.4.2': true, 'werkzeug@2.3.6': true });
  });

  it('refuses what is not a Pipfile.lock', () => {
    expect(() => extract(pipfileLockExtractor, 'Pipfile.lock', 'this is not json!')).toThrow(/not JSON/);
    expect(() => extract(pipfileLockExtractor, 'Pipfile.lock', '{"_meta": {}}')).toThrow(/neither "default" nor "develop"/);
    expect(() => extract(pipfileLockExtractor, 'Pipfile.lock', '{"default": []}')).toThrow(/"default" is not an object/);
  });
});
