// npm run test:reference: checks release-gate against the reference data beside the
// project (../shared/fixtures, or REFERENCE_FIXTURES), when it exists. A fresh clone
// has no such folder: then this says so and succeeds, since the project's own tests
// do not need it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const fixtures = resolve(process.env.REFERENCE_FIXTURES ?? resolve(root, '../shared/fixtures'));

if (!existsSync(fixtures)) {
  console.log(`no reference fixtures at ${fixtures}: nothing to compare (set REFERENCE_FIXTURES to point elsewhere)`);
  process.exit(0);
}

// Suites are added with the capabilities they check (lockfiles, version orders,
// advisories); each prints its agreement and fails the run below its bar.
const suites = [];
let failed = 0;
for (const suite of suites) failed += await suite(fixtures);
if (suites.length === 0) console.log(`reference fixtures found at ${fixtures}; no suite checks this version's capabilities yet`);
process.exit(failed > 0 ? 1 : 0);
