// A broken file of every format, in a package packed by GNU tar and scanned through
// scan(): each is one blocking parse-error finding named after its extractor, and the
// scan goes on to read everything else.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model.js';
import { scan } from '../../../src/scan.js';
import { tempDir } from '../../helpers/temp.js';
import { tarTree, writeTree } from './build.js';

const BROKEN: Record<string, { content: string; rule: string }> = {
  'backend/lib/broken.jar': { content: 'PK\x03\x04 this is no jar', rule: 'java/maven-archive' },
  'backend/gradle.lockfile': { content: 'a:b:1.0=runtimeClasspath\n>>>>>>> theirs\n', rule: 'java/gradle-lockfile' },
  'backend/gradle/verification-metadata.xml': { content: '<verification-metadata><components>', rule: 'java/gradle-verification-metadata' },
  'native/Cargo.lock': { content: 'this is not valid toml! (I think)\n', rule: 'rust/cargo-lock' },
  'dotnet/packages.lock.json': { content: '{"version": 1, "dependencies": ', rule: 'dotnet/packages-lock' },
  'dotnet/bin/Shop.Api.deps.json': { content: '{"libraries": {"Serilog": {"type": "package"}}}', rule: 'dotnet/deps-json' },
  'sidecar/go.mod': { content: 'this is not a go.mod file!\n', rule: 'go/go-mod' },
  'rootfs/var/lib/dpkg/status': { content: 'Package: bash\nStatus: install ok installed\n', rule: 'os/dpkg-status' },
  'rootfs/var/lib/dpkg/status.d/libssl3': { content: 'Not a dpkg status file!\n', rule: 'os/dpkg-status' },
  'alpine/lib/apk/db/installed': { content: 'Not an APK file!\n', rule: 'os/apk-installed' },
};

let report: Report;

beforeAll(async () => {
  const work = await tempDir();
  const tree = join(work, 'tree');
  await writeTree(tree, {
    ...Object.fromEntries(Object.entries(BROKEN).map(([path, { content }]) => [path, content])),
    // a good file beside them is still read
    'tools/go.mod': 'module tools\n\nrequire golang.org/x/tools v0.21.0\n',
  });
  report = await scan({ target: tarTree(tree, join(work, 'broken.tar.gz'), true), advisories: ['none'] });
});

describe('broken files of every format', () => {
  it('are each one blocking parse-error finding, named after the extractor that could not read them', () => {
    const errors = report.findings.filter((f) => f.kind === 'parse-error');
    expect(errors.map((f) => `${f.path ?? ''} ${f.rule ?? ''}`).sort()).toEqual(Object.entries(BROKEN).map(([path, { rule }]) => `${path} ${rule}`).sort());
    expect(errors.every((f) => f.blocking && f.severity === 'medium' && f.title.startsWith(`${f.path ?? ''} could not be read as ${f.rule ?? ''}: `))).toBe(true);
    expect(report.verdict).toBe('fail');
  });

  it('say why in their title', () => {
    const title = (path: string): string => report.findings.find((f) => f.path === path)?.title ?? '';
    expect(title('sidecar/go.mod')).toMatch(/line 1 does not start with a go\.mod directive/);
    expect(title('rootfs/var/lib/dpkg/status')).toMatch(/the package at line 1 is installed but has no Version/);
    expect(title('backend/lib/broken.jar')).toMatch(/not a zip/);
    expect(title('dotnet/packages.lock.json')).toMatch(/not JSON/);
  });

  it('do not stop the scan: the good go.mod beside them is read', () => {
    expect(report.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}`)).toEqual(['Go golang.org/x/tools@v0.21.0']);
  });
});
