// The paths family on its own: names that escape or collide, and links that resolve
// outside the package, through other links too.
import { describe, expect, it } from 'vitest';
import { AmbiguousArchiveCheck } from '../../../src/checks/paths/ambiguous-archive.js';
import { LinksCheck } from '../../../src/checks/paths/links.js';
import { UnsafeNamesCheck } from '../../../src/checks/paths/unsafe-names.js';
import { BSDTAR, GNU_TAR, PHAR, PY_TAR, PY_TAR_DATA, TAR_READERS, type Divergence } from '../../../src/read/readers.js';
import { ruleAndPath, runManifestCheck } from './run-check.js';

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

  it('judges a name as stored and where it lands, once each', () => {
    const findings = runManifestCheck(new UnsafeNamesCheck(), [
      { path: 'pub/media/x.php', stored: 'pub/./media/x.php' },
      { path: '/srv/x.php', by: PY_TAR },
      { path: 'srv/x.php', stored: '/srv/x.php', by: GNU_TAR | BSDTAR | PY_TAR_DATA | PHAR },
      { path: 'app/etc/env.php', stored: 'var/../app/etc/env.php', by: PY_TAR | PY_TAR_DATA | PHAR },
    ]);
    expect(ruleAndPath(findings)).toEqual(['absolute-path /srv/x.php', 'non-canonical-name pub/./media/x.php', 'path-traversal var/../app/etc/env.php']);
  });

  it('takes two readings of one entry for what they are, not for an entry stored twice', () => {
    const readings = [
      { path: 'pub/media/x.php', content: '<?php', by: GNU_TAR | BSDTAR },
      { path: 'pub/media/x.php', content: 'raw', by: PHAR },
    ];
    expect(runManifestCheck(new UnsafeNamesCheck(), readings)).toEqual([]);
    expect(ruleAndPath(runManifestCheck(new UnsafeNamesCheck(), [...readings, { path: 'pub/media/x.php', content: 'again', by: PHAR }]))).toEqual(['duplicate-entry pub/media/x.php']);
  });
});

describe('the ambiguous archive check', () => {
  it('names the extractors that disagree and what each writes, names escaped', () => {
    const divergence: Divergence = { at: 'assets/logo.txt\n::notice::x', what: 'which header names the entry', readers: TAR_READERS };
    const findings = runManifestCheck(new AmbiguousArchiveCheck(), [
      { path: 'pub/media/x.php', content: '<?php', by: GNU_TAR | BSDTAR, divergence },
      { path: 'assets/logo.txt\n::notice::x', content: '<?php', by: PY_TAR | PY_TAR_DATA, divergence },
    ]);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ kind: 'unsafe-path', severity: 'high', rule: 'ambiguous-archive' });
    expect(finding?.detail).toContain('gnu-tar, bsdtar: "pub/media/x.php" (file, 5 bytes');
    expect(finding?.detail).toContain('python-tarfile, python-tarfile-data: "assets/logo.txt\\n::notice::x"');
    expect(finding?.detail).toContain('php-phar: nothing');
    expect(finding?.detail).not.toContain('\n');
  });

  it('says nothing where extractors agree', () => {
    expect(runManifestCheck(new AmbiguousArchiveCheck(), [{ path: 'a.php' }, { path: 'b', type: 'symlink', link: 'a.php' }])).toEqual([]);
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
