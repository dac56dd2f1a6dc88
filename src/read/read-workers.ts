// The readers' worker threads. A zip's entries inflate independently and a deployed
// tree's files read independently, so both spread that work over worker threads while
// the main thread runs the analysers: the one pass then uses both cores of a runner.
//
// Work goes out in batches (hundreds of entries or files a message), never one message
// a file: a message costs more than inflating or hashing a small file. Each worker is
// started from the source text of `runTask` below, so it needs no file of its own beside
// the bundle; the same function runs on the main thread for inputs too small to be worth
// a worker's start-up (about 30 ms).

import { hash as digestOnce, createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';

/**
 * Inflate (or copy) and hash the data of several zip entries, all within one window of
 * the file. `jobs` holds INFLATE_FIELDS numbers an entry: where its data starts in the
 * window, its length, the size it declares, its method (0 stored, 8 deflate, -1 no data
 * to read), and how many leading bytes of its content to send back.
 */
export interface InflateTask {
  kind: 'inflate';
  window: ArrayBuffer;
  jobs: Float64Array;
}

export const INFLATE_FIELDS = 5;

export interface InflateReply {
  /** SHA-256 of each entry's content ('' for an entry without data). */
  digests: string[];
  /** The leading bytes asked for, entry after entry, `lengths[i]` of them for job `i`. */
  content: ArrayBuffer;
  lengths: Float64Array;
  /** The window, handed back to be read into again. */
  window: ArrayBuffer;
  /** The first job whose data is not what it declares; the jobs after it were not run. */
  failure?: { index: number; message: string };
}

/** SHA-256 of a whole file. */
export interface HashFileTask {
  kind: 'hash-file';
  path: string;
}

export interface HashFileReply {
  sha256: string;
}

/** List a directory (sorted) and lstat each name; read the target of each symlink. */
export interface ListTask {
  kind: 'list';
  dir: string;
}

export const STAT_FIELDS = 6;

export interface ListReply {
  names: string[];
  /** STAT_FIELDS numbers a name: mode, uid, gid, size, ino, dev. */
  stats: Float64Array;
  /** The target of each symlink, null for everything else. */
  links: (string | null)[];
}

/**
 * Read and hash regular files listed before: each is opened without following a link
 * and without blocking, and must still be the file that was listed (same inode and
 * device, still a regular file, still of the listed size). `meta` holds four numbers
 * a file: listed size, inode, device, and how many leading bytes to send back.
 */
export interface ReadFilesTask {
  kind: 'read-files';
  paths: string[];
  meta: Float64Array;
}

export interface ReadFilesReply {
  digests: string[];
  /** The leading bytes asked for, file after file, `lengths[i]` of them for file `i`. */
  content: ArrayBuffer;
  lengths: Float64Array;
  /** The first file that could not be read or changed; the files after it were not read. */
  failure?: { index: number; error: SerializedError };
}

export type Task = InflateTask | HashFileTask | ListTask | ReadFilesTask;
export type Reply = InflateReply | HashFileReply | ListReply | ReadFilesReply;
/** The reply to a task of each kind. */
export type ReplyTo<T extends Task> = T extends InflateTask ? InflateReply : T extends HashFileTask ? HashFileReply : T extends ListTask ? ListReply : ReadFilesReply;

/** An error as it crosses from a worker: enough to rebuild a system error with its code and path. */
export interface SerializedError {
  message: string;
  code?: string;
  path?: string;
  syscall?: string;
  /** The file changed between its listing and its reading. */
  changed?: boolean;
}

/** What `runTask` may use: Node's own modules, named as `require` would name them. */
export type Load = (id: string) => unknown;

/**
 * The work of one task. Self-contained: it is turned into the source text of each
 * worker, so it may use nothing from this module or any other but what `load` gives it.
 */
export function runTask(load: Load, task: Task): { reply: Reply; transfer: ArrayBuffer[] } {
  const fs = load('node:fs') as typeof import('node:fs');
  const crypto = load('node:crypto') as typeof import('node:crypto');
  const zlib = load('node:zlib') as typeof import('node:zlib');
  const CHUNK = 1024 * 1024;
  const INFLATE_FIELDS_HERE = 5;

  const describe = (error: unknown): SerializedError => {
    const failure = error as { message?: unknown; code?: unknown; path?: unknown; syscall?: unknown };
    const serialized: SerializedError = { message: typeof failure.message === 'string' ? failure.message : String(error) };
    if (typeof failure.code === 'string') serialized.code = failure.code;
    if (typeof failure.path === 'string') serialized.path = failure.path;
    if (typeof failure.syscall === 'string') serialized.syscall = failure.syscall;
    return serialized;
  };

  if (task.kind === 'inflate') {
    const window = Buffer.from(task.window);
    const jobs = task.jobs;
    const count = jobs.length / INFLATE_FIELDS_HERE;
    const digests: string[] = [];
    const lengths = new Float64Array(count);
    let wanted = 0;
    for (let index = 0; index < count; index++) {
      const at = index * INFLATE_FIELDS_HERE;
      if ((jobs[at + 3] as number) >= 0) wanted += Math.min(jobs[at + 2] as number, jobs[at + 4] as number);
    }
    const content = Buffer.allocUnsafeSlow(wanted);
    let held = 0;
    let failure: { index: number; message: string } | undefined;
    for (let index = 0; index < count; index++) {
      const at = index * INFLATE_FIELDS_HERE;
      const method = jobs[at + 3] as number;
      if (method < 0) {
        digests.push('');
        continue;
      }
      const start = jobs[at] as number;
      const data = window.subarray(start, start + (jobs[at + 1] as number));
      const declared = jobs[at + 2] as number;
      let piece: Buffer;
      if (method === 0) {
        piece = data;
      } else {
        try {
          // one byte past the declared size is enough to know it is past, and bounds what a bomb can make;
          // an output chunk of that size makes one buffer an entry (not 16 KiB pieces joined): less garbage
          piece = zlib.inflateRawSync(data, { chunkSize: Math.max(64, declared + 1), maxOutputLength: declared + 1 });
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          const message = error instanceof Error ? error.message : String(error);
          failure = {
            index,
            message: code === 'ERR_BUFFER_TOO_LARGE' ? `inflates past the ${declared} bytes it declares` : `has damaged deflate data (${message})`,
          };
          break;
        }
        if (piece.length !== declared) {
          failure = {
            index,
            message: piece.length > declared ? `inflates past the ${declared} bytes it declares` : `inflates to ${piece.length} bytes, not the ${declared} it declares`,
          };
          break;
        }
      }
      digests.push(crypto.hash('sha256', piece, 'hex'));
      const want = Math.min(declared, jobs[at + 4] as number);
      piece.copy(content, held, 0, want);
      lengths[index] = want;
      held += want;
    }
    // the window goes back to be read into again
    const reply: InflateReply = { digests, content: content.buffer, lengths, window: task.window };
    if (failure) reply.failure = failure;
    return { reply, transfer: [reply.content, task.window] };
  }

  if (task.kind === 'hash-file') {
    const fd = fs.openSync(task.path, 'r');
    try {
      const hash = crypto.createHash('sha256');
      const buffer = Buffer.allocUnsafeSlow(CHUNK);
      for (let read = fs.readSync(fd, buffer, 0, CHUNK, null); read > 0; read = fs.readSync(fd, buffer, 0, CHUNK, null)) {
        hash.update(buffer.subarray(0, read));
      }
      return { reply: { sha256: hash.digest('hex') }, transfer: [] };
    } finally {
      fs.closeSync(fd);
    }
  }

  if (task.kind === 'list') {
    const names = fs.readdirSync(task.dir).sort();
    const stats = new Float64Array(names.length * 6);
    const links: (string | null)[] = [];
    for (let index = 0; index < names.length; index++) {
      const path = `${task.dir}/${names[index] as string}`;
      const stat = fs.lstatSync(path);
      stats.set([stat.mode, stat.uid, stat.gid, stat.size, stat.ino, stat.dev], index * 6);
      links.push(stat.isSymbolicLink() ? fs.readlinkSync(path) : null);
    }
    return { reply: { names, stats, links }, transfer: [] };
  }

  // read-files
  const { paths, meta } = task;
  const digests: string[] = [];
  const lengths = new Float64Array(paths.length);
  let wanted = 0;
  let largest = 0;
  for (let index = 0; index < paths.length; index++) {
    const size = meta[index * 4] as number;
    wanted += Math.min(size, meta[index * 4 + 3] as number);
    if (size < CHUNK && size > largest) largest = size;
  }
  const content = Buffer.allocUnsafeSlow(wanted);
  // one buffer for every small file of the batch: a file is read into it whole, plus one byte to see it has not grown
  const scratch = Buffer.allocUnsafeSlow(Math.min(largest, CHUNK) + 1);
  let held = 0;
  let failure: { index: number; error: SerializedError } | undefined;
  const flags = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index] as string;
    const size = meta[index * 4] as number;
    const want = Math.min(size, meta[index * 4 + 3] as number);
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, flags);
      const now = fs.fstatSync(fd);
      if (!now.isFile() || now.ino !== meta[index * 4 + 1] || now.dev !== meta[index * 4 + 2]) {
        failure = { index, error: { message: `'${path}' changed while it was being read`, changed: true } };
        break;
      }
      let read = 0;
      let digest: string;
      if (size < CHUNK) {
        for (let got = 1; got > 0 && read < scratch.length; read += got) got = fs.readSync(fd, scratch, read, scratch.length - read, null);
        if (read !== size) {
          failure = { index, error: { message: `'${path}' changed while it was being read`, changed: true } };
          break;
        }
        digest = crypto.hash('sha256', scratch.subarray(0, size), 'hex');
        scratch.copy(content, held, 0, want);
      } else {
        const hash = crypto.createHash('sha256');
        const chunk = Buffer.allocUnsafeSlow(CHUNK);
        for (let got = fs.readSync(fd, chunk, 0, CHUNK, null); got > 0; got = fs.readSync(fd, chunk, 0, CHUNK, null)) {
          hash.update(chunk.subarray(0, got));
          if (read < want) chunk.copy(content, held + read, 0, Math.min(got, want - read));
          read += got;
        }
        if (read !== size) {
          failure = { index, error: { message: `'${path}' changed while it was being read`, changed: true } };
          break;
        }
        digest = hash.digest('hex');
      }
      digests.push(digest);
      lengths[index] = want;
      held += want;
    } catch (error) {
      // listed as a regular file, now a link that O_NOFOLLOW refuses to open: it changed
      const changed = fd === undefined && (error as { code?: unknown }).code === 'ELOOP';
      failure = { index, error: changed ? { message: `'${path}' changed while it was being read`, changed } : describe(error) };
      break;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
  const reply: ReadFilesReply = { digests, content: content.buffer, lengths };
  if (failure) reply.failure = failure;
  return { reply, transfer: [reply.content] };
}

/** The body of each worker: run every task it is sent and post the reply back with its id. */
function workerMain(load: Load, run: typeof runTask): void {
  const { parentPort } = load('node:worker_threads') as typeof import('node:worker_threads');
  parentPort?.on('message', (message: { id: number; task: Task }) => {
    let result: { reply: Reply; transfer: ArrayBuffer[] };
    try {
      result = run(load, message.task);
    } catch (error) {
      const failure = error as { message?: unknown; code?: unknown; path?: unknown; syscall?: unknown };
      parentPort.postMessage({
        id: message.id,
        error: {
          message: typeof failure.message === 'string' ? failure.message : String(error),
          code: typeof failure.code === 'string' ? failure.code : undefined,
          path: typeof failure.path === 'string' ? failure.path : undefined,
          syscall: typeof failure.syscall === 'string' ? failure.syscall : undefined,
        },
      });
      return;
    }
    parentPort.postMessage({ id: message.id, reply: result.reply }, result.transfer);
  });
}

const WORKER_SOURCE = `(${workerMain.toString()})(require, (${runTask.toString()}));`;

/** Node's modules for `runTask` on the main thread, without a `require`. */
const MODULES: Record<string, unknown> = {
  'node:fs': { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, readlinkSync },
  'node:crypto': { hash: digestOnce, createHash },
  'node:zlib': { inflateRawSync },
};

/** Run a task on the main thread (inputs too small for a worker); errors are thrown as they are. */
export function runHere<T extends Task>(task: T): ReplyTo<T> {
  return runTask((id) => MODULES[id], task).reply as ReplyTo<T>;
}

/** A system error rebuilt from what a worker sent: its message, code, path and syscall, as the callers' error lines expect. */
export function rebuildError(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as Error & { code?: string; path?: string; syscall?: string };
  if (serialized.code !== undefined) error.code = serialized.code;
  if (serialized.path !== undefined) error.path = serialized.path;
  if (serialized.syscall !== undefined) error.syscall = serialized.syscall;
  return error;
}

/** Threads worth starting beside the main one: two on a 2-core runner, at most four. */
export function workerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

interface Waiting {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  worker: number;
}

/** A few worker threads running tasks; each task goes to the least busy one. */
export class ReadWorkers {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private broken: Error | undefined;

  constructor(count: number) {
    for (let index = 0; index < count; index++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', (message: { id: number; reply?: Reply; error?: SerializedError }) => {
        const waiting = this.waiting.get(message.id);
        if (!waiting) return;
        this.waiting.delete(message.id);
        this.busy[waiting.worker] = (this.busy[waiting.worker] ?? 1) - 1;
        if (message.error) waiting.reject(rebuildError(message.error));
        else waiting.resolve(message.reply as Reply);
      });
      worker.on('error', (error) => {
        this.fail(error);
      });
      worker.on('exit', () => {
        this.fail(new Error('a reader thread stopped'));
      });
      this.workers.push(worker);
      this.busy.push(0);
    }
  }

  /** Threads running. */
  get size(): number {
    return this.workers.length;
  }

  run<T extends Task>(task: T, transfer: ArrayBuffer[] = []): Promise<ReplyTo<T>> {
    if (this.broken) return Promise.reject(this.broken);
    let chosen = 0;
    for (let index = 1; index < this.workers.length; index++) if ((this.busy[index] ?? 0) < (this.busy[chosen] ?? 0)) chosen = index;
    const id = this.nextId++;
    return new Promise<ReplyTo<T>>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (reply: Reply) => void, reject, worker: chosen });
      this.busy[chosen] = (this.busy[chosen] ?? 0) + 1;
      (this.workers[chosen] as Worker).postMessage({ id, task }, transfer);
    });
  }

  async close(): Promise<void> {
    this.broken ??= new Error('the reader threads were closed');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
