// The sensitive-files family on its own: files that must never ship, told by name (the
// path rules) and by what they hold (dumps, key files, env files), quiet on look-alikes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SensitiveContentCheck } from '../../../src/checks/sensitive-files/sensitive-content.js';
import { SensitivePathsCheck } from '../../../src/checks/sensitive-files/sensitive-paths.js';
import { ruleAndPath, runContentCheck, runManifestCheck } from './run-check.js';

const DUMP = "-- MySQL dump 10.13\n--\nCREATE TABLE `customer_entity` (\n  `email` varchar(255)\n);\nINSERT INTO `customer_entity` VALUES ('a@b.c');\n";

describe('the sensitive paths check', () => {
  it('names platform secrets files, VCS folders (once per folder), config backups and installers', () => {
    const findings = runManifestCheck(new SensitivePathsCheck(), [
      { path: 'shop/app/etc/env.php' },
      { path: 'shop/.git', type: 'dir' },
      { path: 'shop/.git/config' },
      { path: 'shop/.git/HEAD' },
      { path: 'blog/wp-config.php.bak' },
      { path: 'shop/phpinfo.php' },
    ]);
    expect(ruleAndPath(findings)).toEqual([
      'config-backup blog/wp-config.php.bak',
      'diagnostic-script shop/phpinfo.php',
      'platform-secrets-file shop/app/etc/env.php',
      'vcs-folder shop/.git',
    ]);
  });

  it('is quiet on samples and ordinary files that look alike', () => {
    const findings = runManifestCheck(new SensitivePathsCheck(), [
      { path: 'shop/app/etc/env.php.sample' },
      { path: 'blog/wp-config-sample.php' },
      { path: 'vendor/symfony/config/Loader/PhpFileLoader.php' },
      { path: 'shop/app/etc/config.php' },
      { path: 'node_modules/git-config/index.js' },
    ]);
    expect(findings).toEqual([]);
  });
});

describe('the sensitive content check', () => {
  it('tells a database dump by its content, under any name, also gzipped', async () => {
    const findings = await runContentCheck(new SensitiveContentCheck(), [
      { path: 'shop/var/backup.sql', content: DUMP },
      { path: 'shop/pub/media/db.sql.gz', content: gzipSync(DUMP) },
    ]);
    expect(findings.map((finding) => finding.path).sort()).toEqual(['shop/pub/media/db.sql.gz', 'shop/var/backup.sql']);
    expect(findings.every((finding) => finding.kind === 'sensitive-file')).toBe(true);
  });

  it('names a private key and an .env with real values, not a template with placeholders', async () => {
    const findings = await runContentCheck(new SensitiveContentCheck(), [
      { path: 'deploy/server.pem', content: '-----BEGIN RSA PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END RSA PRIVATE KEY-----\n' },
      { path: 'storefront/.env', content: 'DATABASE_URL=postgres://shop:Zr8q2LmX4pQ9@db/shop\nSESSION_SECRET=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n' },
      { path: 'storefront/.env.example', content: 'DATABASE_URL=postgres://user:password@localhost/shop\nSESSION_SECRET=changeme\n' },
    ]);
    expect(findings.map((finding) => finding.path).sort()).toEqual(['deploy/server.pem', 'storefront/.env']);
  });
});

describe('sensitive files under names that lie', () => {
  it('copies of env.php and wp-config.php however a file manager or an admin named them', () => {
    const findings = runManifestCheck(new SensitivePathsCheck(), [
      { path: 'shop/app/etc/env.php_bak' },
      { path: 'shop/app/etc/env - Copy.php' },
      { path: 'shop/app/etc/env copy.php' },
      { path: 'shop/app/etc/env (1).php' },
      { path: 'shop/wp-config.php.txt' },
    ]);
    expect(findings.map((finding) => finding.path).sort()).toEqual([
      'shop/app/etc/env (1).php',
      'shop/app/etc/env - Copy.php',
      'shop/app/etc/env copy.php',
      'shop/app/etc/env.php_bak',
      'shop/wp-config.php.txt',
    ]);
    expect(findings.every((finding) => finding.severity === 'critical' || finding.severity === 'high')).toBe(true);
  });

  it('is quiet on the clean library files that looked like them (PEAR’s Installer.php, HTMLPurifier’s Template.php.in)', () => {
    expect(
      runManifestCheck(new SensitivePathsCheck(), [
        { path: 'usr/share/php/PEAR/Installer.php' },
        { path: 'lib/internal/PEAR/Installer.php' },
        { path: 'vendor/ezyang/htmlpurifier/library/HTMLPurifier/ConfigSchema/Builder/Template.php.in' },
        { path: 'shop/lib/web/mage/backup.js' },
      ]),
    ).toEqual([]);
  });

  it('tells a dump or a database by its bytes: gzip and zstd decoded, SQLite by its header, bzip2 under a false name', async () => {
    const work = mkdtempSync(join(tmpdir(), 'release-gate-magic-'));
    try {
      const sqlite = join(work, 'x.db');
      execFileSync('python3', ['-c', `import sqlite3; c = sqlite3.connect(${JSON.stringify(sqlite)}); c.execute('create table customer_entity (email text)'); c.commit()`]);
      const entries = [
        { path: 'shop/var/db-2026.gz', content: gzipSync(DUMP) },
        { path: 'shop/pub/media/cache.data', content: readFileSync(sqlite) },
        { path: 'shop/pub/media/logo.jpg', content: readFileSync(sqlite) },
      ];
      const tools = { zstd: ['zstd', '-q', '-c'], bzip2: ['bzip2', '-c'] };
      for (const [tool, command] of Object.entries(tools)) {
        try {
          const packed = execFileSync(command[0] as string, command.slice(1), { input: DUMP });
          entries.push({ path: `shop/var/export.${tool}.data`, content: packed });
        } catch {
          console.warn(`${tool} is not installed: its case is skipped`);
        }
      }
      const findings = await runContentCheck(new SensitiveContentCheck(), entries);
      const byPath: Record<string, string | undefined> = Object.fromEntries(findings.map((finding) => [finding.path ?? '', finding.rule]));
      expect(byPath['shop/var/db-2026.gz']).toBe('database-dump');
      expect(byPath['shop/pub/media/cache.data']).toBe('database-file');
      expect(byPath['shop/pub/media/logo.jpg']).toBe('database-file');
      if (entries.some((entry) => entry.path.includes('zstd'))) expect(byPath['shop/var/export.zstd.data']).toBe('database-dump');
      if (entries.some((entry) => entry.path.includes('bzip2'))) expect(byPath['shop/var/export.bzip2.data']).toBe('hidden-archive');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('leaves compressed assets and archives named as such to their own rules', async () => {
    expect(await runContentCheck(new SensitiveContentCheck(), [{ path: 'shop/pub/static/app.js.gz', content: gzipSync('console.log(1)\n') }, { path: 'shop/pub/static/icons.svgz', content: gzipSync('<svg/>') }])).toEqual([]);
  });
});
