// Zip archives that extractors read differently, built by gen_cases.py and extracted with
// every installed extractor: whatever lands must be in the report's files[].
import { afterAll, describe, expect, it } from 'vitest';
import { PENDING } from './pending.js';
import { Tally, failuresOf, loadSuite, runCase } from './run-cases.js';

const suite = await loadSuite('zip');

describe.skipIf(typeof suite === 'string')('zip archives, as every extractor writes them', () => {
  if (typeof suite === 'string') return;
  const tally = new Tally(suite.extractors);
  afterAll(() => {
    console.log(tally.summary('zip', suite.cases.length));
  });

  it.each(suite.cases)('$id: $description', async (c) => {
    const outcome = await runCase(suite, c);
    tally.add(c, outcome);
    const failures = failuresOf(c, outcome);
    if (PENDING[c.id] !== undefined) expect(failures, `${c.id} passes now: remove it from PENDING`).not.toEqual([]);
    else expect(failures).toEqual([]);
  });
});

if (typeof suite === 'string') {
  describe('zip archives, as every extractor writes them', () => {
    it.skip(`skipped: ${suite}`, () => undefined);
  });
}
