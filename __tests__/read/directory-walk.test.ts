// A deployed tree big enough to be read on worker threads, and files that change
// between their listing and their reading: replaced by a link or a FIFO, grown. The
// visitor's `wants` runs after a file is listed and before it is read, so a test can
// make the change at exactly that moment.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, rmSync, symlinkSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import type { EntryHeader } from '../../src/read/entry.js';
import { WORKERS_AFTER } from '../../src/read/read-directory.js';
import { byPath, collect } from '../helpers/collect.js';
import { diskManifest } from '../helpers/disk-manifest.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

/** A tree of `files` small files in nested folders, with a big file, a FIFO, links and a symlink loop. */
async function makeTree(root: string, files: number): Promise<void> {
  for (let i = 0; i < files; i++) {
    const dir = join(root, `vendor/v${i % 7}/m${i % 53}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `f${i}.php`), `<?php // ${i}\n`.repeat(1 + (i % 40)));
  }
  await writeFile(join(root, 'media.bin'), randomBytes(3 * 1024 * 1024 + 5));
  await writeFile(join(root, 'vendor/zz.txt'), 'listed with the folders beside it');
  await writeFile(join(root, 'empty'), '');
  execFileSync('mkfifo', [join(root, 'vendor/pipe')]);
  await symlink('b', join(root, 'vendor/a'));
  await symlink('a', join(root, 'vendor/b'));
  await symlink('..', join(root, 'vendor/up'));
  await chmod(join(root, 'vendor/v1/m1/f1.php'), 0o600);
}

async function failure(root: string, want: (header: EntryHeader) => number): Promise<string> {
  const error = await collect(root, want).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ScanError);
  const message = (error as ScanError).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

for (const [label, files] of [
  ['a small tree (read on the main thread)', 50],
  ['a big tree (read on worker threads)', WORKERS_AFTER + 500],
] as const) {
  describe(label, () => {
    let root: string;

    beforeAll(async () => {
      root = join(work, `tree-${files}`);
      await makeTree(root, files);
    });

    it('lists every entry with what lstat and the bytes on disk say; the FIFO is recorded, not opened', async () => {
      const collected = await collect(root, (header) => (header.path === 'media.bin' ? 10 : 0));
      const records = byPath(collected.records);
      const expected = await diskManifest(root);
      const pipe = expected.get('vendor/pipe');
      if (pipe) pipe.special = 'fifo';
      records.delete('.');
      expect(new Set(records.keys())).toEqual(new Set(expected.keys()));
      for (const [path, want] of expected) expect(records.get(path), path).toEqual(want);
      expect(records.get('vendor/a')).toMatchObject({ type: 'symlink', link: 'b' });
      expect(collected.contents.get('media.bin')?.bytes.length).toBe(10);
      expect(collected.contents.get('media.bin')?.truncated).toBe(true);
    });

    it('visits in the same order every time', async () => {
      const first = (await collect(root)).records.map((record) => record.path);
      const second = (await collect(root)).records.map((record) => record.path);
      expect(second).toEqual(first);
    });

    it('fails in one line when a listed file is replaced by a link before it is read (the link is not followed)', async () => {
      const victim = join(root, 'vendor/v3/m3/f3.php');
      const message = await failure(root, (header) => {
        if (header.path === 'vendor/v3/m3/f3.php') {
          rmSync(victim);
          symlinkSync('/etc/passwd', victim);
        }
        return 0;
      });
      expect(message).toContain(`'${victim}' changed while it was being read`);
      rmSync(victim);
      await writeFile(victim, '<?php // 3\n'.repeat(4));
    });

    it('fails in one line, without hanging, when a listed file is replaced by a FIFO before it is read', async () => {
      const victim = join(root, 'vendor/v4/m4/f4.php');
      const message = await failure(root, (header) => {
        if (header.path === 'vendor/v4/m4/f4.php') {
          rmSync(victim);
          execFileSync('mkfifo', [victim]);
        }
        return 0;
      });
      expect(message).toContain(`'${victim}' changed while it was being read`);
      rmSync(victim);
      await writeFile(victim, '<?php // 4\n'.repeat(5));
    });

    it('fails in one line when a listed file grows before it is read', async () => {
      const victim = join(root, 'vendor/v5/m5/f5.php');
      const message = await failure(root, (header) => {
        if (header.path === 'vendor/v5/m5/f5.php') appendFileSync(victim, 'more');
        return 0;
      });
      expect(message).toContain(`'${victim}' changed while it was being read`);
      await writeFile(victim, '<?php // 5\n'.repeat(6));
    });

    it('fails in one line when a listed directory is gone before it is listed', async () => {
      const gone = join(root, 'vendor/v6');
      const moved = join(work, `moved-${files}`);
      // vendor/zz.txt is asked about while vendor's listing is taken, before its folders are listed
      const message = await failure(root, (header) => {
        if (header.path === 'vendor/zz.txt') execFileSync('mv', [gone, moved]);
        return 0;
      });
      execFileSync('mv', [moved, gone]);
      expect(message).toMatch(/vendor\/v6 \(in .+\) does not exist/);
    });
  });
}

it('stops at the entry bound of a big tree', async () => {
  const root = join(work, `tree-${WORKERS_AFTER + 500}`);
  const error = await collect(root, () => 0, { maxEntries: WORKERS_AFTER + 100 }).catch((caught: unknown) => caught);
  expect((error as Error).message).toMatch(/more than \d+ entries; the directory is damaged or hostile/);
});
