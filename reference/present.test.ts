import { describe, expect, it } from 'vitest';
import { FIXTURES, HAVE_FIXTURES } from './fixtures.js';

describe.skipIf(!HAVE_FIXTURES)('reference fixtures', () => {
  it(`are at ${FIXTURES}`, () => {
    expect(HAVE_FIXTURES).toBe(true);
  });
});
