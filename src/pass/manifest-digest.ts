import { createHash } from 'node:crypto';
import type { FileRecord } from '../model.js';

/**
 * A directory has no file to hash: its identity is the digest of its sorted manifest
 * (one line per entry: path, type, mode, owner, size, content hash, link target).
 */
export function manifestDigest(files: readonly FileRecord[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(
      `${file.path}\0${file.type}\0${file.mode}\0${file.uid ?? ''}\0${file.gid ?? ''}\0${file.size ?? ''}\0${file.sha256 ?? ''}\0${file.link ?? ''}\n`,
    );
  }
  return hash.digest('hex');
}
