// A deployed tree read in place: lstat only, links recorded and never followed,
// special files recorded and never opened.
import { execFileSync } from 'node:child_process';
import { chmod, link, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileRecord } from '../../src/model.js';
import { byPath, collect } from '../helpers/collect.js';
import { diskManifest, sha256 } from '../helpers/disk-manifest.js';
import { tempDir } from '../helpers/temp.js';

let root: string;
let records: Map<string, FileRecord>;

beforeAll(async () => {
  root = join(await tempDir(), 'release');
  await mkdir(join(root, 'app/etc'), { recursive: true });
  await mkdir(join(root, 'loops'));
  await writeFile(join(root, 'app/etc/config.php'), "<?php return ['modules' => []];\n");
  await writeFile(join(root, 'index.php'), '<?php\n');
  await link(join(root, 'index.php'), join(root, 'index-hard.php'));
  await symlink('b', join(root, 'loops/a'));
  await symlink('a', join(root, 'loops/b'));
  await symlink('..', join(root, 'loops/up'));
  await symlink('/', join(root, 'loops/root'));
  await symlink('../loops', join(root, 'loops/self'));
  execFileSync('mkfifo', [join(root, 'pipe')]);
  await chmod(join(root, 'app/etc/config.php'), 0o600);
  records = byPath((await collect(root)).records);
});

describe('directory target', () => {
  it('lists every entry with what lstat and the bytes on disk say', async () => {
    const expected = await diskManifest(root);
    expected.set('.', { path: '.', type: 'dir', mode: records.get('.')?.mode ?? '', uid: records.get('.')?.uid ?? -1, gid: records.get('.')?.gid ?? -1 });
    // a FIFO is recorded as what it is
    const pipe = expected.get('pipe');
    if (pipe) pipe.special = 'fifo';
    expect(new Set(records.keys())).toEqual(new Set(expected.keys()));
    for (const [path, want] of expected) expect(records.get(path), path).toEqual(want);
  });

  it('records symlink loops and links out of the tree without following them', () => {
    expect(records.get('loops/a')).toMatchObject({ type: 'symlink', link: 'b' });
    expect(records.get('loops/up')).toMatchObject({ type: 'symlink', link: '..' });
    expect(records.get('loops/root')).toMatchObject({ type: 'symlink', link: '/' });
    expect([...records.keys()].some((path) => path.startsWith('loops/self/'))).toBe(false);
  });

  it('records a FIFO without opening it (opening one would hang)', () => {
    expect(records.get('pipe')).toMatchObject({ type: 'other', special: 'fifo' });
  });

  it('reads both names of a hardlinked file as files', () => {
    expect(records.get('index-hard.php')?.sha256).toBe(sha256('<?php\n'));
    expect(records.get('index.php')?.sha256).toBe(sha256('<?php\n'));
  });

  it('follows the target itself when it is a link to a release (current -> releases/42)', async () => {
    const current = join(root, '..', 'current');
    await symlink(root, current);
    const viaLink = byPath((await collect(current)).records);
    expect(viaLink.get('app/etc/config.php')?.sha256).toBe(records.get('app/etc/config.php')?.sha256);
  });
});
