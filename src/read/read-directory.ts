import { constants, createReadStream, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpecialKind } from '../model.js';
import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { PackageFormatError } from './package-format-error.js';

/** Files read at once: enough to keep the thread pool busy on small files. */
const PARALLEL_READS = 8;
const SMALL_FILE = 256 * 1024;

export interface DirectoryReadResult {
  entries: number;
  bytes: number;
}

/**
 * Walk a deployed tree with lstat: links are recorded with their targets and never
 * followed, special files are recorded and never opened. The root itself is `.`.
 */
export async function readDirectory(root: string, visitor: EntryVisitor, limits: Limits): Promise<DirectoryReadResult> {
  const rootStats = await stat(root); // the target itself may be a link to the release (`current`)
  let entries = 0;
  let bytes = 0;
  const pending = new Set<Promise<void>>();
  let failure: Error | undefined;
  const directories: string[] = ['.'];

  const count = (): void => {
    if (++entries > limits.maxEntries) throw new PackageFormatError(`more than ${limits.maxEntries} entries`);
  };

  new EntrySink(visitor, headerOf('.', rootStats)).end();
  count();
  for (let relative = directories.pop(); relative !== undefined; relative = directories.pop()) {
    const names = (await readdir(join(root, relative))).sort();
    for (const name of names) {
      const path = relative === '.' ? name : `${relative}/${name}`;
      const absolute = join(root, path);
      const stats = await lstat(absolute);
      count();
      const header = headerOf(path, stats);
      if (header.type === 'dir') {
        directories.push(path);
      } else if (header.type === 'symlink') {
        header.link = await readlink(absolute);
      }
      if (header.type === 'file') {
        bytes += header.size;
        if (bytes > limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${limits.maxTotalBytes}-byte bound`);
        const reading: Promise<void> = readFileEntry(absolute, stats, new EntrySink(visitor, header))
          .catch((error: unknown) => {
            failure ??= error instanceof Error ? error : new Error(String(error));
          })
          .finally(() => pending.delete(reading));
        pending.add(reading);
        if (pending.size >= PARALLEL_READS) await Promise.race(pending);
        if (failure !== undefined) throw failure;
      } else {
        new EntrySink(visitor, header).end();
      }
    }
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
  return { entries, bytes };
}

function headerOf(path: string, stats: Stats): EntryHeader {
  const header: EntryHeader = { path, type: 'file', mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, size: 0 };
  if (stats.isFile()) header.size = stats.size;
  else if (stats.isDirectory()) header.type = 'dir';
  else if (stats.isSymbolicLink()) header.type = 'symlink';
  else {
    header.type = 'other';
    header.special = specialKind(stats);
  }
  return header;
}

function specialKind(stats: Stats): SpecialKind {
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'char-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isSocket()) return 'socket';
  return 'unknown';
}

/**
 * Open without following a link and without blocking (a FIFO swapped in after the
 * lstat must not hang the scan), then make sure it is still the file we listed.
 */
async function readFileEntry(absolute: string, listed: Stats, sink: EntrySink): Promise<void> {
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const now = await handle.stat();
    if (!now.isFile() || now.ino !== listed.ino || now.dev !== listed.dev) {
      throw new PackageFormatError(`'${absolute}' changed while it was being read`);
    }
    if (listed.size <= SMALL_FILE) {
      const bytes = await handle.readFile();
      if (bytes.length !== listed.size) throw new PackageFormatError(`'${absolute}' changed while it was being read`);
      if (bytes.length > 0) sink.data(bytes);
    } else {
      let read = 0;
      for await (const chunk of createReadStream('', { fd: handle, autoClose: false, highWaterMark: 1024 * 1024 })) {
        read += (chunk as Buffer).length;
        sink.data(chunk as Buffer);
      }
      if (read !== listed.size) throw new PackageFormatError(`'${absolute}' changed while it was being read`);
    }
    sink.end();
  } finally {
    await handle.close();
  }
}
