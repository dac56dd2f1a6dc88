// Real clean code nobody here wrote, laid out as releases lay it out: WordPress core as a
// web root and 250-odd Debian PHP libraries under vendor/ and lib/internal/ (made by
// scripts/clean-trees.sh, which .ci/run calls). Every rule stays silent on them: a gate
// that cries wolf on clean code is a gate people learn to ignore.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { ROOT } from '../helpers/run.js';

const TREES = resolve(ROOT, '.cache/clean-trees');
const present = existsSync(resolve(TREES, '.done'));
if (!present) console.warn('clean trees skipped: run scripts/clean-trees.sh (needs Debian’s package archive) to make .cache/clean-trees');

describe.runIf(present)('real clean trees', () => {
  it.each(['wordpress-site', 'php-store'])('%s brings no finding', async (tree) => {
    const report = await scan({ target: resolve(TREES, tree), advisories: ['none'] });
    expect(report.files.length).toBeGreaterThan(2000);
    expect(report.findings.map((finding) => `${finding.kind} ${finding.rule ?? ''} ${finding.path ?? ''}`)).toEqual([]);
  });
});
