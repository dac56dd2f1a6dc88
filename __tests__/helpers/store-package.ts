import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Write a small tree and pack it with real GNU tar (owner 0, sorted): a release package. */
export async function packTree(work: string, name: string, files: Record<string, string>): Promise<string> {
  const root = join(work, `${name}-tree`);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  const archive = join(work, `${name}.tar.gz`);
  execFileSync('tar', ['-czf', archive, '--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-C', root, '.']);
  return archive;
}
