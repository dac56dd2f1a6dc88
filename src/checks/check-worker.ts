// The worker thread of OffThreadChecks: runs its content checks on the batches the pass
// hands over, in the order they come, and answers `finish` with what they found and
// what their take() cost. Started from its own bundle (dist/check-worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import type { Content } from '../read/entry.js';
import type { AnalyzerResult, CheckCost } from '../pass/content-analyzer.js';
import { FAILED, IN_FLIGHT, type FromWorker, type ToWorker, type WorkerStart } from './off-thread-checks.js';
import { OFF_THREAD_CHECKS } from './registry.js';

const start = workerData as WorkerStart;
const port = parentPort;
if (port === null) throw new Error('check-worker runs as a worker thread only');
const counters = new Int32Array(start.counters);
const ring = start.ring;
const checks = start.names.map((name) => {
  const make = OFF_THREAD_CHECKS[name];
  if (!make) throw new Error(`no off-thread check named ${name}`);
  return make();
});
const spent = checks.map(() => 0);
const fed = checks.map(() => 0);
let failure: unknown;

function run(items: Extract<ToWorker, { kind: 'batch' }>['items']): void {
  for (const item of items) {
    const { entry } = item;
    const buffer = item.own ?? ring;
    const slash = entry.path.lastIndexOf('/');
    const base = slash < 0 ? entry.path : entry.path.slice(slash + 1);
    const content: Content = { bytes: Buffer.from(buffer, item.at, item.head), truncated: item.truncated };
    if (item.tail >= 0) content.tail = Buffer.from(buffer, item.at + item.head, item.tail);
    for (let i = 0; i < checks.length; i++) {
      if ((item.mask & (1 << i)) === 0) continue;
      const check = checks[i] as (typeof checks)[number];
      const started = performance.now();
      // the same plan as the pass's planner made: the check keeps it per entry object
      check.wants(entry, base);
      check.take(entry, content);
      spent[i] = (spent[i] as number) + performance.now() - started;
      fed[i] = (fed[i] as number) + item.head + Math.max(item.tail, 0);
    }
  }
}

async function finish(): Promise<FromWorker> {
  if (failure !== undefined) return { kind: 'failed', message: failure instanceof Error ? failure.message : 'a check threw' };
  const results: AnalyzerResult[] = [];
  for (const check of checks) results.push(await check.finish());
  const costs: CheckCost[] = checks.map((check, i) => ({ name: check.name, thread: 'worker', milliseconds: spent[i] as number, bytes: fed[i] as number }));
  return { kind: 'done', results, costs };
}

port.on('message', (message: ToWorker) => {
  if (message.kind === 'batch') {
    try {
      if (failure === undefined) run(message.items);
    } catch (error) {
      failure = error;
      Atomics.store(counters, FAILED, 1);
    }
    Atomics.sub(counters, IN_FLIGHT, message.bytes);
    Atomics.notify(counters, IN_FLIGHT);
    return;
  }
  finish().then(
    (outcome) => {
      port.postMessage(outcome);
    },
    (error: unknown) => {
      port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
    },
  );
});
