// The sensitive-files family on its own: files that must never ship, told by name (the
// path rules) and by what they hold (dumps, key files, env files), quiet on look-alikes.
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
