// The paths family on its own: names that escape or collide, and links that resolve
// outside the package, through other links too.
import { describe, expect, it } from 'vitest';
import { LinksCheck } from '../../../src/checks/paths/links.js';
import { UnsafeNamesCheck } from '../../../src/checks/paths/unsafe-names.js';
import { runManifestCheck } from './run-check.js';

describe('the unsafe names check', () => {
  it('names absolute paths, .. components and names that collide on a case-insensitive disk', () => {
    const findings = runManifestCheck(new UnsafeNamesCheck(), [
      { path: '/etc/cron.d/shop' },
      { path: 'shop/../../root/.ssh/authorized_keys' },
      { path: 'shop/app/Config.php' },
      { path: 'shop/app/config.php' },
      { path: 'shop/app/ok.php' },
    ]);
    const kinds = findings.map((finding) => finding.rule).sort();
    expect(kinds).toEqual(['absolute-path', 'case-collision', 'path-traversal']);
    expect(findings.every((finding) => finding.kind === 'unsafe-path')).toBe(true);
  });

  it('is quiet on an ordinary tree', () => {
    expect(runManifestCheck(new UnsafeNamesCheck(), [{ path: 'shop/a.php' }, { path: 'shop/b/a.php' }, { path: 'shop/..hidden' }])).toEqual([]);
  });
});

describe('the links check', () => {
  it('follows links through links: one that leaves the package is found, one that stays is not', () => {
    const findings = runManifestCheck(new LinksCheck(), [
      { path: 'shop/current', type: 'symlink', link: 'releases/42' },
      { path: 'shop/releases/42', type: 'dir' },
      { path: 'shop/var', type: 'symlink', link: '../../shared/var' },
      { path: 'shop/media', type: 'symlink', link: 'up' },
      { path: 'shop/up', type: 'symlink', link: '../..' },
      { path: 'shop/passwd', type: 'symlink', link: '/etc/passwd' },
    ]);
    expect(findings.map((finding) => finding.path).sort()).toEqual(['shop/media', 'shop/passwd', 'shop/up', 'shop/var']);
    expect(findings.every((finding) => finding.kind === 'unsafe-path')).toBe(true);
  });
});
