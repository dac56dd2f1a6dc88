// The permissions family on its own: setuid/setgid, world-writable code, devices and
// FIFOs, scripts where uploads live, and owners that are not the deploy user.
import { describe, expect, it } from 'vitest';
import { OwnersCheck } from '../../../src/checks/permissions/owners.js';
import { PermissionsCheck } from '../../../src/checks/permissions/permissions.js';
import { ruleAndPath, runManifestCheck } from './run-check.js';

describe('the permissions check', () => {
  it('names setuid files, world-writable code, devices and scripts in upload folders, each with its gravity', () => {
    const findings = runManifestCheck(new PermissionsCheck(), [
      { path: 'shop/bin/helper', mode: 0o4755 },
      { path: 'shop/app/code/Pay.php', mode: 0o666 },
      { path: 'shop/dev/sda', type: 'other', special: 'block-device', mode: 0o660 },
      { path: 'shop/pub/media/x.php', mode: 0o644 },
      { path: 'shop/pub/index.php', mode: 0o644 },
    ]);
    const bySeverity = Object.fromEntries(findings.map((finding) => [`${finding.rule ?? ''} ${finding.path ?? ''}`, finding.severity]));
    expect(bySeverity['setuid shop/bin/helper']).toBe('critical');
    expect(bySeverity['special-file shop/dev/sda']).toBe('critical');
    expect(Object.keys(bySeverity).some((key) => key.endsWith('shop/app/code/Pay.php'))).toBe(true);
    expect(Object.keys(bySeverity).some((key) => key.endsWith('shop/pub/media/x.php'))).toBe(true);
    expect(Object.keys(bySeverity).some((key) => key.endsWith('shop/pub/index.php'))).toBe(false);
  });

  it('is quiet on ordinary modes, and on symlinks whose own mode means nothing', () => {
    expect(
      runManifestCheck(new PermissionsCheck(), [
        { path: 'shop/index.php', mode: 0o644 },
        { path: 'shop/bin/magento', mode: 0o755 },
        { path: 'shop/current', type: 'symlink', link: 'releases/1', mode: 0o777 },
        { path: 'shop/var', type: 'dir', mode: 0o775 },
      ]),
    ).toEqual([]);
  });
});

describe('the owners check', () => {
  it('names an owner that differs from the rest of the package, and stays quiet when one deploy user owns all', () => {
    const mixed = runManifestCheck(new OwnersCheck(), [
      { path: 'shop/a.php', uid: 1000, gid: 1000 },
      { path: 'shop/b.php', uid: 1000, gid: 1000 },
      { path: 'shop/c.php', uid: 1000, gid: 1000 },
      { path: 'shop/evil.php', uid: 0, gid: 0, mode: 0o644 },
    ]);
    expect(ruleAndPath(mixed).length).toBeGreaterThan(0);
    expect(runManifestCheck(new OwnersCheck(), [{ path: 'shop/a.php', uid: 1000, gid: 1000 }, { path: 'shop/b.php', uid: 1000, gid: 1000 }])).toEqual([]);
  });
});

describe('the identity of a world-writable group', () => {
  const group = (extra: { path: string; mode: number }[]): string | undefined =>
    runManifestCheck(new PermissionsCheck(), [{ path: 'shop/var', type: 'dir', mode: 0o777 }, { path: 'shop/var/cache', type: 'dir', mode: 0o777 }, ...extra]).find((finding) => finding.rule === 'world-writable')?.id;

  it('stays when nothing new is world-writable beneath it, changes when something is', () => {
    const before = group([]);
    expect(group([])).toBe(before);
    // `chmod -R 777` over a folder that now holds code: the same folder, a new risk
    expect(group([{ path: 'shop/var/evil.php', mode: 0o666 }])).not.toBe(before);
  });
});
