import { FormatError } from '../../../src/util/decode.js';
// package-lock.json, npm-shrinkwrap.json and node_modules/.package-lock.json by hand:
// the cases the real fixtures do not reach.
import { describe, expect, it } from 'vitest';
import { type ExtractedPackage } from '../../../src/inventory/extractors/extractor.js';
import { packageLockExtractor } from '../../../src/inventory/extractors/javascript/package-lock.js';

function extract(lock: unknown, path = 'package-lock.json'): ExtractedPackage[] {
  const content = Buffer.from(typeof lock === 'string' ? lock : JSON.stringify(lock));
  return packageLockExtractor.extract({ path, content });
}

function sorted(packages: ExtractedPackage[]): ExtractedPackage[] {
  return [...packages].sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`));
}

describe('package-lock v1 (nested dependencies)', () => {
  const v1 = {
    name: 'shop',
    version: '1.0.0',
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      debug: { version: '2.6.9', dependencies: { ms: { version: '2.0.0', dependencies: { deeper: { version: '0.1.0', bundled: true } } } } },
      ms: { version: '2.1.3', dev: true },
      'string-width-cjs': { version: 'npm:string-width@4.2.3' },
      'babel-code-frame': { version: 'npm:@babel/code-frame@7.0.0', dev: true },
      '@scope/pkg': { version: '1.0.0-beta.1', optional: true },
      'from-git': { version: 'git+ssh://git@example.com/org/from-git.git#0123456789abcdef0123456789abcdef01234567' },
      'from-file': { version: 'file:vendor/from-file' },
      'from-tarball': { version: 'https://example.com/from-tarball-1.0.0.tgz' },
      'alias-to-git': { version: 'npm:foo@github:org/foo' },
    },
  };

  it('reads every level of nesting, aliases under the real name, and dev flags', () => {
    expect(sorted(extract(v1))).toEqual([
      { ecosystem: 'npm', name: '@babel/code-frame', version: '7.0.0', dev: true },
      { ecosystem: 'npm', name: '@scope/pkg', version: '1.0.0-beta.1', dev: false },
      { ecosystem: 'npm', name: 'debug', version: '2.6.9', dev: false },
      { ecosystem: 'npm', name: 'deeper', version: '0.1.0', dev: false },
      { ecosystem: 'npm', name: 'ms', version: '2.0.0', dev: false },
      { ecosystem: 'npm', name: 'ms', version: '2.1.3', dev: true },
      { ecosystem: 'npm', name: 'string-width', version: '4.2.3', dev: false },
    ]);
  });

  it('reads npm-shrinkwrap.json, old ones without lockfileVersion too', () => {
    const shrinkwrap: Partial<typeof v1> = { ...v1 };
    delete shrinkwrap.lockfileVersion;
    expect(extract(shrinkwrap, 'npm-shrinkwrap.json')).toHaveLength(7);
  });

  it('a project without dependencies (npm 6 writes no "dependencies" then) has no packages', () => {
    expect(extract({ name: 'shop', version: '1.0.0', lockfileVersion: 1 })).toEqual([]);
  });

  it('survives hostile nesting depth without exhausting the stack', () => {
    let dependencies: Record<string, unknown> = {};
    const root = dependencies;
    for (let depth = 0; depth < 20_000; depth++) {
      const next: Record<string, unknown> = {};
      dependencies['a'] = { version: '1.0.0', dependencies: next };
      dependencies = next;
    }
    // JSON.parse itself may refuse such depth; either way it is an error or a result, never a crash
    let outcome: ExtractedPackage[] | Error;
    try {
      outcome = extract({ lockfileVersion: 1, dependencies: root });
    } catch (error) {
      outcome = error as Error;
    }
    if (Array.isArray(outcome)) expect(outcome).toHaveLength(20_000);
    else expect(outcome).toBeInstanceOf(Error);
  });
});

describe('package-lock v2/v3 (packages by folder)', () => {
  const v3 = {
    name: 'shop',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'shop', version: '1.0.0', workspaces: ['packages/*'] },
      'node_modules/debug': { version: '2.6.9' },
      'node_modules/debug/node_modules/ms': { version: '2.0.0' },
      'node_modules/ms': { version: '2.1.3', dev: true },
      'node_modules/@babel/code-frame': { version: '7.24.7', devOptional: true },
      'node_modules/fsevents': { version: '2.3.3', optional: true },
      'node_modules/string-width-cjs': { name: 'string-width', version: '4.2.3' },
      'node_modules/npm-bundled-dep': { version: '1.1.1', inBundle: true },
      'node_modules/@acme/ui': { resolved: 'packages/ui', link: true },
      // npm writes no version on a link; were one there, the folder is still the package
      'node_modules/ui-under-another-name': { resolved: 'packages/ui', link: true, version: '0.3.0' },
      'packages/ui': { name: '@acme/ui', version: '0.3.0' },
      'node_modules/no-version': { resolved: 'git+ssh://git@example.com/org/no-version.git#abc' },
      'node_modules/from-git': { version: '3.0.0', resolved: 'git+ssh://git@example.com/org/from-git.git#abc' },
    },
  };

  it('reads every folder, real names of aliases, workspace folders once (not their links), and dev flags', () => {
    expect(sorted(extract(v3))).toEqual([
      { ecosystem: 'npm', name: '@acme/ui', version: '0.3.0', dev: false },
      { ecosystem: 'npm', name: '@babel/code-frame', version: '7.24.7', dev: false },
      { ecosystem: 'npm', name: 'debug', version: '2.6.9', dev: false },
      { ecosystem: 'npm', name: 'from-git', version: '3.0.0', dev: false },
      { ecosystem: 'npm', name: 'fsevents', version: '2.3.3', dev: false },
      { ecosystem: 'npm', name: 'ms', version: '2.0.0', dev: false },
      { ecosystem: 'npm', name: 'ms', version: '2.1.3', dev: true },
      { ecosystem: 'npm', name: 'npm-bundled-dep', version: '1.1.1', dev: false },
      { ecosystem: 'npm', name: 'string-width', version: '4.2.3', dev: false },
    ]);
  });

  it('reads "packages" of a v2 file and ignores its legacy "dependencies" copy', () => {
    const v2 = { ...v3, lockfileVersion: 2, dependencies: { ignored: { version: '9.9.9' } } };
    expect(extract(v2).map((pkg) => pkg.name)).not.toContain('ignored');
    expect(extract(v2)).toHaveLength(9);
  });

  it('reads the hidden lockfile (node_modules/.package-lock.json) the same way, as what is installed', () => {
    const hidden = { name: 'shop', lockfileVersion: 3, requires: true, packages: { 'node_modules/ms': { version: '2.1.3', dev: true } } };
    expect(extract(hidden, 'node_modules/.package-lock.json')).toEqual([{ ecosystem: 'npm', name: 'ms', version: '2.1.3', dev: true, installed: true }]);
    expect(extract(hidden, 'package-lock.json')).toEqual([{ ecosystem: 'npm', name: 'ms', version: '2.1.3', dev: true }]);
  });

  it('a project with no dependencies has no packages', () => {
    expect(extract({ name: 'shop', lockfileVersion: 3, packages: { '': {} } })).toEqual([]);
  });
});

describe('a package-lock that cannot be read throws', () => {
  const broken: [string, string][] = [
    ['not JSON', 'this is not json!'],
    ['empty', ''],
    ['truncated', JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/ms': { version: '2.1.3' } } }).slice(0, 40)],
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"package-lock"'],
    ['an object of nothing npm writes', '{"name": "shop"}'],
    ['"packages" a list', '{"lockfileVersion": 3, "packages": []}'],
    ['"dependencies" a string', '{"lockfileVersion": 1, "dependencies": "none"}'],
    ['an entry that is not an object', '{"lockfileVersion": 3, "packages": {"node_modules/ms": "2.1.3"}}'],
    ['a version that is not a string', '{"lockfileVersion": 3, "packages": {"node_modules/ms": {"version": 2}}}'],
    ['a nested v1 entry that is not an object', '{"lockfileVersion": 1, "dependencies": {"a": {"version": "1.0.0", "dependencies": {"b": true}}}}'],
    ['binary, not text', '\u0000'],
  ];
  it.each(broken)('%s', (_what, text) => {
    const content = text === '\u0000' ? Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) : Buffer.from(text);
    expect(() => packageLockExtractor.extract({ path: 'package-lock.json', content })).toThrow(FormatError);
  });

  it('the message points at the place, never quotes the file (it may hold a token)', () => {
    const secret = '{"lockfileVersion": 3, "packages": {"node_modules/x": {"resolved": "https://user:s3cr3t@example.com/x.tgz" "version": "1.0.0"}}}';
    let message = '';
    try {
      packageLockExtractor.extract({ path: 'package-lock.json', content: Buffer.from(secret) });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not JSON/);
    expect(message).not.toContain('s3cr3t');
  });
});
