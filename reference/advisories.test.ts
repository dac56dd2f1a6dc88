// OSV range evaluation against the reference vectors (the schema's own examples and
// scalibr's cases) and 130 probes over 18 real GitHub advisories, with each ecosystem's
// real version order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findVulnerabilities } from '../src/advisories/find-vulnerabilities.js';
import { evaluate } from '../src/advisories/match.js';
import { osvRecordOf } from '../src/advisories/osv.js';
import { OsvOfflineSource } from '../src/advisories/sources/osv-offline.js';
import { comparatorFor } from '../src/advisories/versions/registry.js';
import type { Ecosystem, Package } from '../src/model.js';
import { FIXTURES, HAVE_FIXTURES, agreement } from './fixtures.js';

interface RangeCase {
  case: string;
  osv: unknown;
  expect: Record<string, boolean>;
}

interface Probe {
  advisory: string;
  ecosystem: Ecosystem;
  name: string;
  version: string;
  expected_affected: boolean;
}

describe.skipIf(!HAVE_FIXTURES)('OSV range vectors', () => {
  it('agree on every probe', () => {
    const cases = JSON.parse(readFileSync(join(FIXTURES, 'osv/range-vectors.json'), 'utf8')) as RangeCase[];
    const misses: string[] = [];
    let total = 0;
    for (const vector of cases) {
      const record = osvRecordOf(vector.osv);
      for (const [version, want] of Object.entries(vector.expect)) {
        total++;
        const got = record.affected.some((affected) => {
          const comparator = comparatorFor(affected.package?.ecosystem ?? '');
          if (!comparator) throw new Error(`no comparator for ${affected.package?.ecosystem ?? '?'}`);
          return evaluate(affected, version, comparator).affected;
        });
        if (got !== want) misses.push(`${vector.case}: ${version} expected ${String(want)}`);
      }
    }
    agreement('range-vectors.json', total - misses.length, total);
    expect(misses).toEqual([]);
  });
});

describe.skipIf(!HAVE_FIXTURES)('real advisories', () => {
  it('affect exactly the versions the probes say', async () => {
    const source = await OsvOfflineSource.open(join(FIXTURES, 'osv'));
    const probes = JSON.parse(readFileSync(join(FIXTURES, 'osv/expected-affected.json'), 'utf8')) as Probe[];
    const misses: string[] = [];
    for (const probe of probes) {
      const pkg: Package = { ecosystem: probe.ecosystem, name: probe.name, version: probe.version, purl: '', locations: ['probe'] };
      const { findings } = await findVulnerabilities([pkg], [source]);
      const got = findings.some((finding) => finding.advisory && [finding.advisory.id, ...finding.advisory.aliases].includes(probe.advisory));
      if (got !== probe.expected_affected) misses.push(`${probe.advisory} ${probe.ecosystem}/${probe.name}@${probe.version}: expected ${String(probe.expected_affected)}`);
    }
    agreement('expected-affected.json', probes.length - misses.length, probes.length);
    expect(misses).toEqual([]);
  });
});
