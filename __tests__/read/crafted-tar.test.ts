// Tar archives GNU tar would refuse to make, written header by header: hostile names,
// devices, crafted size fields and extended headers. Where GNU tar can list them, the
// reader must see the same entries GNU tar sees (it is what most deployments extract with).
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import { scan } from '../../src/scan.js';
import { byPath, collect } from '../helpers/collect.js';
import { sha256 } from '../helpers/disk-manifest.js';
import { TarWriter } from '../helpers/tar-writer.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

async function save(name: string, bytes: Buffer): Promise<string> {
  const path = join(work, name);
  await writeFile(path, bytes);
  return path;
}

/** The names GNU tar lists for an archive (-i: read past lone zero blocks, as we do). */
function gnuList(path: string): string[] {
  return execFileSync('tar', ['-tif', path], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/\/$/, ''));
}

describe('hostile entries are listed where each extractor writes them, with the name as stored', () => {
  let records: ReturnType<typeof byPath>;
  beforeAll(async () => {
    const archive = new TarWriter()
      .file('/etc/cron.d/evil', '* * * * * root sh\n')
      .file('../../outside.txt', 'escape')
      .file('app/../../../up.txt', 'escape')
      .entry({ path: 'dev/sda', type: 'BlockDevice', devmaj: 8, devmin: 0, mode: 0o660 })
      .entry({ path: 'dev/null2', type: 'CharacterDevice', devmaj: 1, devmin: 3 })
      .entry({ path: 'run/pipe', type: 'FIFO' })
      .entry({ path: 'contiguous.bin', type: 'ContiguousFile' })
      .entry({ path: 'link-out', type: 'SymbolicLink', linkpath: '/etc/passwd' })
      .entry({ path: 'hard-out', type: 'Link', linkpath: '../../etc/shadow' })
      .file('setuid-root', 'x', { mode: 0o4755, uid: 0, gid: 0 })
      .end();
    records = byPath((await collect(await save('hostile.tar.gz', gzipSync(archive)))).records);
  });

  it('keeps absolute and .. names, and lists where each extractor writes them', () => {
    // Python's tarfile without a filter writes the absolute name on the host; the others strip the `/`
    expect(records.get('/etc/cron.d/evil')).toMatchObject({ sha256: sha256('* * * * * root sh\n'), by: ['python-tarfile'] });
    expect(records.get('etc/cron.d/evil')).toMatchObject({ stored: '/etc/cron.d/evil', by: ['gnu-tar', 'bsdtar', 'python-tarfile-data', 'php-phar'] });
    // GNU tar, bsdtar and the data filter refuse `..`; Python follows it, PharData stops at the root
    expect(records.get('../../outside.txt')).toMatchObject({ by: ['python-tarfile'] });
    expect(records.get('outside.txt')).toMatchObject({ stored: '../../outside.txt', by: ['php-phar'] });
    expect(records.get('../../up.txt')).toMatchObject({ stored: 'app/../../../up.txt', by: ['python-tarfile'] });
    expect(records.get('up.txt')).toMatchObject({ stored: 'app/../../../up.txt', by: ['php-phar'] });
  });

  it('records devices and FIFOs as other, with what they are and who makes them', () => {
    // Python's data filter refuses them; PharData writes an empty file (left out on purpose)
    const makers = ['gnu-tar', 'bsdtar', 'python-tarfile', 'php-phar'];
    expect(records.get('dev/sda')).toMatchObject({ type: 'other', special: 'block-device', mode: '0660', by: makers });
    expect(records.get('dev/null2')).toMatchObject({ type: 'other', special: 'char-device', by: makers });
    expect(records.get('run/pipe')).toMatchObject({ type: 'other', special: 'fifo', by: makers });
  });

  it('records a contiguous file as the regular file every extractor writes', () => {
    expect(records.get('contiguous.bin')).toMatchObject({ type: 'file', sha256: sha256('') });
    expect(records.get('contiguous.bin')?.by).toBeUndefined();
  });

  it('keeps link targets exactly as stored', () => {
    expect(records.get('link-out')).toMatchObject({ type: 'symlink', link: '/etc/passwd' });
    expect(records.get('hard-out')).toMatchObject({ type: 'hardlink', link: '../../etc/shadow' });
  });

  it('keeps setuid and the owner', () => {
    expect(records.get('setuid-root')).toMatchObject({ mode: '4755', uid: 0, gid: 0 });
  });
});

describe('a hardlink is judged with the content it links to', () => {
  it('a .env hardlinked to a text file gets the .env rules, and its record the content', async () => {
    const dotenv = 'DB_HOST=db.internal\nDB_PASSWORD=Zq8kT2vLp9wXr4Mn\n';
    const archive = new TarWriter()
      .file('shop/config/notes.txt', dotenv)
      .entry({ path: 'shop/.env', type: 'Link', linkpath: 'shop/config/notes.txt' })
      .end();
    const report = await scan({ target: await save('hardlinked-env.tar', archive), advisories: ['none'] });
    expect(report.files.find((file) => file.path === 'shop/.env')).toMatchObject({ type: 'hardlink', sha256: sha256(dotenv), size: dotenv.length });
    // finding paths leave the package's single top folder out
    const onEnv = report.findings.filter((finding) => finding.path === '.env').map((finding) => finding.rule);
    // the same findings as a .env file of that content: the link's name gets the content's rules
    expect(onEnv.sort()).toEqual(['env-credential', 'env-file']);
  });
});

describe('what counts as data follows what the extractors write', () => {
  // `tar -t` lists a symlink's or device's size as data; `tar -x`, bsdtar, Python and
  // PharData read the next block as a header: the hidden entry is written
  const hidden = new TarWriter().file('hidden.txt', 'hello').unterminated();
  const cases = [
    { name: 'a symlink whose size field is not 0', type: 'SymbolicLink' as const },
    { name: 'a hardlink whose size field is not 0', type: 'Link' as const },
    { name: 'a directory whose size field is not 0', type: 'Directory' as const },
    { name: 'a FIFO whose size field is not 0', type: 'FIFO' as const },
    { name: 'a char device whose size field is not 0', type: 'CharacterDevice' as const },
  ];
  it.each(cases)('$name', async ({ type }) => {
    const archive = new TarWriter()
      .file('target', 'the link target')
      .entry({ path: 'crafted', type, linkpath: 'target', size: hidden.length })
      .raw(hidden)
      .file('after.txt', '')
      .end();
    const path = await save(`size-${type}.tar`, archive);
    const gnu = (await collect(path)).records.filter((record) => (record.type === 'file' || record.type === 'hardlink') && (record.by === undefined || record.by.includes('gnu-tar')));
    const out = join(work, `x-${type}`);
    await mkdir(out);
    execFileSync('tar', ['-xf', path, '-C', out, '--no-same-owner'], { stdio: 'ignore' });
    const written = (await readdir(out, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(gnu.map((record) => record.path).sort()).toEqual(written.sort());
    expect(written).toContain('hidden.txt');
  });
});

describe('extended headers', () => {
  it('takes the name, link target, size and owner from PAX records', async () => {
    const longName = `${'x'.repeat(300)}/file.txt`;
    const archive = new TarWriter()
      .pax({ path: longName, uid: 3_000_000, gid: 4_000_000 })
      .file('short-name-ignored', 'pax content')
      .pax({ linkpath: `${'t'.repeat(200)}/target` })
      .entry({ path: 'link', type: 'SymbolicLink', linkpath: 'ignored' })
      .end();
    const records = byPath((await collect(await save('pax.tar', archive))).records);
    expect(records.get(longName)).toMatchObject({ type: 'file', uid: 3_000_000, gid: 4_000_000, sha256: sha256('pax content'), by: ['gnu-tar', 'bsdtar', 'python-tarfile', 'python-tarfile-data'] });
    expect(records.get('link')?.link).toBe(`${'t'.repeat(200)}/target`);
    // PharData reads no PAX header: it writes the ustar name, which is no stand-in for this path
    expect(records.get('short-name-ignored')).toMatchObject({ sha256: sha256('pax content'), by: ['php-phar'] });
  });

  it('applies a global PAX header to every later entry, and a local one to the next only', async () => {
    const archive = new TarWriter().pax({ uid: 777 }, true).pax({ uid: 1 }).file('a', '1').file('b', '2').end();
    const records = byPath((await collect(await save('pax-global.tar', archive))).records);
    expect(records.get('a')?.uid).toBe(1);
    expect(records.get('b')?.uid).toBe(777);
  });

  it('reads GNU base-256 numbers (owners past 2,097,151)', async () => {
    const archive = new TarWriter().file('big-owner', 'x', { uid: 0o10000000 + 5, gid: 0o10000000 + 6 }).end();
    const path = await save('base256.tar', archive);
    const records = byPath((await collect(path)).records);
    expect(records.get('big-owner')).toMatchObject({ uid: 0o10000000 + 5, gid: 0o10000000 + 6 });
    expect(gnuList(path)).toEqual(['big-owner']);
  });

  it('keeps reading after a lone zero block, as tar -i does', async () => {
    const archive = new TarWriter().file('first', '1').raw(Buffer.alloc(512)).file('second', '2').end();
    const path = await save('lone-zero.tar', archive);
    expect((await collect(path)).records.map((record) => record.path)).toEqual(['first', 'second']);
    expect(gnuList(path)).toEqual(['first', 'second']);
  });

  it('marks names that are not UTF-8', async () => {
    const header = Buffer.alloc(512);
    const archive = new TarWriter().file('placeholder', 'x').end();
    archive.copy(header, 0, 0, 512);
    Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe]).copy(header, 0);
    header.fill(0, 5, 100);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `).copy(header, 148);
    const path = await save('bad-name.tar', Buffer.concat([header, archive.subarray(512)]));
    const { headers } = await collect(path);
    expect(headers[0]?.badName).toBe(true);
  });
});

describe('damaged archives fail with one line that says where', () => {
  const damaged = async (name: string, bytes: Buffer): Promise<string> => {
    const error = await collect(await save(name, bytes)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScanError);
    const message = (error as ScanError).message;
    expect(message).not.toContain('\n');
    return message;
  };

  it('a bad header checksum in the middle', async () => {
    const archive = new TarWriter().file('ok', 'fine').file('broken', 'data').end();
    archive[1024 + 10] = 0x41; // inside the second header's name
    expect(await damaged('checksum.tar', archive)).toMatch(/bad header checksum at byte 1024/);
  });

  it('an archive cut inside a file', async () => {
    const archive = new TarWriter().file('big', 'y'.repeat(5000)).end().subarray(0, 3000);
    expect(await damaged('cut.tar', archive)).toMatch(/ends inside 'big'/);
  });

  it('an archive cut inside a header', async () => {
    const archive = new TarWriter().file('a', 'x').end().subarray(0, 1024 + 100);
    expect(await damaged('cut-header.tar.gz', gzipSync(archive))).toMatch(/ends inside a header/);
  });

  it('a PAX record with a bad length', async () => {
    const pax = new TarWriter().pax({ path: 'p' }).unterminated();
    const body = pax.subarray(512);
    body.write('99', 0); // the record claims more bytes than it has
    expect(await damaged('pax-length.tar', Buffer.concat([pax, new TarWriter().file('p', 'x').end()]))).toMatch(/corrupt PAX record/);
  });

  it('a name over the bound', async () => {
    const archive = new TarWriter().pax({ path: 'n'.repeat(5000) }).file('x', 'y').end();
    const error = await collect(await save('long.tar', archive), () => 0, { maxNameBytes: 4096 }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/name of 5000 bytes is over the 4096-byte bound/);
  });

  it('too many entries', async () => {
    const writer = new TarWriter();
    for (let i = 0; i < 11; i++) writer.file(`f${i}`, '');
    const error = await collect(await save('many.tar', writer.end()), () => 0, { maxEntries: 10 }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/more than 10 entries/);
  });
});
