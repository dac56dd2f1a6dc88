import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpecialKind } from '../model.js';
import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { PackageFormatError } from './package-format-error.js';
import { ReadWorkers, STAT_FIELDS, rebuildError, runHere, workerCount, type ListReply, type ReadFilesReply, type ReplyTo, type Task } from './read-workers.js';

// How a tree is read: each directory is listed and every name lstat'ed in one task;
// the main thread makes the headers, asks the analysers what they want, and sends the
// regular files in batches to be opened (no link followed, never blocking), checked to
// be the file listed, read and hashed. Tasks run on worker threads once the tree proves
// big enough to pay for starting them, on the main thread before that.

/** Entries after which the walk starts its worker threads (a small tree is done before they would be up). */
export const WORKERS_AFTER = 2000;
/** Files a read batch holds at most, and bytes (by their listed sizes). */
const BATCH_FILES = 256;
const BATCH_BYTES = 4 * 1024 * 1024;
/** Listings in flight. */
const LISTS_AHEAD = 4;
/** Read batches in flight a worker thread. */
const READS_AHEAD = 2;

const S_IFMT = 0o170000;
const TYPES = new Map<number, EntryHeader['type']>([
  [0o100000, 'file'],
  [0o040000, 'dir'],
  [0o120000, 'symlink'],
]);
const SPECIALS = new Map<number, SpecialKind>([
  [0o010000, 'fifo'],
  [0o020000, 'char-device'],
  [0o060000, 'block-device'],
  [0o140000, 'socket'],
]);

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
  const walk = new Walk(root, visitor, limits);
  try {
    walk.count();
    new EntrySink(visitor, headerOf('.', rootStats)).end();
    await walk.run();
    return { entries: walk.entries, bytes: walk.bytes };
  } finally {
    await walk.close();
  }
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

interface Listing {
  kind: 'list';
  relative: string;
  reply: ListReply;
}

interface ReadBatch {
  paths: string[];
  meta: number[];
  sinks: EntrySink[];
  bytes: number;
}

interface Read {
  kind: 'read';
  batch: ReadBatch;
  reply: ReadFilesReply;
}

class Walk {
  entries = 0;
  bytes = 0;
  private workers: ReadWorkers | undefined;
  private readonly directories: string[] = ['.'];
  /** Tasks in flight, taken strictly in the order they were sent: the walk, its batches and its visits are the same every time. */
  private readonly queue: Promise<Listing | Read>[] = [];
  private listing = 0;
  private reading = 0;
  private batch: ReadBatch = emptyBatch();

  constructor(
    private readonly root: string,
    private readonly visitor: EntryVisitor,
    private readonly limits: Limits,
  ) {}

  count(): void {
    if (++this.entries > this.limits.maxEntries) throw new PackageFormatError(`more than ${this.limits.maxEntries} entries`);
  }

  async run(): Promise<void> {
    try {
      for (;;) {
        while (this.directories.length > 0 && this.listing < LISTS_AHEAD) {
          const relative = this.directories.shift() as string;
          this.listing++;
          this.queue.push(this.task({ kind: 'list', dir: join(this.root, relative) }).then((reply) => ({ kind: 'list', relative, reply })));
        }
        const walking = this.listing > 0 || this.directories.length > 0;
        // a full batch goes at once; a partial one when the walk has no more to add, or the readers would idle
        if (this.batch.paths.length > 0 && this.reading < READS_AHEAD * (this.workers?.size ?? 1) && (this.full() || !walking || this.reading === 0)) {
          this.sendBatch();
        }
        const next = this.queue.shift();
        if (!next) {
          if (this.batch.paths.length === 0) return;
          continue;
        }
        const done = await next;
        if (done.kind === 'list') {
          this.listing--;
          this.take(done);
        } else {
          this.reading--;
          this.visitRead(done);
        }
      }
    } finally {
      for (const pending of this.queue) pending.catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.workers?.close();
  }

  /** Run a task on a worker thread, or here while the tree is small. */
  private task<T extends Task>(task: T): Promise<ReplyTo<T>> {
    let promise: Promise<ReplyTo<T>>;
    if (this.workers) {
      promise = this.workers.run(task);
    } else {
      try {
        promise = Promise.resolve(runHere(task));
      } catch (error) {
        promise = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    // awaited in turn; a failure must not go unhandled while older ones are awaited
    promise.catch(() => undefined);
    return promise;
  }

  /** A directory's listing: every name an entry; directories to list, files to read, the rest visited now. */
  private take({ relative, reply }: Listing): void {
    const { names, stats, links } = reply;
    for (let index = 0; index < names.length; index++) {
      const name = names[index] as string;
      const path = relative === '.' ? name : `${relative}/${name}`;
      this.count();
      const at = index * STAT_FIELDS;
      const mode = stats[at] as number;
      const format = mode & S_IFMT;
      const special = SPECIALS.get(format);
      const type = TYPES.get(format) ?? 'other';
      const header: EntryHeader = { path, type, mode: mode & 0o7777, uid: stats[at + 1] as number, gid: stats[at + 2] as number, size: 0 };
      if (type === 'file') {
        header.size = stats[at + 3] as number;
        this.bytes += header.size;
        if (this.bytes > this.limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
        const sink = new EntrySink(this.visitor, header);
        const batch = this.batch;
        batch.paths.push(join(this.root, path));
        batch.meta.push(header.size, stats[at + 4] as number, stats[at + 5] as number, sink.wanted);
        batch.sinks.push(sink);
        batch.bytes += header.size;
        continue;
      }
      if (type === 'dir') this.directories.push(path);
      else if (type === 'symlink') header.link = links[index] ?? '';
      else header.special = special ?? 'unknown';
      new EntrySink(this.visitor, header).end();
    }
    if (!this.workers && this.entries > WORKERS_AFTER) this.workers = new ReadWorkers(workerCount());
  }

  private full(): boolean {
    return this.batch.paths.length >= BATCH_FILES || this.batch.bytes >= BATCH_BYTES;
  }

  private sendBatch(): void {
    const batch = this.batch;
    this.batch = emptyBatch();
    this.reading++;
    this.queue.push(this.task({ kind: 'read-files', paths: batch.paths, meta: Float64Array.from(batch.meta) }).then((reply) => ({ kind: 'read', batch, reply })));
  }

  private visitRead({ batch, reply }: Read): void {
    const content = Buffer.from(reply.content);
    const done = reply.failure?.index ?? batch.sinks.length;
    let at = 0;
    for (let index = 0; index < done; index++) {
      const sink = batch.sinks[index] as EntrySink;
      const length = reply.lengths[index] ?? 0;
      sink.hashed(reply.digests[index] as string, content.subarray(at, at + length));
      at += length;
      sink.end();
    }
    if (reply.failure) {
      const { error } = reply.failure;
      throw error.changed ? new PackageFormatError(error.message) : rebuildError(error);
    }
  }
}

function emptyBatch(): ReadBatch {
  return { paths: [], meta: [], sinks: [], bytes: 0 };
}
