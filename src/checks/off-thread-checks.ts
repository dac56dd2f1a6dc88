// The content checks that read every text file (secrets, malicious code) cost the main
// thread more than inflating the package costs the thread pool: a profile of a 216 MiB
// node_modules package put 2.4 s of its 4.4 s main-thread time in their take(), while
// zlib's inflate thread idled. This analyser runs them on a worker thread instead: the
// pass still asks each of them what it wants (on the main thread, from instances used
// only to plan), copies the content they get into batches it hands over, and the
// worker calls the same checks in the same order on the same bytes, so their findings
// and notes are those of the checks run in place.
import { Worker } from 'node:worker_threads';
import { ScanError, oneLine } from '../errors.js';
import type { Content, Entry, EntryHeader } from '../read/entry.js';
import type { AnalyzerResult, CheckCost } from '../pass/content-analyzer.js';
import type { ContentCheck } from './check.js';
import { Plans } from './plans.js';

/** Bytes per batch handed to the worker. */
const BATCH_BYTES = 1024 * 1024;
/** Shared memory the contents are copied into: what bounds the memory this costs, and how far the pass may run ahead. */
const RING_BYTES = 16 * 1024 * 1024;
/** A content larger than this gets a buffer of its own, handed over whole. */
const OWN_BUFFER_BYTES = 4 * 1024 * 1024;
/** A worker that has taken nothing for this long while the pass waits on it has stopped. */
const STALL_MS = 120_000;

/** What to do when the worker fails: the package is not at fault, the thread is. */
const WORKER_FIX = 'run again with RELEASE_GATE_CHECK_WORKER=0 to scan on the main thread, and report it with the output of --debug';

/** Indices into the shared counters. */
export const IN_FLIGHT = 0;
export const FAILED = 1;

/** One entry of a batch: the entry as the pass saw it, which checks asked for it, where its bytes are. */
export interface BatchItem {
  entry: Entry;
  /** Bit i: check i asked for this entry. */
  mask: number;
  truncated: boolean;
  /** Offset of the bytes in the ring, or in `own`. */
  at: number;
  head: number;
  /** Bytes of the tail after the head, -1 when the content has none. */
  tail: number;
  /** A content too large for the ring, handed over in a buffer of its own. */
  own?: ArrayBuffer;
}

/** `bytes`: what the batch holds of the ring (skipped space at its end included), released once scanned. */
export type ToWorker = { kind: 'batch'; items: BatchItem[]; bytes: number } | { kind: 'finish' };
export type FromWorker = { kind: 'done'; results: AnalyzerResult[]; costs: CheckCost[] } | { kind: 'failed'; message: string };

/** What the worker needs to start: the names of its checks (see OFF_THREAD_CHECKS), the shared counters and ring. */
export interface WorkerStart {
  names: string[];
  counters: SharedArrayBuffer;
  ring: SharedArrayBuffer;
}

export class OffThreadChecks implements ContentCheck {
  readonly name: string;
  private readonly asked = new Plans<number>();
  private readonly shared = new SharedArrayBuffer(8);
  private readonly counters = new Int32Array(this.shared);
  private readonly ringMemory = new SharedArrayBuffer(RING_BYTES);
  private readonly ring = Buffer.from(this.ringMemory);
  /** Where the next content goes in the ring. */
  private position = 0;
  private worker: Worker | undefined;
  private outcome: Promise<FromWorker> | undefined;
  private items: BatchItem[] = [];
  /** Ring bytes of the batch being filled (counted in flight already). */
  private batchBytes = 0;
  private owned: ArrayBuffer[] = [];
  private copyMs = 0;
  private copied = 0;

  /** `planners`: one instance of each check, asked what it wants; the worker runs instances of its own, made from `names`. */
  constructor(
    private readonly script: URL,
    private readonly names: readonly string[],
    private readonly planners: readonly ContentCheck[],
  ) {
    this.name = names.join('+');
    if (planners.length !== names.length || planners.length > 30) throw new Error('one planner per named check');
  }

  wants(header: EntryHeader, base: string): number {
    let mask = 0;
    let bound = 0;
    for (let i = 0; i < this.planners.length; i++) {
      const wanted = (this.planners[i] as ContentCheck).wants(header, base);
      if (wanted > 0) {
        mask |= 1 << i;
        if (wanted > bound) bound = wanted;
      }
    }
    if (mask !== 0) this.asked.set(header, mask);
    return bound;
  }

  wantsTail(header: EntryHeader, base: string): number {
    const mask = this.asked.peek(header) ?? 0;
    let bound = 0;
    for (let i = 0; i < this.planners.length; i++) {
      if ((mask & (1 << i)) === 0) continue;
      const wanted = (this.planners[i] as ContentCheck).wantsTail?.(header, base) ?? 0;
      if (wanted > bound) bound = wanted;
    }
    return bound;
  }

  take(entry: Entry, content: Content): void {
    const mask = this.asked.use(entry);
    if (mask === undefined) return;
    for (const planner of this.planners) planner.forget?.(entry);
    if (Atomics.load(this.counters, FAILED) !== 0) return; // finish() reports why
    const started = performance.now();
    const head = content.bytes.length;
    const tail = content.tail ? content.tail.length : -1;
    const need = head + Math.max(tail, 0);
    const item: BatchItem = { entry, mask, truncated: content.truncated, at: 0, head, tail };
    let target: Buffer;
    if (need > OWN_BUFFER_BYTES) {
      // allocUnsafeSlow: a buffer that owns its whole ArrayBuffer, so it can be transferred
      // counted in flight too (as at most the ring), so large contents cannot pile up either
      this.reserve(Math.min(need, RING_BYTES));
      target = Buffer.allocUnsafeSlow(need);
      item.own = target.buffer as ArrayBuffer;
      this.owned.push(item.own);
    } else {
      // a content never wraps: the space left at the end is skipped, and released with this batch
      const skip = this.position + need > RING_BYTES ? RING_BYTES - this.position : 0;
      this.reserve(skip + need);
      if (skip > 0) this.position = 0;
      item.at = this.position;
      this.position += need;
      target = this.ring;
    }
    content.bytes.copy(target, item.at);
    if (content.tail) content.tail.copy(target, item.at + head);
    this.items.push(item);
    this.copied += need;
    if (this.batchBytes >= BATCH_BYTES || item.own) this.flush();
    this.copyMs += performance.now() - started;
  }

  async finish(): Promise<AnalyzerResult> {
    this.flush();
    if (!this.worker) return {};
    this.worker.ref();
    this.worker.postMessage({ kind: 'finish' } satisfies ToWorker);
    const outcome = await (this.outcome as Promise<FromWorker>);
    await this.worker.terminate();
    if (outcome.kind === 'failed') throw new ScanError(`the ${this.name} checks failed in their worker thread (${oneLine(outcome.message)}); ${WORKER_FIX}`);
    const merged: AnalyzerResult = { findings: [], notes: [], costs: [{ name: `${this.name} (copies, waits)`, thread: 'main', milliseconds: this.copyMs, bytes: this.copied }, ...outcome.costs] };
    for (const result of outcome.results) {
      merged.findings?.push(...(result.findings ?? []));
      merged.notes?.push(...(result.notes ?? []));
    }
    return merged;
  }

  /** Count `bytes` of the ring in flight, first waiting (the pass is synchronous) until the worker has released enough. */
  private reserve(bytes: number): void {
    if (Atomics.load(this.counters, IN_FLIGHT) + bytes > RING_BYTES) {
      // the worker can only release what it was handed
      this.flush();
      let last = Atomics.load(this.counters, IN_FLIGHT);
      let since = performance.now();
      while (last + bytes > RING_BYTES && Atomics.load(this.counters, FAILED) === 0) {
        Atomics.wait(this.counters, IN_FLIGHT, last, 1000);
        const now = Atomics.load(this.counters, IN_FLIGHT);
        if (now !== last) {
          last = now;
          since = performance.now();
        } else if (performance.now() - since > STALL_MS) {
          throw new ScanError(`the ${this.name} checks stopped in their worker thread (nothing scanned for ${STALL_MS / 1000} s); ${WORKER_FIX}`);
        }
      }
    }
    Atomics.add(this.counters, IN_FLIGHT, bytes);
    this.batchBytes += bytes;
  }

  /** Hand the batch being filled to the worker. */
  private flush(): void {
    if (this.items.length === 0) return;
    const worker = this.start();
    worker.postMessage({ kind: 'batch', items: this.items, bytes: this.batchBytes } satisfies ToWorker, this.owned);
    this.items = [];
    this.owned = [];
    this.batchBytes = 0;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const workerData: WorkerStart = { names: [...this.names], counters: this.shared, ring: this.ringMemory };
    // a small young generation, as the relaunched main thread has: the worker's garbage is
    // one file's text at a time (its old generation is left unbounded: the pass blocks on
    // the ring while the worker runs, so a worker killed for memory would only show as a stall)
    const worker = new Worker(this.script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.outcome = new Promise<FromWorker>((resolve) => {
      worker.once('message', (message: FromWorker) => {
        resolve(message);
      });
      worker.once('error', (error) => {
        resolve({ kind: 'failed', message: error.message });
      });
      worker.once('exit', (code) => {
        resolve({ kind: 'failed', message: `it exited with status ${code}` });
      });
    });
    // a pass that fails before finish() must not leave an unhandled rejection or a live thread behind
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
