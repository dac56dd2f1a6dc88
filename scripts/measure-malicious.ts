// npm run measure:malicious: detection and false positives of the malicious-code check,
// measured with the check itself (src/checks/malicious-code), over the corpora in
// /work/corpora (or $CORPORA) when they exist. Nothing of the corpora is kept or printed
// beyond counts and file names: they are live malware and third-party code.
//
//   detect [train|holdout]   each sample as a file of its own (`.sample` dropped from its name)
//   plant [train|holdout]    each sample planted where a store release hides it: a new class in
//                            app/code, a file in vendor/, appended to a Magento class, a script in
//                            pub/static, appended to a 3 MiB and an 11 MiB bundle, to a .phtml
//   stress                   the stress set (a web shell detection data set), as counts only
//   reconstructed            skimmers reconstructed from public write-ups and labs
//   clean [corpus…]          a scan of each clean corpus (a directory): findings by kind
//   speed [corpus…]          the check alone over the text of the clean corpora, in MB/s
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MaliciousCodeCheck } from '../src/checks/malicious-code/malicious-code.js';
import { prefilter } from '../src/checks/malicious-code/engine.js';
import { SecretsCheck } from '../src/checks/secrets/secrets.js';
import type { ContentCheck } from '../src/checks/check.js';
import { identify } from '../src/findings/draft.js';
import type { Finding } from '../src/model.js';
import type { Entry } from '../src/read/entry.js';
import { scan } from '../src/scan.js';

const CORPORA = process.env['CORPORA'] ?? '/work/corpora';
const MALWARE = join(CORPORA, 'malware');
const CLEAN = join(CORPORA, 'clean');
const FAMILIES = ['shells', 'loaders', 'skimmers'] as const;
const SHOW_MISSED = process.env['MISSED'] === '1';

if (!existsSync(CORPORA)) {
  console.log(`no corpora at ${CORPORA}: nothing to measure (set CORPORA=<dir>)`);
  process.exit(0);
}

/** Offer one file to a content check as the pass does (head, and tail past the bound), and return what it found. */
async function runCheck(check: ContentCheck, files: readonly { path: string; bytes: Buffer }[]): Promise<Finding[]> {
  for (const { path, bytes } of files) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const entry: Entry = { path, type: 'file', mode: 0o644, size: bytes.length, sha256 };
    const base = path.slice(path.lastIndexOf('/') + 1);
    const head = check.wants(entry, base);
    if (head <= 0) continue;
    const tailWanted = bytes.length > head ? (check.wantsTail?.(entry, base) ?? 0) : 0;
    const tail = Math.min(tailWanted, bytes.length - head);
    const content = tail > 0 ? { bytes: bytes.subarray(0, head), truncated: true, tail: bytes.subarray(bytes.length - tail) } : { bytes: bytes.subarray(0, head), truncated: bytes.length > head };
    check.take(entry, content);
  }
  return identify((await check.finish()).findings ?? []);
}

function samples(family: string, split: string): string[] {
  const dir = join(MALWARE, family, split);
  return existsSync(dir) ? readdirSync(dir).sort().map((name) => join(dir, name)) : [];
}

/** The name a sample is planted under: its own extension without `.sample`. */
function extOf(file: string): string {
  const name = file.replace(/\.sample$/, '');
  const dot = name.lastIndexOf('.');
  return dot < 0 ? 'php' : name.slice(dot + 1);
}

async function detect(split: string): Promise<void> {
  for (const family of FAMILIES) await detectFiles(`${family}/${split}`, samples(family, split), split !== 'holdout');
}

async function detectFiles(label: string, files: readonly string[], showMissed: boolean): Promise<void> {
  {
    let found = 0;
    const byRule = new Map<string, number>();
    const missed: string[] = [];
    for (const file of files) {
      const findings = await runCheck(new MaliciousCodeCheck(), [{ path: `shop/app/code/Acme/Sample/x.${extOf(file)}`, bytes: readFileSync(file) }]);
      if (findings.length > 0) found++;
      else missed.push(file.slice(file.lastIndexOf('/') + 1));
      for (const finding of findings) byRule.set(finding.rule ?? '', (byRule.get(finding.rule ?? '') ?? 0) + 1);
    }
    console.log(`${label}: ${found}/${files.length} detected (${pct(found, files.length)})`);
    console.log(`  rules: ${[...byRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule}=${n}`).join(' ')}`);
    if (SHOW_MISSED && showMissed) console.log(`  missed: ${missed.join(' ')}`);
  }
}

function pct(n: number, of: number): string {
  return of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`;
}

interface Hosts {
  php: Buffer;
  phtml: Buffer;
  bundle: Buffer;
  big: Buffer;
}

function hosts(): Hosts {
  const php = readFileSync(join(CLEAN, 'magento2-like/app/code/Magento/Inventory/Model/SourceRepository.php'));
  const phtml = readFileSync(join(CLEAN, 'openmage/app/design/frontend/base/default/template/page/html/footer.phtml'));
  const bundle = readFileSync(join(CLEAN, 'bundles/webpack/checkout.min.js'));
  const parts: Buffer[] = [];
  let n = 0;
  while (n < 11 * 1024 * 1024) {
    parts.push(bundle, Buffer.from(';\n'));
    n += bundle.length + 2;
  }
  return { php, phtml, bundle, big: Buffer.concat(parts) };
}

async function plant(split: string): Promise<void> {
  const host = hosts();
  for (const family of FAMILIES) {
    const rows = new Map<string, [number, number]>();
    const count = async (place: string, path: string, bytes: Buffer): Promise<void> => {
      const row = rows.get(place) ?? [0, 0];
      row[1]++;
      if ((await runCheck(new MaliciousCodeCheck(), [{ path, bytes }])).length > 0) row[0]++;
      rows.set(place, row);
    };
    for (const file of samples(family, split)) {
      const sample = readFileSync(file);
      const ext = extOf(file);
      if (ext === 'js') {
        await count('a script in pub/static', `shop/pub/static/frontend/Magento/luma/en_US/js/x${sample.length}.js`, sample);
        await count('appended to a 3 MiB checkout bundle in pub/static', 'shop/pub/static/frontend/Magento/luma/en_US/checkout.min.js', Buffer.concat([host.bundle, Buffer.from(';'), sample]));
        await count('appended to an 11 MiB bundle (tail read)', 'storefront/.next/static/chunks/main.js', Buffer.concat([host.big, Buffer.from(';'), sample]));
      } else if (ext === 'html' || ext === 'phtml') {
        await count('appended to a Magento .phtml template', 'shop/app/design/frontend/Acme/theme/Magento_Theme/templates/html/footer.phtml', Buffer.concat([host.phtml, Buffer.from('\n'), sample]));
      } else {
        await count('a new class in app/code', `shop/app/code/Acme/Module/Model/X${sample.length}.php`, sample);
        await count('a file in vendor/', `shop/vendor/magento/module-catalog/Model/Y${sample.length}.php`, sample);
        await count('appended to a Magento class', 'shop/app/code/Magento/Inventory/Model/SourceRepository.php', Buffer.concat([host.php, Buffer.from('\n?>'), sample]));
        const body = sample.toString('latin1').replace(/^\s{0,16}<\?(?:php)?/i, '');
        await count('inserted after <?php of a Magento class', 'shop/app/code/Magento/Inventory/Model/SourceRepository.php', Buffer.concat([Buffer.from('<?php '), Buffer.from(body, 'latin1'), Buffer.from('\n'), host.php.subarray(5)]));
      }
    }
    for (const [place, [ok, n]] of rows) console.log(`${family}/${split} planted ${place}: ${ok}/${n} (${pct(ok, n)})`);
  }
}

async function clean(names: string[]): Promise<void> {
  for (const name of names.length > 0 ? names : readdirSync(CLEAN).sort()) {
    const started = Date.now();
    const report = await scan({ target: join(CLEAN, name), advisories: ['none'] });
    const byKind = new Map<string, number>();
    for (const finding of report.findings) byKind.set(finding.kind, (byKind.get(finding.kind) ?? 0) + 1);
    const mc = report.findings.filter((finding) => finding.kind === 'malicious-code');
    const secrets = report.findings.filter((finding) => finding.kind === 'secret');
    console.log(
      `clean/${name}: ${report.files.length} entries, ${((Date.now() - started) / 1000).toFixed(1)} s: malicious-code ${mc.length}, secret ${secrets.length}; all kinds ${[...byKind].map(([kind, n]) => `${kind}=${n}`).join(' ') || 'none'}; origins ${report.origins.length}`,
    );
    for (const finding of [...mc, ...secrets].slice(0, 30)) console.log(`  ${finding.kind} ${finding.rule ?? ''} ${finding.path ?? ''}:${finding.line ?? ''} ${finding.excerpt ?? finding.title}`);
  }
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = lstatSync(path);
    if (stats.isDirectory()) walk(path, out);
    else if (stats.isFile() && stats.size > 0) out.push(path);
  }
}

async function speed(names: string[]): Promise<void> {
  let total = 0;
  let prefilterSeconds = 0;
  let checkSeconds = 0;
  for (const name of names.length > 0 ? names : readdirSync(CLEAN).sort()) {
    const paths: string[] = [];
    walk(join(CLEAN, name), paths);
    const files = paths.map((path) => ({ path: path.slice(CLEAN.length + 1), bytes: readFileSync(path) }));
    // what the check reads: its own choice of files
    const probe = new MaliciousCodeCheck();
    const read = files.filter((file) => probe.wants({ path: file.path, type: 'file', mode: 0o644, size: file.bytes.length }, file.path.slice(file.path.lastIndexOf('/') + 1)) > 0);
    const bytes = read.reduce((sum, file) => sum + Math.min(file.bytes.length, 8 * 1024 * 1024), 0);
    let t = process.hrtime.bigint();
    for (const file of read) prefilter(file.bytes.subarray(0, 8 * 1024 * 1024), file.path.endsWith('.js') ? 'js' : 'php');
    const pre = Number(process.hrtime.bigint() - t) / 1e9;
    t = process.hrtime.bigint();
    await runCheck(new MaliciousCodeCheck(), read);
    const all = Number(process.hrtime.bigint() - t) / 1e9;
    t = process.hrtime.bigint();
    await runCheck(new SecretsCheck(), files);
    const sec = Number(process.hrtime.bigint() - t) / 1e9;
    const mb = bytes / 1e6;
    console.log(`${name}: ${read.length} files read, ${mb.toFixed(1)} MB: prefilter ${(mb / pre).toFixed(0)} MB/s, check ${(mb / all).toFixed(0)} MB/s; secrets check ${sec.toFixed(2)} s`);
    total += mb;
    prefilterSeconds += pre;
    checkSeconds += all;
  }
  console.log(`TOTAL ${total.toFixed(1)} MB: prefilter ${(total / prefilterSeconds).toFixed(0)} MB/s, check ${(total / checkSeconds).toFixed(0)} MB/s`);
}

const [mode = 'detect', ...rest] = process.argv.slice(2);
if (mode === 'detect') await detect(rest[0] ?? 'train');
else if (mode === 'stress') await detectFiles('stress/holdout', samples('stress', 'holdout'), false);
else if (mode === 'reconstructed') await detectFiles('skimmers/reconstructed', samples('skimmers', 'reconstructed'), true);
else if (mode === 'plant') await plant(rest[0] ?? 'train');
else if (mode === 'clean') await clean(rest);
else if (mode === 'speed') await speed(rest);
else {
  console.log('usage: measure-malicious detect|plant [train|holdout] | stress | reconstructed | clean|speed [corpus…]');
  process.exitCode = 2;
}
