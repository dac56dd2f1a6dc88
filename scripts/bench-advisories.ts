// npm run bench:advisories: loading an offline OSV database of 50,000 records and
// matching 10,000 packages against it, timed. Seeded, so every run matches the same.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findVulnerabilities } from '../src/advisories/find-vulnerabilities.js';
import { OsvOfflineSource } from '../src/advisories/sources/osv-offline.js';
import type { Ecosystem, Package } from '../src/model.js';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 50_000);
const PACKAGES = Number(process.env['BENCH_PACKAGES_COUNT'] ?? 10_000);
const NAMES = 20_000;
const ECOSYSTEMS: Ecosystem[] = ['npm', 'PyPI', 'Packagist', 'Maven', 'RubyGems', 'Go'];

let seed = 42;
const next = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
const version = (): string => `${Math.floor(next() * 5)}.${Math.floor(next() * 20)}.${Math.floor(next() * 30)}`;
const nameOf = (ecosystem: Ecosystem, i: number): string =>
  ecosystem === 'Maven' ? `org.example${i % 50}:artifact-${i}` : ecosystem === 'Packagist' ? `vendor${i % 90}/package-${i}` : `package-${i}`;

const dir = await mkdtemp(join(tmpdir(), 'release-gate-osv-'));
try {
  for (const ecosystem of ECOSYSTEMS) await mkdir(join(dir, ecosystem));
  for (let r = 0; r < RECORDS; r++) {
    const ecosystem = pick(ECOSYSTEMS);
    const affected = Array.from({ length: 1 + Math.floor(next() * 2) }, () => {
      const low = version();
      return {
        package: { ecosystem, name: nameOf(ecosystem, Math.floor(next() * NAMES)) },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: next() < 0.4 ? '0' : low }, { fixed: `${Number(low.split('.')[0]) + 1}.0.0` }] }],
      };
    });
    const record = { id: `BENCH-${r}`, modified: '2026-01-01T00:00:00Z', aliases: [`CVE-2026-${r}`], summary: `record ${r}`, affected, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] };
    await writeFile(join(dir, ecosystem, `BENCH-${r}.json`), JSON.stringify(record));
  }
  const packages: Package[] = Array.from({ length: PACKAGES }, (_, i) => {
    const ecosystem = ECOSYSTEMS[i % ECOSYSTEMS.length] as Ecosystem;
    const name = nameOf(ecosystem, Math.floor(next() * NAMES));
    return { ecosystem, name, version: version(), purl: '', locations: [`lock-${i}`] };
  });

  let started = performance.now();
  const source = await OsvOfflineSource.open(dir);
  const loaded = performance.now() - started;
  started = performance.now();
  const result = await findVulnerabilities(packages, [source]);
  const matched = performance.now() - started;
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(`${RECORDS} records (${source.stats().records} read) loaded from ${RECORDS} files in ${(loaded / 1000).toFixed(2)} s`);
  console.log(`${PACKAGES} packages matched in ${(matched / 1000).toFixed(2)} s: ${result.findings.length} findings; heap ${heap.toFixed(0)} MiB`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
