// The zip reader against zips made by Python's zipfile and Info-ZIP's zip: big ones
// (inflated on worker threads, an entry streamed), zip64, names in CP437 and in the
// Unicode Path field, the records as stored, and every refusal in one line.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import type { FileRecord } from '../../src/model.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import type { Content, Entry, EntryHeader } from '../../src/read/entry.js';
import { readZip, type ZipRawEntry } from '../../src/read/read-zip.js';
import { fileRecord } from '../../src/pass/file-record.js';
import { byPath, collect, writtenBy } from '../helpers/collect.js';
import { diskManifest, sha256 } from '../helpers/disk-manifest.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

/** Python's zipfile over a tree, as the bench and many deploy tools make zips: sorted walk, deflate, directories and symlinks too. */
const PYTHON_ZIP = `
import os, sys, zipfile
tree, out, method = sys.argv[1], sys.argv[2], getattr(zipfile, sys.argv[3])
with zipfile.ZipFile(out, 'w', method) as zf:
    for top, dirs, files in os.walk(tree):
        dirs.sort()
        rel = os.path.relpath(top, tree)
        if rel != '.':
            zf.write(top, rel)
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(top, d))]):
            path = os.path.join(top, name)
            arc = name if rel == '.' else os.path.join(rel, name)
            if os.path.islink(path):
                info = zipfile.ZipInfo(arc)
                info.create_system = 3
                info.external_attr = (0o120777 << 16)
                zf.writestr(info, os.readlink(path))
            else:
                zf.write(path, arc)
    print('\\n'.join(zf.namelist()))
`;

function pythonZip(tree: string, out: string, method = 'ZIP_DEFLATED'): string[] {
  return execFileSync('python3', ['-c', PYTHON_ZIP, tree, out, method], { encoding: 'utf8', maxBuffer: 1 << 26 })
    .trim()
    .split('\n')
    .map((name) => name.replace(/\/$/, ''));
}

/** What the tree on disk says, as a zip without owners records it. */
async function withoutOwners(tree: string): Promise<Map<string, FileRecord>> {
  const expected = await diskManifest(tree);
  for (const record of expected.values()) {
    delete record.uid;
    delete record.gid;
  }
  return expected;
}

async function failure(target: string, limits: Partial<typeof DEFAULT_LIMITS> = {}): Promise<string> {
  const error = await collect(target, () => 0, limits).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ScanError);
  const message = (error as ScanError).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

/** Every occurrence of `find` in `bytes` replaced by `put` (same length): a name in both the local header and the central directory. */
function patchAll(bytes: Buffer, find: string, put: Buffer): Buffer {
  const needle = Buffer.from(find, 'latin1');
  expect(put.length).toBe(needle.length);
  let count = 0;
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
    put.copy(bytes, at);
    count++;
  }
  expect(count).toBeGreaterThan(0);
  return bytes;
}

/** The offsets of every record with this signature. */
function records(bytes: Buffer, signature: number): number[] {
  const found: number[] = [];
  const needle = Buffer.alloc(4);
  needle.writeUInt32LE(signature);
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) found.push(at);
  return found;
}

describe('a big zip made by Python zipfile (inflated on worker threads)', () => {
  let tree: string;
  let names: string[];
  let collected: Awaited<ReturnType<typeof collect>>;

  beforeAll(async () => {
    tree = join(work, 'big-tree');
    const text = Buffer.from('const value = require("./module");\nmodule.exports = { value };\n'.repeat(40));
    for (let i = 0; i < 300; i++) {
      await mkdir(join(tree, `lib/pkg-${i % 17}`), { recursive: true });
      await writeFile(join(tree, `lib/pkg-${i % 17}/file-${i}.js`), text.subarray(0, 100 + ((i * 7919) % text.length)));
    }
    await mkdir(join(tree, 'media/empty'), { recursive: true });
    // incompressible: the zip passes the size from which workers are started
    await writeFile(join(tree, 'media/noise.bin'), randomBytes(5 * 1024 * 1024));
    // over the size from which an entry is streamed rather than batched
    const lines: string[] = [];
    for (let i = 0; lines.length < 400_000; i++) lines.push(`line ${i} of a long generated bundle ${(i * 2654435761) % 1000003}`);
    await mkdir(join(tree, 'dist'), { recursive: true });
    await writeFile(join(tree, 'dist/bundle.js'), lines.join('\n'));
    await writeFile(join(tree, 'empty.txt'), '');
    await writeFile(join(tree, 'bin-tool'), '#!/bin/sh\n');
    await chmod(join(tree, 'bin-tool'), 0o4755);
    await symlink('lib/pkg-0/file-0.js', join(tree, 'link'));
    await symlink('../missing/target', join(tree, 'lib/dangling'));
    const archive = join(work, 'big.zip');
    names = pythonZip(tree, archive);
    collected = await collect(archive, (header) => (header.path.endsWith('file-7.js') || header.path === 'dist/bundle.js' ? 64 : 0));
  });

  it('lists every entry with the mode, size, hash and link of the tree on disk', async () => {
    const expected = await withoutOwners(tree);
    // what bsdtar writes from a file: the unix modes, set-id bits and symlinks as stored (libzip and Python make files of links)
    const records = byPath(writtenBy(collected.records, 'bsdtar'));
    expect(new Set(records.keys())).toEqual(new Set(expected.keys()));
    for (const [path, want] of expected) expect(records.get(path), path).toEqual(want);
    expect(records.get('bin-tool')?.mode).toBe('4755');
    expect(records.get('link')).toMatchObject({ type: 'symlink', link: 'lib/pkg-0/file-0.js' });
  });

  it('visits the entries in central-directory order', () => {
    // an entry extractors read differently (a symlink: a file to libzip) is visited once per reading, at one path
    expect([...new Set(collected.headers.map((header) => header.path))]).toEqual(names);
  });

  it('hands the analysers the leading bytes they asked for, a streamed entry included', async () => {
    const bundle = collected.contents.get('dist/bundle.js');
    expect(bundle?.truncated).toBe(true);
    expect(bundle?.bytes.toString()).toBe((await readFile(join(tree, 'dist/bundle.js'))).subarray(0, 64).toString());
    const small = collected.contents.get('lib/pkg-7/file-7.js');
    expect(small?.bytes.toString()).toBe((await readFile(join(tree, 'lib/pkg-7/file-7.js'))).subarray(0, 64).toString());
  });

  it('gives the SHA-256 of the zip file itself', async () => {
    expect(collected.read.sha256).toBe(sha256(await readFile(join(work, 'big.zip'))));
  });

  it('refuses a streamed entry that inflates past or short of what it declares', async () => {
    const bytes = await readFile(join(work, 'big.zip'));
    const actual = (await readFile(join(tree, 'dist/bundle.js'))).length;
    for (const [declared, message] of [
      [actual + 1000, `inflates to ${actual} bytes, not the ${actual + 1000} it declares`],
      [17 * 1024 * 1024, `inflates past the ${17 * 1024 * 1024} bytes it declares`],
    ] as const) {
      const copy = Buffer.from(bytes);
      for (const at of records(copy, 0x04034b50)) if (copy.toString('latin1', at + 30, at + 44) === 'dist/bundle.js') copy.writeUInt32LE(declared, at + 22);
      for (const at of records(copy, 0x02014b50)) if (copy.toString('latin1', at + 46, at + 60) === 'dist/bundle.js') copy.writeUInt32LE(declared, at + 24);
      const path = join(work, `streamed-${declared}.zip`);
      await writeFile(path, copy);
      expect(await failure(path)).toContain(`is not a readable zip (entry 'dist/bundle.js' ${message})`);
    }
  });

  it('reads the same from the bytes in memory as from the file', async () => {
    const fromBytes: FileRecord[] = [];
    const result = await readZip(await readFile(join(work, 'big.zip')), { wants: () => 0, visit: (entry) => fromBytes.push(fileRecord(entry)) }, DEFAULT_LIMITS);
    expect(fromBytes).toEqual(collected.records);
    expect(result.sha256).toBeUndefined();
    expect(result.entries).toBe(names.length);
  });

  it('asks wants for files only, with the header it then visits', async () => {
    const archive = join(work, 'big.zip');
    const asked = new Set<EntryHeader>();
    const seen: [Entry, Content | undefined][] = [];
    await readZip(archive, { wants: (header) => (asked.add(header), 1), visit: (entry, content) => seen.push([entry, content]) }, DEFAULT_LIMITS);
    for (const [entry, content] of seen) {
      expect(asked.has(entry), entry.path).toBe(entry.type === 'file');
      if (entry.type === 'file') expect(content?.bytes.length, entry.path).toBe(Math.min(1, entry.size));
    }
  });
});

describe('zip64', () => {
  it('reads the zip64 end record and the sizes and offsets of the zip64 extra field (Info-ZIP zip -fz)', async () => {
    const tree = join(work, 'zip64-tree');
    await mkdir(join(tree, 'd'), { recursive: true });
    await writeFile(join(tree, 'd/noise.bin'), randomBytes(4 * 1024 * 1024 + 17));
    await writeFile(join(tree, 'd/text.txt'), 'hello\n'.repeat(1000));
    const archive = join(work, 'zip64.zip');
    execFileSync('zip', ['-q', '-r', '-X', '-fz', archive, 'd'], { cwd: tree });
    const raw: ZipRawEntry[] = [];
    const records: FileRecord[] = [];
    const result = await readZip(archive, { wants: () => 0, visit: (entry) => records.push(fileRecord(entry)) }, DEFAULT_LIMITS, { onEntry: (entry) => raw.push(entry) });
    expect(result.layout.end.zip64?.entries).toBe(3);
    expect(result.layout.end.directoryOffset).toBe(0xffffffff);
    expect(raw.some((entry) => entry.central.extraFields.some((field) => field.id === 0x0001))).toBe(true);
    expect(byPath(records).get('d/noise.bin')).toMatchObject({ size: 4 * 1024 * 1024 + 17, sha256: sha256(await readFile(join(tree, 'd/noise.bin'))) });
    expect(byPath(records).get('d/text.txt')?.sha256).toBe(sha256('hello\n'.repeat(1000)));
  });

  it('reads a zip of more than 65,535 entries (Python zipfile writes its count in the zip64 end record)', async () => {
    const archive = join(work, 'many.zip');
    execFileSync('python3', [
      '-c',
      `import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as zf:
    for i in range(66000):
        zf.writestr(f'f/{i // 1000}/{i}.txt', str(i))`,
      archive,
    ]);
    let count = 0;
    let last: Entry | undefined;
    const result = await readZip(archive, { wants: () => 0, visit: (entry) => ((last = entry), count++) }, DEFAULT_LIMITS);
    expect(result.entries).toBe(66000);
    expect(count).toBe(66000);
    expect(result.layout.end.entries).toBe(0xffff);
    expect(result.layout.end.zip64?.entries).toBe(66000);
    expect(last).toMatchObject({ path: 'f/65/65999.txt', size: 5, sha256: sha256('65999') });
  });
});

describe('names and the records as stored', () => {
  it('decodes a name without the UTF-8 flag that is not UTF-8 as CP437, and prefers a Unicode Path field whose CRC matches', async () => {
    const archive = join(work, 'names.zip');
    // Python writes ASCII names without the UTF-8 flag; the X of each is patched into a CP437 byte afterwards
    execFileSync('python3', [
      '-c',
      `import sys, zipfile, zlib, struct
stored = b'unicodeX.txt'.replace(b'X', b'\\x82')
utf8 = 'unicode-from-field.txt'.encode()
field = struct.pack('<HHBI', 0x7075, 5 + len(utf8), 1, zlib.crc32(stored)) + utf8
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as zf:
    zf.writestr('cafX.txt', 'coffee')
    info = zipfile.ZipInfo('unicodeX.txt')
    info.extra = field
    zf.writestr(info, 'named twice')`,
      archive,
    ]);
    await writeFile(archive, patchAll(await readFile(archive), 'cafX.txt', Buffer.from('caf\x82.txt', 'latin1')));
    await writeFile(archive, patchAll(await readFile(archive), 'unicodeX.txt', Buffer.from('unicode\x82.txt', 'latin1')));
    const raw: ZipRawEntry[] = [];
    const records: FileRecord[] = [];
    await readZip(archive, { wants: () => 0, visit: (entry) => records.push(fileRecord(entry)) }, DEFAULT_LIMITS, { onEntry: (entry) => raw.push(entry) });
    // libzip's reading (unzip and bsdtar write the bytes as they are, Python always as CP437)
    const libzip = writtenBy(records, 'php-zip');
    expect(libzip.map((record) => record.path)).toEqual(['café.txt', 'unicode-from-field.txt']);
    expect(libzip[0]?.sha256).toBe(sha256('coffee'));
    expect(writtenBy(records, 'python-zipfile').map((record) => record.path)).toEqual(['café.txt', 'unicodeé.txt']);
    // the facts a differential check needs: the stored name bytes, the field, the host, the local header
    const [cafe, twice] = raw;
    expect(cafe?.central.name).toEqual(Buffer.from('caf\x82.txt', 'latin1'));
    expect(cafe?.local?.name).toEqual(Buffer.from('caf\x82.txt', 'latin1'));
    expect((cafe?.central.flags ?? 0) & 0x800).toBe(0);
    expect(twice?.central.extraFields.map((field) => field.id)).toContain(0x7075);
    expect(twice?.central.localHeaderOffset).toBe(twice?.local?.offset);
    expect(twice?.local?.dataOffset).toBeGreaterThan(twice?.local?.offset ?? Infinity);
    expect(cafe?.central.versionMadeBy).toBeGreaterThan(0);
  });

  it('keeps where the first local header starts: a launcher stub before the zip is data before it', async () => {
    const archive = join(work, 'stub.zip');
    const stub = Buffer.from('#!/bin/sh\nexec java -jar "$0" "$@"\n');
    await writeFile(archive, stub);
    // appended by Python zipfile: the offsets count from the start of the file, stub included
    execFileSync('python3', ['-c', `import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'a') as zf: zf.writestr('app/Main.class', 'code')`, archive]);
    const records: FileRecord[] = [];
    const result = await readZip(archive, { wants: () => 0, visit: (entry) => records.push(fileRecord(entry)) }, DEFAULT_LIMITS);
    expect(result.layout.firstLocalHeader).toBe(stub.length);
    expect(records).toEqual([{ path: 'app/Main.class', type: 'file', mode: '0600', size: 4, sha256: sha256('code') }]);
  });
});

describe('zips that are refused, in one line', () => {
  let small: Buffer;
  let big: Buffer;

  beforeAll(async () => {
    const tree = join(work, 'refuse-tree');
    await mkdir(tree);
    await writeFile(join(tree, 'a.txt'), 'A'.repeat(5000));
    await writeFile(join(tree, 'b.txt'), 'B'.repeat(5000));
    pythonZip(tree, join(work, 'small.zip'));
    small = await readFile(join(work, 'small.zip'));
    await writeFile(join(tree, 'noise.bin'), randomBytes(5 * 1024 * 1024));
    pythonZip(tree, join(work, 'big-refuse.zip'));
    big = await readFile(join(work, 'big-refuse.zip'));
  });

  /** The zip with the uncompressed size of a.txt changed in its local header and central record. */
  function declaring(bytes: Buffer, size: number): Buffer {
    const copy = Buffer.from(bytes);
    for (const at of records(copy, 0x04034b50)) if (copy.toString('latin1', at + 30, at + 35) === 'a.txt') copy.writeUInt32LE(size, at + 22);
    for (const at of records(copy, 0x02014b50)) if (copy.toString('latin1', at + 46, at + 51) === 'a.txt') copy.writeUInt32LE(size, at + 24);
    return copy;
  }

  for (const [label, bytes] of [
    ['small (inflated here)', (): Buffer => small],
    ['big (inflated on worker threads)', (): Buffer => big],
  ] as const) {
    it(`an entry that inflates past the size it declares: a zip bomb stops there (${label})`, async () => {
      const path = join(work, `bomb-${label.length}.zip`);
      await writeFile(path, declaring(bytes(), 100));
      expect(await failure(path)).toMatch(/bomb-\d+\.zip is not a readable zip \(entry 'a\.txt' inflates past the 100 bytes it declares\); re-create the package/);
    });

    it(`an entry that inflates short of the size it declares (${label})`, async () => {
      const path = join(work, `short-${label.length}.zip`);
      await writeFile(path, declaring(bytes(), 6000));
      expect(await failure(path)).toMatch(/is not a readable zip \(entry 'a\.txt' inflates to 5000 bytes, not the 6000 it declares\)/);
    });

    it(`damaged deflate data (${label})`, async () => {
      const copy = Buffer.from(bytes());
      const at = records(copy, 0x04034b50).find((offset) => copy.toString('latin1', offset + 30, offset + 35) === 'b.txt') as number;
      copy.fill(0xff, at + 30 + 5, at + 30 + 5 + 8);
      const path = join(work, `damaged-${label.length}.zip`);
      await writeFile(path, copy);
      expect(await failure(path)).toMatch(/is not a readable zip \(entry 'b\.txt' has damaged deflate data \(.+\)\); re-create the package/);
    });

    it(`a local header with a bad signature (${label})`, async () => {
      const copy = Buffer.from(bytes());
      const at = records(copy, 0x04034b50).find((offset) => copy.toString('latin1', offset + 30, offset + 35) === 'b.txt') as number;
      copy.write('XX', at, 'latin1');
      const path = join(work, `badlocal-${label.length}.zip`);
      await writeFile(path, copy);
      expect(await failure(path)).toMatch(/is not a readable zip \(the local header of 'b\.txt' has a bad signature\)/);
    });
  }

  it('a size over the content bound, before a byte is inflated', async () => {
    const path = join(work, 'declares-a-lot.zip');
    await writeFile(path, declaring(small, 0xfffffff0));
    expect(await failure(path, { maxTotalBytes: 1024 ** 3 })).toMatch(/declares-a-lot\.zip: the content expands past the 1073741824-byte bound; the zip package is damaged or hostile/);
  });

  it('more entries than the bound', async () => {
    const path = join(work, 'small-again.zip');
    await writeFile(path, small);
    expect(await failure(path, { maxEntries: 1 })).toMatch(/small-again\.zip: more than 1 entries/);
  });

  it('an encrypted entry (zip -P)', async () => {
    const dir = join(work, 'secret');
    await mkdir(dir);
    await writeFile(join(dir, 'key.txt'), 'secret');
    const path = join(work, 'encrypted.zip');
    execFileSync('zip', ['-q', '-P', 'pass', path, 'key.txt'], { cwd: dir });
    expect(await failure(path)).toMatch(/encrypted\.zip: entry 'key\.txt' is encrypted; the zip package is damaged or hostile/);
  });

  it('a method other than stored and deflate (bzip2)', async () => {
    const dir = join(work, 'bz');
    await mkdir(dir);
    await writeFile(join(dir, 'x.txt'), 'x'.repeat(1000));
    const path = join(work, 'bzip2.zip');
    pythonZip(dir, path, 'ZIP_BZIP2');
    expect(await failure(path)).toMatch(/bzip2\.zip: entry 'x\.txt' uses compression method 12, only stored and deflate can be read/);
  });

  it('bytes after the end record', async () => {
    const path = join(work, 'trailing.zip');
    await writeFile(path, Buffer.concat([small, Buffer.from('junk')]));
    expect(await failure(path)).toMatch(/trailing\.zip is not a readable zip \(its end record declares a 0-byte comment, but 4 bytes follow it\)/);
  });

  it('a stored entry whose sizes disagree', async () => {
    const dir = join(work, 'stored');
    await mkdir(dir);
    await writeFile(join(dir, 'a.txt'), 'A'.repeat(5000));
    const path = join(work, 'stored.zip');
    pythonZip(dir, path, 'ZIP_STORED');
    await writeFile(path, declaring(await readFile(path), 10));
    expect(await failure(path)).toMatch(/stored\.zip is not a readable zip \(central directory record 1 stores 5000 bytes for an entry of 10\)/);
  });
});
