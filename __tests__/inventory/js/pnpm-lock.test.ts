import { FormatError } from '../../../src/util/decode.js';
// pnpm-lock.yaml by hand: the key spellings of each lockfile version, dev flags, aliases,
// workspaces and links, and damage.
import { describe, expect, it } from 'vitest';
import { type ExtractedPackage } from '../../../src/inventory/extractors/extractor.js';
import { pnpmLockExtractor } from '../../../src/inventory/extractors/javascript/pnpm-lock.js';
import { readFixture } from './tool-lists.js';

function extract(text: string): ExtractedPackage[] {
  return pnpmLockExtractor.extract({ path: 'pnpm-lock.yaml', content: Buffer.from(text) });
}

function summary(packages: ExtractedPackage[]): string[] {
  return packages.map((pkg) => `${pkg.name}@${pkg.version}${pkg.dev === undefined ? '' : pkg.dev ? ' dev' : ' prod'}`).sort();
}

describe('pnpm-lock.yaml v5 (pnpm 7 and older)', () => {
  it('reads /name/version keys with peer suffixes, scopes, other registries, and dev flags', () => {
    const lock = `lockfileVersion: 5.4

specifiers:
  acorn-jsx: ^5.3.2
  '@my-org/tarball': https://example.com/my-org-tarball-3.2.3.tgz

dependencies:
  acorn-jsx: 5.3.2_acorn@8.7.0
  '@my-org/tarball': '@example.com/my-org-tarball-3.2.3.tgz'

packages:

  /acorn-jsx/5.3.2_acorn@8.7.0:
    resolution: {integrity: sha512-rq9s+JNhf0IChjtDXxllJ7g41oZk5SlXtp0LHwyA5cejwn7vKmKp4pPri6YEePv2PU65sAsegbXtIinmDFDXgQ==}
    peerDependencies:
      acorn: ^6.0.0 || ^7.0.0 || ^8.0.0
    dependencies:
      acorn: 8.7.0
    dev: false

  /acorn/8.7.0:
    resolution: {integrity: sha512-V/LGr1APy+PXIwKebEWrkZPwoeoF+w1jiOBUmuxuiUIaOHtob8Qc9BTrYo7VuI5fR8tqsy+buA2WFooR5olqvQ==}
    hasBin: true
    dev: true

  /@types/babel__core/7.1.14:
    resolution: {integrity: sha512-zGZJzzBUVDo/eV6KgbE0f0ZI7dInEYvo12Rb70uNQDshC3SkRMb67ja0GgRHZgAX3Za6rhaWlvbDO8rrGyAb1g==}

  registry.example/@foo/bar/1.1.0:
    resolution: {integrity: sha512-zGZJzzBUVDo/eV6KgbE0f0ZI7dInEYvo12Rb70uNQDshC3SkRMb67ja0GgRHZgAX3Za6rhaWlvbDO8rrGyAb1g==}

  '@example.com/my-org-tarball-3.2.3.tgz':
    resolution: {tarball: https://example.com/my-org-tarball-3.2.3.tgz}
    name: '@my-org/tarball'
    version: 3.2.3
    dev: false

  github.com/org/no-version/0123456789abcdef:
    resolution: {tarball: https://codeload.example/org/no-version/tar.gz/0123456789abcdef}
    name: no-version
    dev: false
`;
    expect(summary(extract(lock))).toEqual(['@foo/bar@1.1.0 prod', '@my-org/tarball@3.2.3 prod', '@types/babel__core@7.1.14 prod', 'acorn-jsx@5.3.2 prod', 'acorn@8.7.0 dev']);
  });
});

describe('pnpm-lock.yaml v6 (pnpm 8)', () => {
  it('reads /name@version(peers) keys and dev flags', () => {
    const lock = `lockfileVersion: '6.0'

devDependencies:
  acorn-jsx:
    specifier: ^5.3.2
    version: 5.3.2(acorn@8.7.0)

packages:

  /@babel/code-frame@7.24.7:
    resolution: {integrity: sha512-BcYH1CVJBO9tvyIZ2jVeXgSIMvGZ2FDRvDdOIVQyuklNKSsx+eppDEBq/g47Ayw+RqNFE+URvOShmf+f/qwAlA==}
    engines: {node: '>=6.9.0'}
    dev: true

  /acorn-jsx@5.3.2(acorn@8.7.0):
    resolution: {integrity: sha512-rq9s+JNhf0IChjtDXxllJ7g41oZk5SlXtp0LHwyA5cejwn7vKmKp4pPri6YEePv2PU65sAsegbXtIinmDFDXgQ==}
    peerDependencies:
      acorn: ^6.0.0 || ^7.0.0 || ^8.0.0
    dev: true
`;
    expect(summary(extract(lock))).toEqual(['@babel/code-frame@7.24.7 dev', 'acorn-jsx@5.3.2 dev']);
  });
});

describe('pnpm-lock.yaml v9 (pnpm 9 and 10)', () => {
  const v9 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      '@acme/ui':
        specifier: workspace:*
        version: link:packages/ui
      string-width-cjs:
        specifier: npm:string-width@^4.2.3
        version: string-width@4.2.3
      debug:
        specifier: 2.6.9
        version: 2.6.9
    devDependencies:
      ms:
        specifier: ^2.1.3
        version: 2.1.3
      is-number:
        specifier: github:jonschlinkert/is-number#master
        version: https://codeload.example/jonschlinkert/is-number/tar.gz/98e8ff1da1a89f93d1397a24d7413ed15421c139

  packages/ui:
    devDependencies:
      debug:
        specifier: 2.6.9
        version: 2.6.9

packages:

  debug@2.6.9:
    resolution: {integrity: sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA==}

  is-number@https://codeload.example/jonschlinkert/is-number/tar.gz/98e8ff1da1a89f93d1397a24d7413ed15421c139:
    resolution: {tarball: https://codeload.example/jonschlinkert/is-number/tar.gz/98e8ff1da1a89f93d1397a24d7413ed15421c139}
    version: 7.0.0

  ms@2.0.0:
    resolution: {integrity: sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A==}

  ms@2.1.3:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}

  orphan@1.0.0:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}

  string-width@4.2.3:
    resolution: {integrity: sha512-wKyQRQpjJ0sIp62ErSZdGsjMJWsap5oRNihHhu6G7JVO/9jIB6UyevL+tXuOqrng8j/cxKTWyWUwvSTriiZz/g==}

snapshots:

  debug@2.6.9:
    dependencies:
      ms: 2.0.0

  is-number@https://codeload.example/jonschlinkert/is-number/tar.gz/98e8ff1da1a89f93d1397a24d7413ed15421c139: {}

  ms@2.0.0: {}

  ms@2.1.3: {}

  orphan@1.0.0: {}

  string-width@4.2.3: {}
`;

  it('reads name@version keys, version fields of git packages, aliases under the real name, and skips links', () => {
    expect(summary(extract(v9)).map((line) => line.replace(/ (dev|prod)$/, ''))).toEqual([
      'debug@2.6.9',
      'is-number@7.0.0',
      'ms@2.0.0',
      'ms@2.1.3',
      'orphan@1.0.0',
      'string-width@4.2.3',
    ]);
  });

  it('derives dev from the importers: dev only when no production dependency reaches it', () => {
    expect(summary(extract(v9))).toEqual([
      // a dependency of the root, and a devDependency of packages/ui: production
      'debug@2.6.9 prod',
      'is-number@7.0.0 dev',
      // reached through debug
      'ms@2.0.0 prod',
      'ms@2.1.3 dev',
      // reached by nothing: no opinion
      'orphan@1.0.0',
      // through the alias string-width-cjs
      'string-width@4.2.3 prod',
    ]);
  });

  it('a file cut short anywhere in packages or snapshots throws', () => {
    const lines = v9.split('\n');
    const first = lines.indexOf('packages:');
    let cuts = 0;
    for (let index = first + 1; index < lines.length; index++) {
      const line = lines[index] ?? '';
      // cut just before each package or snapshot key
      if (!/^ {2}\S/.test(line)) continue;
      expect(() => extract(lines.slice(0, index).join('\n'))).toThrow(FormatError);
      cuts++;
    }
    expect(cuts).toBe(12);
  });

  it('so does the real pnpm 9 lockfile cut before any of its package or snapshot keys', () => {
    const lines = readFixture('pnpm-v9/pnpm-lock.yaml').toString('utf8').split('\n');
    let cuts = 0;
    for (let index = lines.indexOf('packages:') + 1; index < lines.length; index++) {
      if (!/^ {2}\S/.test(lines[index] ?? '')) continue;
      expect(() => extract(lines.slice(0, index).join('\n'))).toThrow(FormatError);
      cuts++;
    }
    expect(cuts).toBe(74);
  });
});

describe('pnpm-lock.yaml of two documents (pnpm 11+: the env document, then the project)', () => {
  it('reads both: config dependencies and pnpm itself are installed packages too', () => {
    const lock = `---
lockfileVersion: '9.0'

importers:

  .:
    configDependencies: {}
    packageManagerDependencies:
      pnpm:
        specifier: 12.3.4
        version: 12.3.4

packages:

  pnpm@12.3.4:
    resolution: {integrity: sha512-abc==}

snapshots:

  pnpm@12.3.4: {}

---
lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      ms:
        specifier: ^2.1.3
        version: 2.1.3

packages:

  ms@2.1.3:
    resolution: {integrity: sha512-def==}

snapshots:

  ms@2.1.3: {}
`;
    expect(summary(extract(lock))).toEqual(['ms@2.1.3 prod', 'pnpm@12.3.4']);
  });
});

describe('pnpm-lock.yaml that cannot be read', () => {
  it('the real v5 and v6 lockfiles cut before their packages, or inside a resolution, throw', () => {
    for (const dir of ['pnpm-v5', 'pnpm-v6']) {
      const text = readFixture(`${dir}/pnpm-lock.yaml`).toString('utf8');
      expect(() => extract(text.slice(0, text.indexOf('\npackages:')))).toThrow(FormatError);
      for (let at = text.indexOf('resolution: {'); at >= 0; at = text.indexOf('resolution: {', at + 1)) {
        expect(() => extract(text.slice(0, at + 30))).toThrow(FormatError);
      }
    }
  });

  it.each([
    ['not YAML', 'lockfileVersion: 5.4\npackages:\n  /ms/2.1.3: {resolution: [\n'],
    ['prose', 'this is not valid yaml!'],
    ['a list', '- lockfileVersion: 5.4\n'],
    ['without a lockfileVersion', 'packages:\n  /ms/2.1.3:\n    dev: false\n'],
    ['with a lockfileVersion that is no number', "lockfileVersion: 'next'\npackages:\n  /ms/2.1.3:\n    dev: false\n"],
    ['"packages" a list', "lockfileVersion: '6.0'\npackages:\n  - /ms@2.1.3\n"],
    ['a package that is a scalar', "lockfileVersion: '6.0'\npackages:\n  /ms@2.1.3: yes\n"],
    ['a name that is a map', "lockfileVersion: '6.0'\npackages:\n  /ms@2.1.3:\n    name: {first: ms}\n"],
    ['v9 packages without snapshots', "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ms:\n        specifier: 2.1.3\n        version: 2.1.3\npackages:\n  ms@2.1.3:\n    resolution: {integrity: sha512-x}\n"],
    ['v9 snapshots without packages', "lockfileVersion: '9.0'\npackages:\n  ms@2.1.3: {}\nsnapshots:\n  ms@2.1.3: {}\n  debug@2.6.9: {}\n"],
    ['projects with dependencies but no packages', "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ms:\n        specifier: 2.1.3\n        version: 2.1.3\n"],
    ['v5 dependencies but no packages', 'lockfileVersion: 5.4\nspecifiers:\n  ms: ^2.1.3\ndependencies:\n  ms: 2.1.3\n'],
  ])('%s throws', (_what, text) => {
    expect(() => extract(text)).toThrow(FormatError);
  });

  it('an empty file, or a project with only linked dependencies, has no packages', () => {
    expect(extract('# nothing yet\n')).toEqual([]);
    expect(extract("lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      '@acme/ui':\n        specifier: workspace:*\n        version: link:packages/ui\n")).toEqual([]);
  });
});
