// Bad input gets one clear line that names the cause and the fix: never a stack
// trace, a hang or a silent pass.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import { scan } from '../../src/scan.js';
import { TarWriter } from '../helpers/tar-writer.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

async function failure(target: string): Promise<string> {
  const error = await scan({ target, advisories: ['none'] }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ScanError);
  const message = (error as ScanError).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('a package that cannot be scanned', () => {
  it('a missing file', async () => {
    expect(await failure(join(work, 'missing.tar.gz'))).toMatch(/missing\.tar\.gz does not exist; pass the path of/);
  });

  it('a truncated gzip', async () => {
    const whole = gzipSync(new TarWriter().file('a.txt', randomBytes(200_000)).end());
    const path = join(work, 'truncated.tar.gz');
    await writeFile(path, whole.subarray(0, whole.length / 2));
    expect(await failure(path)).toMatch(/truncated\.tar\.gz is truncated: the gzip stream ends early; re-create the package/);
  });

  it('a corrupt gzip', async () => {
    const whole = gzipSync(new TarWriter().file('a.txt', 'x'.repeat(100_000)).end());
    whole.fill(0x55, 20, 60);
    const path = join(work, 'corrupt.tar.gz');
    await writeFile(path, whole);
    expect(await failure(path)).toMatch(/corrupt\.tar\.gz is corrupt: the gzip stream is damaged/);
  });

  it('random bytes', async () => {
    const path = join(work, 'random.tgz');
    await writeFile(path, Buffer.concat([Buffer.from('MZ'), randomBytes(4000)]));
    expect(await failure(path)).toMatch(/random\.tgz is not a \.tar, \.tar\.gz, \.tgz or \.zip package \(it starts with bytes 4d 5a/);
  });

  it('random bytes inside a valid gzip stream', async () => {
    const path = join(work, 'gz-random.tar.gz');
    await writeFile(path, gzipSync(randomBytes(4096)));
    expect(await failure(path)).toMatch(/gz-random\.tar\.gz: not a tar archive \(bad header checksum\)/);
  });

  it('an empty zip', async () => {
    const path = join(work, 'empty.zip');
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    await writeFile(path, eocd);
    expect(await failure(path)).toMatch(/empty\.zip holds no entries; check the step that built the package/);
  });

  it('a zip cut short', async () => {
    const dir = join(work, 'zipsrc');
    await mkdir(dir);
    await writeFile(join(dir, 'a.bin'), randomBytes(100_000));
    execFileSync('zip', ['-q', '-r', join(work, 'whole.zip'), '.'], { cwd: dir });
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(join(work, 'whole.zip'));
    const path = join(work, 'cut.zip');
    await writeFile(path, bytes.subarray(0, bytes.length - 30));
    expect(await failure(path)).toMatch(/cut\.zip is not a readable zip \(.+\); re-create the package/);
  });

  it('an empty file', async () => {
    const path = join(work, 'zero.tar.gz');
    await writeFile(path, '');
    expect(await failure(path)).toMatch(/zero\.tar\.gz is empty \(0 bytes\)/);
  });

  it('an empty directory', async () => {
    const path = join(work, 'empty-dir');
    await mkdir(path);
    expect(await failure(path)).toMatch(/empty-dir holds no entries/);
  });

  it('a tar with only end-of-archive blocks', async () => {
    const path = join(work, 'empty.tar');
    await writeFile(path, Buffer.alloc(10240));
    expect(await failure(path)).toMatch(/empty\.tar holds no entries/);
  });

  it('a package compressed with something else', async () => {
    const path = join(work, 'release.tar.zst');
    await writeFile(path, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]));
    expect(await failure(path)).toMatch(/release\.tar\.zst is zstd-compressed; release-gate reads \.tar, \.tar\.gz, \.tgz and \.zip: repack it with gzip or zip/);
  });

  it('a FIFO given as the package', async () => {
    const path = join(work, 'fifo');
    execFileSync('mkfifo', [path]);
    expect(await failure(path)).toMatch(/fifo is not a regular file or a directory/);
  });
});

describe('names that add up past their bound', () => {
  it('a package of a few hundred KiB whose names would fill gigabytes ends in one line naming the bound', async () => {
    const work = await tempDir();
    const writer = new TarWriter();
    // 1,200 entries of 60 KiB names: 70 Mi characters of names, a few hundred KiB gzipped
    for (let i = 0; i < 1200; i++) writer.pax({ path: `shop/${String(i).padStart(5, '0')}${'n'.repeat(60 * 1024)}` }).file(`x${i}`, '');
    const pkg = join(work, 'names.tar.gz');
    await writeFile(pkg, gzipSync(writer.end()));
    expect((await stat(pkg)).size).toBeLessThan(1024 * 1024);
    await expect(scan({ target: pkg, advisories: ['none'] })).rejects.toThrow(/names of its entries add up to more than 67108864 characters/);
  });
});
