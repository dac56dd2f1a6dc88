// npm run bench: the scan of each generated package, in each form (.tar.gz, .zip and
// the tree itself as a deployed directory), against that form's floor, measured in the
// same run, interleaved, as whole processes. The floors are the least work a scan must
// do: inflate + SHA-256 of every byte (.tar.gz, scripts/bench-floor.mjs), the central
// directory read and every entry inflated and hashed on the main thread (.zip,
// scripts/bench-floor-zip.mjs), a plain walk that lstats, reads and hashes every file
// one at a time (directory, scripts/bench-floor-dir.mjs). Beside them GNU gzip -dc
// (.tar.gz) and AIDE --init with SHA-256 + permissions + size (directory, when aide is
// installed). Reports medians of wall and CPU seconds, ratios and peak memory, and what
// each content check's take() cost on which thread (the scan prints it to stderr when
// RELEASE_GATE_CHECK_COSTS=1); never asserts a time (these machines are noisy).
//
//   BENCH_ROUNDS=5            rounds per package and form
//   BENCH_SCALE=1             size of the generated packages
//   BENCH_SHAPES=storefront,magento
//   BENCH_FORMS=tar.gz,zip,dir
//   BENCH_PACKAGES=a.tgz,b.zip,dir/,…   scan these instead of the generated ones
//   BENCH_NODE=/path/node     the Node to measure with (default: this one)
//   BENCH_COMPARE=/path/cli.js  also scan with another build (a checkout of main), in the same rounds
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchForms } from './bench-package.mjs';

const root = resolve(import.meta.dirname, '..');
const compare = process.env.BENCH_COMPARE;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const node = process.env.BENCH_NODE ?? process.execPath;
const shapes = (process.env.BENCH_SHAPES ?? 'storefront,magento').split(',');
const forms = new Set((process.env.BENCH_FORMS ?? 'tar.gz,zip,dir').split(','));
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const aide = ['/usr/bin/aide', '/usr/sbin/aide', '/usr/local/bin/aide'].find((path) => existsSync(path));
const cacheDir = join(root, '.cache', 'bench');
await mkdir(cacheDir, { recursive: true });
const scratch = await mkdtemp(join(tmpdir(), 'release-gate-bench-'));

const formOf = (path) => (statSync(path).isDirectory() ? 'dir' : path.endsWith('.zip') ? 'zip' : 'tar.gz');

/** [label, form, path] of every package to measure. */
const packages = [];
if (process.env.BENCH_PACKAGES) {
  for (const path of process.env.BENCH_PACKAGES.split(',')) packages.push([path, formOf(path), resolve(path)]);
} else {
  if (forms.has('tar.gz')) packages.push(['store-1.4.0 (example)', 'tar.gz', join(root, 'examples/store-1.4.0.tar.gz')]);
  for (const shape of shapes) {
    const made = await benchForms(cacheDir, shape, scale);
    for (const form of ['tar.gz', 'zip', 'dir']) if (forms.has(form)) packages.push([`${shape}-x${scale}`, form, made[form]]);
  }
}

/** AIDE's configuration for one tree: SHA-256, permissions and size of everything under it, into a scratch database. */
async function aideConfig(tree) {
  const config = join(scratch, `aide-${packages.findIndex(([, , path]) => path === tree)}.conf`);
  const database = `${config}.db`;
  // a selection line is a regular expression: escape the tree's path, and stop it matching a sibling with a longer name
  // AIDE does not descend through a symlink in the path it is given (it would check one link and stop): the real path
  const escaped = realpathSync(tree).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  await writeFile(config, [`database_out=file:${database}`, 'gzip_dbout=no', 'Checks = p+s+sha256', `${escaped}(/.*)?$ Checks`, ''].join('\n'));
  return config;
}

/** Run one command to completion: wall seconds, CPU seconds (user + system) and peak resident memory (of the whole process tree), and the cost of each content check the scan names. */
function measure(command, args, env = {}) {
  const started = process.hrtime.bigint();
  const options = { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, RELEASE_GATE_CHECK_COSTS: '1', ...env } };
  const result = time ? spawnSync(time, ['-f', '%U %S %M', command, ...args], options) : spawnSync(command, args, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // the scan exits 1 when it finds something to block on: that is a finished scan
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

const FLOORS = { 'tar.gz': 'bench-floor.mjs', zip: 'bench-floor-zip.mjs', dir: 'bench-floor-dir.mjs' };

async function variants(form, pkg) {
  const list = { floor: [node, [join(root, 'scripts', FLOORS[form]), pkg]] };
  if (form === 'tar.gz') list['gzip -dc'] = ['sh', ['-c', `gzip -dc '${pkg}' > /dev/null`]];
  if (form === 'dir' && aide) list['aide'] = [aide, ['--init', `--config=${await aideConfig(pkg)}`]];
  // offline, against the example's advisory database: the scan's own work, not the network's
  const scanArgs = (cli) => [cli, 'scan', pkg, '--quiet', '--offline', '--advisories', join(root, 'examples/advisories'), '--report', join(scratch, 'report.json')];
  list.scan = [node, scanArgs(join(root, 'dist/cli.js'))];
  // the same scan with secrets and malicious code on the main thread: what their worker thread buys
  list['scan, checks on main thread'] = [node, scanArgs(join(root, 'dist/cli.js')), { RELEASE_GATE_CHECK_WORKER: '0' }];
  if (compare) list[`scan by ${compare}`] = [node, scanArgs(resolve(compare))];
  return list;
}

const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`release-gate bench: ${rounds} rounds, ${node} (${version})${forms.has('dir') && !aide ? '; aide is not installed (apt-get install aide): no AIDE times' : ''}\n`);
const summary = [];
for (const [label, form, pkg] of packages) {
  const stats = statSync(pkg);
  const list = await variants(form, pkg);
  const runs = Object.fromEntries(Object.keys(list).map((name) => [name, []]));
  // warm the page cache and the disk, once for every variant
  for (const [command, args, env] of Object.values(list)) measure(command, args, env);
  for (let round = 0; round < rounds; round++) {
    for (const [name, [command, args, env]] of Object.entries(list)) runs[name].push(measure(command, args, env));
  }
  const floor = median(runs.floor.map((run) => run.seconds));
  console.log(`${label} ${form}${stats.isFile() ? ` (${(stats.size / 2 ** 20).toFixed(1)} MiB)` : ''}: ${pkg}`);
  for (const [name, measured] of Object.entries(runs)) {
    const seconds = median(measured.map((run) => run.seconds));
    const cpu = median(measured.map((run) => run.cpu));
    const rss = Math.max(...measured.map((run) => run.rss));
    const range = `(min ${Math.min(...measured.map((run) => run.seconds)).toFixed(3)}, max ${Math.max(...measured.map((run) => run.seconds)).toFixed(3)})`;
    console.log(
      `  ${name.padEnd(9)} ${seconds.toFixed(3)} s  ×${(seconds / floor).toFixed(3)} of the floor  cpu ${Number.isNaN(cpu) ? '?' : cpu.toFixed(2)} s  peak ${Number.isNaN(rss) ? '?' : rss.toFixed(0)} MiB  ${range}`,
    );
    const checks = {};
    for (const check of new Set(measured.flatMap((run) => Object.keys(run.checks)))) {
      const ms = median(measured.map((run) => run.checks[check]?.ms ?? 0));
      checks[check] = ms;
      console.log(`      ${check.padEnd(44)} ${(ms / 1000).toFixed(3)} s   ${(measured[0].checks[check]?.mib ?? 0).toFixed(0)} MiB of content`);
    }
    summary.push({ package: label, form, variant: name, seconds, ratio: seconds / floor, cpuSeconds: cpu, peakMiB: rss, ...(Object.keys(checks).length > 0 ? { checkMs: checks } : {}) });
  }
  const scan = summary.findLast((row) => row.package === label && row.form === form && row.variant === 'scan');
  console.log(`  floor/scan ${(1 / scan.ratio).toFixed(2)}${runs.aide ? `, scan/aide ${(scan.seconds / median(runs.aide.map((run) => run.seconds))).toFixed(2)}` : ''}\n`);
}
console.log(JSON.stringify(summary));
await rm(scratch, { recursive: true, force: true });
