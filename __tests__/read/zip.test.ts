// Zip archives made by real Info-ZIP zip, against the tree on disk.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileRecord } from '../../src/model.js';
import { byPath, collect, writtenBy } from '../helpers/collect.js';
import { diskManifest, sha256 } from '../helpers/disk-manifest.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
let source: string;

beforeAll(async () => {
  work = await tempDir();
  source = join(work, 'src');
  const shop = join(source, 'shop');
  await mkdir(join(shop, 'bin'), { recursive: true });
  await mkdir(join(shop, 'pub/media/empty'), { recursive: true });
  await mkdir(join(shop, 'ünïcødé'));
  await writeFile(join(shop, 'index.php'), '<?php echo 1;\n');
  await writeFile(join(shop, 'bin/magento'), '#!/usr/bin/env php\n');
  await writeFile(join(shop, 'bin/suid'), 'x');
  await writeFile(join(shop, 'empty.txt'), '');
  await writeFile(join(shop, 'big.bin'), randomBytes(2 * 1024 * 1024 + 3));
  await writeFile(join(shop, 'ünïcødé/名前.txt'), 'name\n');
  await symlink('index.php', join(shop, 'link'));
  await chmod(join(shop, 'index.php'), 0o640);
  await chmod(join(shop, 'bin/magento'), 0o755);
  await chmod(join(shop, 'bin/suid'), 0o4755);
  await chmod(join(shop, 'pub/media'), 0o777);
});

describe('Info-ZIP zip -r -y', () => {
  let records: Map<string, FileRecord>;
  let expected: Map<string, FileRecord>;
  let format: string;

  beforeAll(async () => {
    const archive = join(work, 'shop.zip');
    execFileSync('zip', ['-q', '-r', '-y', archive, 'shop'], { cwd: source });
    const collected = await collect(archive);
    format = collected.read.format;
    // what bsdtar writes (from a file): unix modes, set-id bits and symlinks as stored (libzip and Python make files of links)
    records = byPath(writtenBy(collected.records, 'bsdtar'));
    expected = await diskManifest(source);
  });

  it('tells the format from the bytes', () => {
    expect(format).toBe('zip');
  });

  it('lists every entry with the mode, owner, size, hash and link of the tree on disk', () => {
    expect(new Set(records.keys())).toEqual(new Set(expected.keys()));
    for (const [path, want] of expected) expect(records.get(path), path).toEqual(want);
  });

  it('takes unix modes, setuid included, from the external attributes', () => {
    expect(records.get('shop/bin/suid')?.mode).toBe('4755');
    expect(records.get('shop/pub/media')?.mode).toBe('0777');
    expect(records.get('shop/index.php')?.mode).toBe('0640');
  });

  it('stores symlinks as links with their target', () => {
    expect(records.get('shop/link')).toMatchObject({ type: 'symlink', link: 'index.php' });
  });
});

describe('zip without unix attributes', () => {
  it('gives files 0644 and folders 0755 when the archive has no unix modes', async () => {
    // made by zip -X (no extra fields) and then marked as made on MS-DOS: no unix mode bits
    const dir = join(work, 'dos');
    await mkdir(join(dir, 'folder'), { recursive: true });
    await writeFile(join(dir, 'folder/readme.txt'), 'hi');
    const archive = join(work, 'dos.zip');
    execFileSync('zip', ['-q', '-r', '-X', archive, 'folder'], { cwd: dir });
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(archive));
    // rewrite "version made by" in every central directory record to 0 (MS-DOS)
    for (let at = bytes.indexOf('PK\x01\x02'); at >= 0; at = bytes.indexOf('PK\x01\x02', at + 4)) bytes.writeUInt16LE(20, at + 4);
    await writeFile(archive, bytes);
    const records = byPath((await collect(archive)).records);
    // the whole record: no owners where the archive records none, the size and hash of the bytes
    expect(records.get('folder')).toStrictEqual({ path: 'folder', type: 'dir', mode: '0755' });
    expect(records.get('folder/readme.txt')).toStrictEqual({ path: 'folder/readme.txt', type: 'file', mode: '0644', size: 2, sha256: sha256('hi') });
  });
});
