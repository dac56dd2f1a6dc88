import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRecord } from '../../src/model.js';

/**
 * What a faithful reader must find for a tree that was archived: computed from the
 * tree on disk, independently of the code under test.
 */
export async function diskManifest(root: string, options: { prefix?: string; uid?: number; gid?: number } = {}): Promise<Map<string, FileRecord>> {
  const result = new Map<string, FileRecord>();
  const walk = async (relative: string): Promise<void> => {
    for (const name of await readdir(join(root, relative))) {
      const path = relative ? `${relative}/${name}` : name;
      const stats = await lstat(join(root, path));
      const record: FileRecord = {
        path: `${options.prefix ?? ''}${path}`,
        type: stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'symlink' : 'other',
        mode: (stats.mode & 0o7777).toString(8).padStart(4, '0'),
        uid: options.uid ?? stats.uid,
        gid: options.gid ?? stats.gid,
      };
      if (stats.isFile()) {
        const bytes = await readFile(join(root, path));
        record.size = bytes.length;
        record.sha256 = createHash('sha256').update(bytes).digest('hex');
      }
      if (stats.isSymbolicLink()) record.link = await readlink(join(root, path));
      result.set(record.path, record);
      if (stats.isDirectory()) await walk(path);
    }
  };
  await walk('');
  return result;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
