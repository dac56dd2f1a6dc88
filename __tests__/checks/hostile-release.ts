// The hostile release the check tests scan: a tree written to disk and packed with
// real GNU tar (files, modes, FIFOs, symlinks it can make), followed by entries GNU
// tar refuses to make, written header by header (absolute names, `..`, devices,
// invalid UTF-8, duplicates, links through links). `EXPECTED` lists every threat
// planted, once, under its kind and rule, at its path.
import { execFileSync } from 'node:child_process';
import { chmod, link, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FindingKind } from '../../src/model.js';
import { TarWriter } from '../helpers/tar-writer.js';
import type { Planted } from './planted.js';

export interface Expected {
  kind: FindingKind;
  rule: string;
  path: string;
}

const NFD = 'shop/cafe\u0301.txt';
const NFC = 'shop/caf\u00e9.txt';
const CONTROL = 'shop/evil\u001b[31m.txt';

/** Every threat planted, under its kind and rule, at the path the finding names. */
export const EXPECTED: readonly Expected[] = [
  // sensitive files by name
  { kind: 'sensitive-file', rule: 'platform-secrets-file', path: 'shop/app/etc/env.php' },
  { kind: 'sensitive-file', rule: 'config-backup', path: 'shop/app/etc/env.php.bak' },
  { kind: 'sensitive-file', rule: 'platform-secrets-file', path: 'shop/wp-config.php' },
  { kind: 'sensitive-file', rule: 'config-backup', path: 'shop/wp-config.php~' },
  { kind: 'sensitive-file', rule: 'platform-secrets-file', path: 'shop/app/config/parameters.php' },
  { kind: 'sensitive-file', rule: 'credentials-file', path: 'deploy/id_rsa' },
  { kind: 'sensitive-file', rule: 'credentials-file', path: 'shop/.aws/credentials' },
  { kind: 'sensitive-file', rule: 'vcs-folder', path: 'shop/.git' },
  { kind: 'sensitive-file', rule: 'diagnostic-script', path: 'shop/phpinfo.php' },
  { kind: 'sensitive-file', rule: 'diagnostic-script', path: 'shop/adminer-4.8.1.php' },
  { kind: 'sensitive-file', rule: 'log-folder', path: 'shop/var/log' },
  { kind: 'sensitive-file', rule: 'deploy-credentials-file', path: 'shop/.idea/dataSources.xml' },
  { kind: 'sensitive-file', rule: 'ide-folder', path: 'shop/.idea' },
  { kind: 'sensitive-file', rule: 'source-maps', path: 'shop/pub' },
  { kind: 'sensitive-file', rule: 'editor-leftover', path: 'shop/.DS_Store' },
  { kind: 'sensitive-file', rule: 'script-source-copy', path: 'shop/.index.php.swp' },
  { kind: 'sensitive-file', rule: 'archive-in-release', path: 'shop/release-1.3.zip' },
  // sensitive files by content
  { kind: 'sensitive-file', rule: 'env-file', path: 'storefront/.env' },
  { kind: 'sensitive-file', rule: 'registry-token-file', path: 'storefront/.npmrc' },
  { kind: 'sensitive-file', rule: 'composer-auth', path: 'shop/auth.json' },
  { kind: 'sensitive-file', rule: 'private-key-file', path: 'deploy/server.pem' },
  { kind: 'sensitive-file', rule: 'database-dump', path: 'shop/dump.sql' },
  { kind: 'sensitive-file', rule: 'database-dump', path: 'shop/backup.sql.gz' },
  { kind: 'sensitive-file', rule: 'database-dump', path: 'shop/notes.txt' },
  { kind: 'sensitive-file', rule: 'phpunit-eval-stdin', path: 'shop/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php' },
  { kind: 'sensitive-file', rule: 'core-dump', path: 'shop/core' },
  // secrets: one finding per secret, at its first place
  { kind: 'secret', rule: 'magento-crypt-key', path: 'shop/app/etc/env.php' },
  { kind: 'secret', rule: 'database-password', path: 'shop/app/etc/env.php' },
  { kind: 'secret', rule: 'wordpress-salts', path: 'shop/wp-config.php' },
  { kind: 'secret', rule: 'database-password', path: 'shop/wp-config.php' },
  { kind: 'secret', rule: 'database-password', path: 'shop/app/config/parameters.php' },
  { kind: 'secret', rule: 'php-config-secret', path: 'shop/app/config/parameters.php' },
  { kind: 'secret', rule: 'magento-repo-key', path: 'shop/auth.json' },
  { kind: 'secret', rule: 'magento-repo-key', path: 'shop/auth.json' },
  { kind: 'secret', rule: 'stripe-secret-key', path: 'storefront/.env' },
  { kind: 'secret', rule: 'url-password', path: 'storefront/.env' },
  { kind: 'secret', rule: 'env-credential', path: 'storefront/.env' },
  { kind: 'secret', rule: 'npm-token', path: 'storefront/.npmrc' },
  { kind: 'secret', rule: 'private-key', path: 'deploy/id_rsa' },
  { kind: 'secret', rule: 'private-key', path: 'deploy/server.pem' },
  { kind: 'secret', rule: 'aws-access-key', path: 'storefront/src/config.js' },
  { kind: 'secret', rule: 'github-token', path: 'storefront/src/config.js' },
  { kind: 'secret', rule: 'slack-token', path: 'storefront/src/config.js' },
  { kind: 'secret', rule: 'google-api-key', path: 'storefront/src/config.js' },
  { kind: 'secret', rule: 'sendgrid-api-key', path: 'storefront/src/config.js' },
  { kind: 'secret', rule: 'shopify-token', path: 'storefront/src/config.js' },
  { kind: 'secret', rule: 'braintree-access-token', path: 'storefront/src/config.js' },
  { kind: 'secret', rule: 'stripe-secret-key', path: 'storefront/src/config.js' },
  // permissions
  { kind: 'permission', rule: 'setuid', path: 'shop/bin/tool' },
  { kind: 'permission', rule: 'setgid', path: 'shop/bin/grp' },
  { kind: 'permission', rule: 'world-writable', path: 'shop/app/code/Acme/Pay/Model/Gateway.php' },
  { kind: 'permission', rule: 'world-writable', path: 'shop/var/cache' },
  { kind: 'permission', rule: 'special-file', path: 'shop/var/run.pipe' },
  { kind: 'permission', rule: 'special-file', path: 'shop/dev/sda' },
  { kind: 'permission', rule: 'special-file', path: 'shop/dev/tty9' },
  { kind: 'permission', rule: 'script-in-upload-dir', path: 'shop/pub/media/wysiwyg/shell.php' },
  { kind: 'permission', rule: 'executable-in-upload-dir', path: 'shop/pub/media/catalog/photo.jpg' },
  { kind: 'permission', rule: 'mixed-owner', path: 'shop/laptop.txt' },
  // unsafe paths
  { kind: 'unsafe-path', rule: 'absolute-path', path: '/etc/cron.d/evil' },
  { kind: 'unsafe-path', rule: 'absolute-path', path: 'C:evil.txt' },
  { kind: 'unsafe-path', rule: 'path-traversal', path: '../../outside.txt' },
  { kind: 'unsafe-path', rule: 'path-traversal', path: 'shop\\..\\..\\win.txt' },
  // Python's tarfile writes shop/uploads/x.txt through shop/uploads -> ../../srv/www: above the package
  { kind: 'unsafe-path', rule: 'path-traversal', path: '../srv/www/x.txt' },
  { kind: 'unsafe-path', rule: 'control-character', path: CONTROL },
  { kind: 'unsafe-path', rule: 'invalid-utf8', path: 'shop/bad\ufffdname.txt' },
  { kind: 'unsafe-path', rule: 'duplicate-entry', path: 'shop/index.php' },
  { kind: 'unsafe-path', rule: 'case-collision', path: 'shop/README.md' },
  { kind: 'unsafe-path', rule: 'unicode-collision', path: NFD },
  { kind: 'unsafe-path', rule: 'symlink-outside', path: 'shop/current' },
  { kind: 'unsafe-path', rule: 'symlink-outside', path: 'shop/up' },
  { kind: 'unsafe-path', rule: 'symlink-outside', path: 'shop/a' },
  { kind: 'unsafe-path', rule: 'symlink-outside', path: 'shop/b' },
  { kind: 'unsafe-path', rule: 'symlink-outside', path: 'shop/uploads' },
  { kind: 'unsafe-path', rule: 'symlink-loop', path: 'shop/loop1' },
  { kind: 'unsafe-path', rule: 'symlink-loop', path: 'shop/loop2' },
  { kind: 'unsafe-path', rule: 'hardlink-outside', path: 'shop/hl-out' },
  { kind: 'unsafe-path', rule: 'hardlink-outside', path: 'shop/hl-via' },
  { kind: 'unsafe-path', rule: 'hardlink-missing-target', path: 'shop/hl-missing' },
  { kind: 'unsafe-path', rule: 'written-through-link-outside', path: 'shop/uploads/x.txt' },
  { kind: 'unsafe-path', rule: 'written-through-link', path: 'shop/alias/etc/extra.txt' },
];

/** Write the tree GNU tar packs: every file a release must not carry, and some it may. */
async function writeTree(root: string, s: Planted): Promise<void> {
  const put = async (path: string, content: string | Buffer, mode?: number): Promise<void> => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
    if (mode !== undefined) await chmod(join(root, path), mode);
  };
  const envPhp = `<?php\nreturn [\n    'crypt' => ['key' => '${s.magentoCryptKey}'],\n    'db' => ['connection' => ['default' => ['host' => 'db.internal', 'username' => 'shop', 'password' => '${s.magentoDbPassword}']]],\n];\n`;
  await put('shop/app/etc/env.php', envPhp);
  await put('shop/app/etc/env.php.bak', envPhp);
  await put('shop/app/etc/config.php', "<?php\nreturn ['modules' => ['Magento_Store' => 1]];\n");
  const names = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  const wpConfig = `<?php\ndefine( 'DB_NAME', 'shop' );\ndefine( 'DB_PASSWORD', '${s.wpDbPassword}' );\n${names.map((name, i) => `define( '${name}', '${s.wpSalts[i] ?? ''}' );`).join('\n')}\n`;
  await put('shop/wp-config.php', wpConfig);
  await put('shop/wp-config.php~', wpConfig);
  await put('shop/wp-config-sample.php', `<?php\ndefine( 'DB_PASSWORD', 'password_here' );\ndefine( 'AUTH_KEY', 'put your unique phrase here' );\n`);
  await put(
    'shop/app/config/parameters.php',
    `<?php return ['parameters' => [\n  'database_host' => '127.0.0.1',\n  'database_password' => '${s.prestashopDbPassword}',\n  'cookie_key' => '${s.prestashopCookieKey}',\n]];\n`,
  );
  await put('shop/auth.json', JSON.stringify({ 'http-basic': { 'repo.magento.com': { username: s.magentoRepoPublic, password: s.magentoRepoPrivate } } }, null, 2));
  await put('storefront/.env', `NODE_ENV=production\nSTRIPE_SECRET_KEY=${s.stripeLive}\nDATABASE_URL=postgres://shop:${s.dsnPassword}@db.internal:5432/shop\nSESSION_SECRET=${s.sessionSecret}\n`);
  await put('storefront/.env.example', 'STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx\nDATABASE_URL=postgres://user:password@localhost:5432/shop\nSESSION_SECRET=changeme\n');
  await put('storefront/.npmrc', `engine-strict=true\n//registry.npmjs.org/:_authToken=${s.npmToken}\n`);
  await put(
    'storefront/src/config.js',
    [
      "'use strict';",
      'module.exports = {',
      `  aws: { region: 'eu-west-1', accessKeyId: '${s.awsKeyId}' },`,
      `  github: '${s.githubToken}',`,
      `  slack: '${s.slackBot}',`,
      `  maps: '${s.googleKey}',`,
      `  mail: '${s.sendgridKey}',`,
      `  shopify: '${s.shopifyToken}',`,
      `  braintree: '${s.braintreeToken}',`,
      `  stripeForTests: '${s.stripeTest}',`,
      '};',
      '',
    ].join('\n'),
  );
  await put('storefront/src/app.js', "const config = require('./config');\nmodule.exports = config;\n");
  // a dependency's test fixtures and docs: sample keys there are no finding
  await put('storefront/node_modules/tool/package.json', '{"name":"tool","version":"1.0.0"}\n');
  await put('storefront/node_modules/tool/test/fixtures/key.pem', s.serverKey.replace(/[A-Za-z]{4}/, 'AAAA'));
  await put('storefront/node_modules/tool/README.md', `Use your key: ${['sk', '_live_'].join('')}${'a1B2c3D4e5'.repeat(3)}\n`);
  await put('storefront/node_modules/tool/cli.js', '#!/usr/bin/env node\n', 0o755);
  await put('deploy/server.pem', s.serverKey);
  await put('deploy/cert.pem', '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n');
  await put('deploy/id_rsa', s.deployKey);
  await put('shop/.aws/credentials', '[default]\nregion = eu-west-1\n');
  await put('shop/dump.sql', "-- MySQL dump 10.13  Distrib 8.0.36\n--\nINSERT INTO `customer_entity` VALUES (1,'ann@example.org','$2y$10$abc');\n");
  await put('shop/backup.sql.gz', gzipSync(Buffer.from("-- MariaDB dump 10.19\nINSERT INTO `sales_order` VALUES (1,'ann@example.org',12.50);\n".repeat(200))));
  await put('shop/notes.txt', '-- PostgreSQL database dump\n\nCOPY public.customer (id, email) FROM stdin;\n1\tann@example.org\n');
  await put('shop/migrations/001_schema.sql', 'CREATE TABLE customer (id BIGINT PRIMARY KEY, email TEXT NOT NULL);\n');
  await put('shop/.git/HEAD', 'ref: refs/heads/main\n');
  await put('shop/.git/config', '[core]\n\trepositoryformatversion = 0\n\tbare = false\n');
  await put('shop/.git/objects/ab/cdef0123456789', Buffer.from([0x78, 0x01, 0x00, 0x00, 0x2b, 0x01]));
  await put('shop/phpinfo.php', '<?php phpinfo();\n');
  await put('shop/adminer-4.8.1.php', '<?php /* Adminer */\n');
  await put('shop/info.php', '<?php echo "status ok";\n');
  await put('shop/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', "<?php\neval('?>' . file_get_contents('php://input'));\n");
  await put('shop/vendor/acme/lib/src/Client.php', '<?php\nnamespace Acme;\nclass Client {}\n');
  const core = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(core);
  core.writeUInt16LE(4, 16);
  await put('shop/core', core);
  await put('shop/var/log/system.log', '[2026-11-01] main.INFO: cache flushed\n');
  await put('shop/var/log/exception.log', '[2026-11-01] main.CRITICAL: oops\n');
  await put('shop/.idea/dataSources.xml', '<project version="4"><component name="DataSourceManagerImpl"/></project>\n');
  await put('shop/.idea/workspace.xml', '<project version="4"/>\n');
  await put('shop/pub/static/app.js', 'console.log(1);\n//# sourceMappingURL=app.js.map\n');
  await put('shop/pub/static/app.js.map', '{"version":3,"sources":["app.ts"],"mappings":"AAAA"}\n');
  await put('shop/pub/index.php', '<?php require __DIR__ . "/../app/bootstrap.php";\n');
  await put('shop/.DS_Store', Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
  await put('shop/.index.php.swp', Buffer.from('b0VIM 8.2\0\0\0'));
  await put('shop/release-1.3.zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]));
  await put('shop/index.php', '<?php echo "shop";\n');
  await put('shop/README.md', '# Shop\n');
  await put('shop/readme.md', '# shop\n');
  await put(NFC, 'nfc\n');
  await put(NFD, 'nfd\n');
  await put('shop/bin/tool', '#!/bin/sh\n', 0o4755);
  await put('shop/bin/grp', '#!/bin/sh\n', 0o2755);
  await put('shop/bin/magento', '#!/usr/bin/env php\n', 0o755);
  await put('shop/app/code/Acme/Pay/Model/Gateway.php', '<?php class Gateway {}\n', 0o666);
  await put('shop/var/cache/mage--0', 'cached\n', 0o666);
  await chmod(join(root, 'shop/var/cache'), 0o777);
  await put('shop/pub/media/wysiwyg/shell.php', '<?php @eval($_POST["k"]);\n');
  await put('shop/pub/media/catalog/photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 0o755);
  await put('shop/pub/media/catalog/ok.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  execFileSync('mkfifo', [join(root, 'shop/var/run.pipe')]);
  await symlink('/etc', join(root, 'shop/current'));
  await symlink('../../..', join(root, 'shop/up'));
  await symlink('b', join(root, 'shop/a'));
  await symlink('../../x', join(root, 'shop/b'));
  await symlink('loop2', join(root, 'shop/loop1'));
  await symlink('loop1', join(root, 'shop/loop2'));
  await symlink('bin/magento', join(root, 'shop/magento-cli'));
  await mkdir(join(root, 'storefront/node_modules/.bin'), { recursive: true });
  await symlink('../tool/cli.js', join(root, 'storefront/node_modules/.bin/tool'));
  await link(join(root, 'shop/index.php'), join(root, 'shop/index-copy.php'));
}

/** Entries GNU tar will not make, in the order an attacker would store them. */
function craftedEntries(): Buffer {
  const tar = new TarWriter()
    .file('/etc/cron.d/evil', '* * * * * root sh\n')
    .file('C:evil.txt', 'drive relative\n')
    .file('../../outside.txt', 'escape\n')
    .file('shop\\..\\..\\win.txt', 'escape on Windows\n')
    .file(CONTROL, 'ansi\n')
    .raw(rawNameHeader(Buffer.from([...Buffer.from('shop/bad'), 0xff, ...Buffer.from('name.txt')]), 'bad name\n'))
    .file('shop/index.php', '<?php system($_GET["c"]);\n')
    .entry({ path: 'shop/dev/sda', type: 'BlockDevice', devmaj: 8, devmin: 0, mode: 0o660 })
    .entry({ path: 'shop/dev/tty9', type: 'CharacterDevice', devmaj: 4, devmin: 9, mode: 0o620 })
    .entry({ path: 'shop/hl-out', type: 'Link', linkpath: '../../etc/shadow' })
    .entry({ path: 'shop/hl-via', type: 'Link', linkpath: 'shop/current/passwd' })
    .entry({ path: 'shop/hl-missing', type: 'Link', linkpath: 'shop/nothing.txt' })
    .entry({ path: 'shop/hl-ok', type: 'Link', linkpath: 'shop/index-copy.php' })
    .entry({ path: 'shop/uploads', type: 'SymbolicLink', linkpath: '../../srv/www' })
    .file('shop/uploads/x.txt', 'written through the link\n')
    .entry({ path: 'shop/alias', type: 'SymbolicLink', linkpath: 'app' })
    .file('shop/alias/etc/extra.txt', 'written through a link that stays inside\n')
    .file('shop/laptop.txt', 'packed on a laptop\n', { uid: 501, gid: 20 });
  return tar.unterminated();
}

/** A file header whose name is raw bytes (invalid UTF-8), checksum recomputed. */
function rawNameHeader(name: Buffer, body: string): Buffer {
  const content = Buffer.from(body);
  const crafted = new TarWriter().file('placeholder-name', content).unterminated();
  const header = crafted.subarray(0, 512);
  header.fill(0, 0, 100);
  name.copy(header, 0);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return crafted;
}

/** The archive GNU tar wrote, without its end-of-archive blocks, so more entries can follow. */
function withoutTrailer(archive: Buffer): Buffer {
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(header.toString('latin1', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const data = type === '1' || type === '2' || type === '5' || type === '3' || type === '4' || type === '6' ? 0 : size;
    offset += 512 + Math.ceil(data / 512) * 512;
  }
  return archive.subarray(0, offset);
}

/** Make the hostile release in `work`: returns the path of its .tar.gz. */
export async function hostileRelease(work: string, planted: Planted): Promise<string> {
  const root = join(work, 'tree');
  await writeTree(root, planted);
  const gnu = join(work, 'gnu.tar');
  execFileSync('tar', ['-cf', gnu, '--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-C', root, 'shop', 'storefront', 'deploy']);
  const archive = Buffer.concat([withoutTrailer(await readFile(gnu)), craftedEntries(), Buffer.alloc(1024)]);
  const path = join(work, 'hostile.tar.gz');
  await writeFile(path, gzipSync(archive));
  return path;
}
