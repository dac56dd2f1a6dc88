// Archives made by real GNU tar, in every format it writes, against what the test
// computes from the tree on disk and against node-tar as an independent reader.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as nodeTar from 'tar';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileRecord } from '../../src/model.js';
import { byPath, collect } from '../helpers/collect.js';
import { diskManifest } from '../helpers/disk-manifest.js';
import { tempDir } from '../helpers/temp.js';

const LONG_DIR = 'deep/' + 'a-rather-long-folder-name-for-testing/'.repeat(4);
const LONG_NAME = `${LONG_DIR}${'file-with-a-long-name-'.repeat(6)}.txt`;

let work: string;
let source: string;

beforeAll(async () => {
  work = await tempDir();
  source = join(work, 'src');
  const pkg = join(source, 'pkg');
  await mkdir(join(pkg, 'bin'), { recursive: true });
  await mkdir(join(pkg, 'shared'));
  await mkdir(join(pkg, LONG_DIR), { recursive: true });
  await mkdir(join(pkg, 'ünïcødé'));
  await writeFile(join(pkg, 'index.js'), 'module.exports = 42;\n');
  await writeFile(join(pkg, 'bin/run.sh'), '#!/bin/sh\necho run\n');
  await writeFile(join(pkg, 'bin/setuid-helper'), 'elf?');
  await writeFile(join(pkg, 'bin/setgid-helper'), 'elf!');
  await writeFile(join(pkg, 'empty.txt'), '');
  await writeFile(join(pkg, 'big.bin'), randomBytes(3 * 1024 * 1024 + 17));
  for (const size of [511, 512, 513]) await writeFile(join(pkg, `exactly-${size}.txt`), 'x'.repeat(size));
  await writeFile(join(pkg, LONG_NAME), 'long\n');
  await writeFile(join(pkg, 'ünïcødé/файл.txt'), 'юникод\n');
  await symlink('index.js', join(pkg, 'link-to-index'));
  await symlink('../nowhere/at/all', join(pkg, 'dangling'));
  await link(join(pkg, 'index.js'), join(pkg, 'hard.js'));
  await chmod(join(pkg, 'index.js'), 0o644);
  await chmod(join(pkg, 'bin/run.sh'), 0o755);
  await chmod(join(pkg, 'bin/setuid-helper'), 0o4755);
  await chmod(join(pkg, 'bin/setgid-helper'), 0o2750);
  await chmod(join(pkg, 'shared'), 0o1777);
});

function gnuTar(archive: string, format: string, gzip: boolean, extra: string[] = []): void {
  execFileSync('tar', [
    gzip ? '-czf' : '-cf',
    archive,
    `--format=${format}`,
    '--owner=1234',
    '--group=5678',
    '--numeric-owner',
    '--sort=name',
    ...extra,
    '-C',
    source,
    'pkg',
  ]);
}

/** node-tar's own view of the archive: path, type, mode, owner, size, link and a hash of the bytes. */
async function nodeTarView(archive: string): Promise<Map<string, FileRecord>> {
  const seen = new Map<string, FileRecord>();
  const pending: Promise<void>[] = [];
  await nodeTar.t({
    file: archive,
    onReadEntry: (entry) => {
      const types: Record<string, FileRecord['type']> = { File: 'file', OldFile: 'file', Directory: 'dir', SymbolicLink: 'symlink', Link: 'hardlink' };
      const record: FileRecord = {
        path: entry.path.replace(/\/$/, ''),
        type: types[entry.type] ?? 'other',
        mode: ((entry.mode ?? 0) & 0o7777).toString(8).padStart(4, '0'),
        uid: entry.uid ?? 0,
        gid: entry.gid ?? 0,
      };
      if (entry.linkpath) record.link = entry.linkpath;
      if (record.type === 'file') {
        const hash = createHash('sha256');
        let size = 0;
        pending.push(
          new Promise((done) => {
            entry.on('data', (chunk: Buffer) => {
              hash.update(chunk);
              size += chunk.length;
            });
            entry.on('end', () => {
              record.size = size;
              record.sha256 = hash.digest('hex');
              done();
            });
          }),
        );
      } else {
        entry.resume();
      }
      seen.set(record.path, record);
    },
  });
  await Promise.all(pending);
  return seen;
}

const FORMATS = [
  { format: 'gnu', gzip: true },
  { format: 'gnu', gzip: false },
  { format: 'posix', gzip: true },
  { format: 'posix', gzip: false },
  { format: 'ustar', gzip: true },
  { format: 'oldgnu', gzip: false },
];

describe.each(FORMATS)('GNU tar --format=$format (gzip: $gzip)', ({ format, gzip }) => {
  let archive: string;
  let records: Map<string, FileRecord>;
  let expected: Map<string, FileRecord>;
  let readFormat: string;

  beforeAll(async () => {
    archive = join(work, `pkg-${format}.${gzip ? 'tar.gz' : 'tar'}`);
    // ustar cannot hold names over 255 bytes: leave the long name out there
    gnuTar(archive, format, gzip, format === 'ustar' ? ['--exclude=deep'] : []);
    const collected = await collect(archive);
    readFormat = collected.read.format;
    records = byPath(collected.records);
    expected = await diskManifest(source, { uid: 1234, gid: 5678 });
    if (format === 'ustar') for (const path of expected.keys()) if (path.startsWith('pkg/deep')) expected.delete(path);
  });

  it('tells the format from the bytes', () => {
    expect(readFormat).toBe(gzip ? 'tar.gz' : 'tar');
  });

  it('lists every entry of the tree, with the type, mode, owner, size, hash and link found on disk', () => {
    expect(new Set(records.keys())).toEqual(new Set(expected.keys()));
    for (const [path, want] of expected) {
      const got = records.get(path);
      if (got?.type === 'hardlink') continue; // checked below: tar stores a second name of a file as a link to the first
      expect(got, path).toEqual(want);
    }
  });

  it('records the second name of a hardlinked file as a hardlink to the first', () => {
    const hard = [...records.values()].filter((record) => record.type === 'hardlink');
    expect(hard).toHaveLength(1);
    const [only] = hard;
    const names = ['pkg/hard.js', 'pkg/index.js'];
    expect(names).toContain(only?.path);
    expect(only?.link).toBe(names.find((name) => name !== only?.path));
    expect(records.get(only?.link ?? '')?.sha256).toBe(expected.get('pkg/index.js')?.sha256);
  });

  it('keeps setuid, setgid and sticky bits', () => {
    expect(records.get('pkg/bin/setuid-helper')?.mode).toBe('4755');
    expect(records.get('pkg/bin/setgid-helper')?.mode).toBe('2750');
    expect(records.get('pkg/shared')?.mode).toBe('1777');
  });

  it('agrees with node-tar, an independent reader, on every entry', async () => {
    const independent = await nodeTarView(archive);
    expect(new Set(records.keys())).toEqual(new Set(independent.keys()));
    for (const [path, theirs] of independent) expect(records.get(path), path).toEqual(theirs);
  });
});

describe('names', () => {
  it('reads names over 100 and over 255 bytes, and non-ASCII names, exactly', async () => {
    const archive = join(work, 'names.tar.gz');
    gnuTar(archive, 'gnu', true);
    const { records } = await collect(archive);
    const paths = new Set(records.map((record) => record.path));
    expect(LONG_NAME.length).toBeGreaterThan(255);
    expect(paths).toContain(`pkg/${LONG_NAME}`);
    expect(paths).toContain('pkg/ünïcødé/файл.txt');
  });

  it('drops a leading ./ and keeps the root as "."', async () => {
    const archive = join(work, 'dot.tar');
    execFileSync('tar', ['-cf', archive, '-C', join(source, 'pkg'), '.']);
    const { records } = await collect(archive);
    const paths = records.map((record) => record.path);
    expect(paths).toContain('.');
    expect(paths).toContain('index.js');
    expect(paths.some((path) => path.startsWith('./'))).toBe(false);
  });
});

describe('content for analysers', () => {
  it('hands over exactly the bytes asked for, whole or truncated, and hashes all of them', async () => {
    const archive = join(work, 'content.tar.gz');
    gnuTar(archive, 'gnu', true);
    const { contents, records } = await collect(archive, (header) => (header.path.endsWith('big.bin') ? 1000 : header.path.endsWith('exactly-513.txt') ? 1 << 20 : 0));
    expect(contents.get('pkg/exactly-513.txt')).toEqual({ bytes: Buffer.from('x'.repeat(513)), truncated: false });
    const big = contents.get('pkg/big.bin');
    expect(big?.bytes.length).toBe(1000);
    expect(big?.truncated).toBe(true);
    const bigRecord = records.find((record) => record.path === 'pkg/big.bin');
    expect(bigRecord?.size).toBe(3 * 1024 * 1024 + 17);
    expect(contents.has('pkg/run.sh')).toBe(false);
  });
});
