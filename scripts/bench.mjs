// npm run bench: the scan of a .tar.gz against the floor (inflate + SHA-256 of every
// byte, scripts/bench-floor.mjs) and against GNU gzip -dc, measured in the same run,
// interleaved, as whole processes. Reports medians, ratios, CPU seconds and peak memory,
// and what each content check's take() cost on which thread (the scan prints it to
// stderr when RELEASE_GATE_CHECK_COSTS=1); never asserts a time (these machines are noisy).
//
//   BENCH_ROUNDS=5          rounds per package
//   BENCH_SCALE=1           size of the generated packages
//   BENCH_PACKAGES=a.tgz,…  scan these instead of the generated ones
//   BENCH_NODE=/path/node   the Node to measure with (default: this one)
//   BENCH_COMPARE=/path/cli.js  also scan with another build (a checkout of main), in the same rounds
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchPackage } from './bench-package.mjs';

const root = resolve(import.meta.dirname, '..');
const compare = process.env.BENCH_COMPARE;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const node = process.env.BENCH_NODE ?? process.execPath;
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cacheDir = join(root, '.cache', 'bench');
await mkdir(cacheDir, { recursive: true });
const scratch = await mkdtemp(join(tmpdir(), 'release-gate-bench-'));

const packages = process.env.BENCH_PACKAGES
  ? process.env.BENCH_PACKAGES.split(',')
  : [join(root, 'examples/store-1.4.0.tar.gz'), await benchPackage(cacheDir, 'storefront', scale), await benchPackage(cacheDir, 'magento', scale)];

/** Run one command to completion: wall seconds, CPU seconds and peak resident memory (of the whole process tree), and the cost of each content check the scan names. */
function measure(command, args, env = {}) {
  const started = process.hrtime.bigint();
  const options = { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, RELEASE_GATE_CHECK_COSTS: '1', ...env } };
  const result = time ? spawnSync(time, ['-f', '%U %S %M', command, ...args], options) : spawnSync(command, args, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && !(command === node && result.status === 1)) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  const [user, system, kib] = time ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [Number.NaN, Number.NaN, Number.NaN];
  // `check-cost <name> <thread> <ms> ms <MiB> MiB`, one line per content check
  const checks = {};
  for (const [, name, thread, ms, mib] of result.stderr.matchAll(/^check-cost (\S+(?: \([^)]*\))?) (\w+) ([\d.]+) ms ([\d.]+) MiB$/gm)) {
    if (Number(ms) >= 1) checks[`${name} (${thread})`] = { ms: Number(ms), mib: Number(mib) };
  }
  return { seconds, cpu: user + system, rss: kib / 1024, checks };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// offline, against the example's advisory database: the scan's own work, not the network's
const scanArgs = (cli, pkg) => [cli, 'scan', pkg, '--quiet', '--offline', '--advisories', join(root, 'examples/advisories'), '--report', join(scratch, 'report.json')];
const variants = (pkg) => ({
  floor: [node, [join(root, 'scripts/bench-floor.mjs'), pkg]],
  'gzip -dc': ['sh', ['-c', `gzip -dc '${pkg}' > /dev/null`]],
  scan: [node, scanArgs(join(root, 'dist/cli.js'), pkg)],
  // the same scan with secrets and malicious code on the main thread: what their worker thread buys
  'scan, checks on main thread': [node, scanArgs(join(root, 'dist/cli.js'), pkg), { RELEASE_GATE_CHECK_WORKER: '0' }],
  ...(compare ? { [`scan by ${compare}`]: [node, scanArgs(resolve(compare), pkg)] } : {}),
});

console.log(`release-gate bench: ${rounds} rounds, ${node} (${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()})\n`);
const summary = [];
for (const pkg of packages) {
  const size = statSync(pkg).size;
  const runs = Object.fromEntries(Object.keys(variants(pkg)).map((name) => [name, []]));
  measure(...variants(pkg).scan); // warm the page cache and the disk
  for (let round = 0; round < rounds; round++) {
    for (const [name, [command, args, env]] of Object.entries(variants(pkg))) runs[name].push(measure(command, args, env));
  }
  const floor = median(runs.floor.map((run) => run.seconds));
  console.log(`${pkg} (${(size / 2 ** 20).toFixed(1)} MiB)`);
  for (const [name, list] of Object.entries(runs)) {
    const seconds = median(list.map((run) => run.seconds));
    const rss = Math.max(...list.map((run) => run.rss));
    const cpu = median(list.map((run) => run.cpu));
    console.log(
      `  ${name.padEnd(9)} ${seconds.toFixed(3)} s   ×${(seconds / floor).toFixed(3)} of the floor   CPU ${Number.isNaN(cpu) ? '?' : cpu.toFixed(2)} s   peak ${Number.isNaN(rss) ? '?' : rss.toFixed(0)} MiB   (min ${Math.min(...list.map((run) => run.seconds)).toFixed(3)}, max ${Math.max(...list.map((run) => run.seconds)).toFixed(3)})`,
    );
    const checks = {};
    for (const check of new Set(list.flatMap((run) => Object.keys(run.checks)))) {
      const ms = median(list.map((run) => run.checks[check]?.ms ?? 0));
      checks[check] = ms;
      console.log(`      ${check.padEnd(44)} ${(ms / 1000).toFixed(3)} s   ${(list[0].checks[check]?.mib ?? 0).toFixed(0)} MiB of content`);
    }
    summary.push({ package: pkg, variant: name, seconds, ratio: seconds / floor, cpuSeconds: cpu, peakMiB: rss, ...(Object.keys(checks).length > 0 ? { checkMs: checks } : {}) });
  }
  console.log('');
}
console.log(JSON.stringify(summary));
await rm(scratch, { recursive: true, force: true });
