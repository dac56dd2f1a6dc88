import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpecialKind } from '../model.js';
import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { PackageFormatError } from './package-format-error.js';
import { Dispatcher, ReadWorkers, STAT_FIELDS, rebuildError, runHere, workerCount, type ListReply, type ListTask, type ReadFilesReply, type ReadFilesTask } from './read-workers.js';

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
/** Listing tasks in flight; directories a task lists at most, and names it stops after (the entries under way stay few). */
const LISTS_AHEAD = 4;
const LIST_DIRECTORIES = 32;
const LIST_NAMES = 1024;
/** Tasks sent to a worker thread and not answered yet, at most; the main thread runs the next one itself rather than wait. */
const AHEAD = 4;
/** Read batches made and not visited yet, at most. */
const READS_WAITING = 12;

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
  relatives: string[];
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
  /** Tasks taken strictly in the order they were made, wherever they ran: the walk, its batches and its visits are the same every time. */
  private readonly queue = new Dispatcher<Listing | Read>(AHEAD, undefined);
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
    for (;;) {
      while (this.directories.length > 0 && this.listing < LISTS_AHEAD) {
        const relatives = this.directories.splice(0, LIST_DIRECTORIES);
        const task: ListTask = { kind: 'list', dirs: relatives.map((relative) => join(this.root, relative)), names: LIST_NAMES };
        this.listing++;
        this.queue.add({
          remote: async (workers) => ({ kind: 'list', relatives, reply: await workers.run(task) }),
          here: () => ({ kind: 'list', relatives, reply: runHere(task) }),
        });
      }
      const walking = this.listing > 0 || this.directories.length > 0;
      // a full batch goes at once; a partial one when the walk has no more to add, or the readers would idle
      if (this.batch.paths.length > 0 && this.reading < READS_WAITING && (this.full() || !walking || this.reading === 0)) this.sendBatch();
      const done = await this.queue.take();
      if (!done) {
        if (this.batch.paths.length === 0) return;
        continue;
      }
      if (done.kind === 'list') {
        this.listing--;
        this.take(done);
      } else {
        this.reading--;
        this.visitRead(done);
      }
    }
    // (tasks still under way after a failure are dropped: the dispatcher keeps their failures handled)
  }

  async close(): Promise<void> {
    await this.workers?.close();
  }

  /** Directories' listings: every name an entry; directories to list, files to read, the rest visited now. */
  private take({ relatives, reply }: Listing): void {
    const { names, counts, stats, links, linkAt } = reply;
    // directories the task did not get to are listed next
    this.directories.unshift(...relatives.slice(counts.length));
    let index = 0;
    let link = 0;
    for (const [listed, relative] of relatives.slice(0, counts.length).entries()) {
      for (const end = index + (counts[listed] ?? 0); index < end; index++) {
        const name = names[index] as string;
        const path = relative === '.' ? name : `${relative}/${name}`;
        this.count();
        const at = index * STAT_FIELDS;
        const mode = stats[at] as number;
        const format = mode & S_IFMT;
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
          if (this.full()) this.sendBatch();
          continue;
        }
        if (type === 'dir') this.directories.push(path);
        else if (type === 'symlink') header.link = linkAt[link] === index ? (links[link++] as string) : '';
        else header.special = SPECIALS.get(format) ?? 'unknown';
        new EntrySink(this.visitor, header).end();
      }
    }
    if (!this.workers && this.entries > WORKERS_AFTER) {
      this.workers = new ReadWorkers(workerCount());
      this.queue.use(this.workers);
    }
  }

  private full(): boolean {
    return this.batch.paths.length >= BATCH_FILES || this.batch.bytes >= BATCH_BYTES;
  }

  private sendBatch(): void {
    const batch = this.batch;
    this.batch = emptyBatch();
    const task: ReadFilesTask = { kind: 'read-files', paths: batch.paths, meta: Float64Array.from(batch.meta) };
    this.reading++;
    this.queue.add({
      remote: async (workers) => ({ kind: 'read', batch, reply: await workers.run(task, [task.meta.buffer as ArrayBuffer]) }),
      here: () => ({ kind: 'read', batch, reply: runHere(task) }),
    });
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
