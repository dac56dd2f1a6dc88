import { defineConfig } from 'vitest/config';

// npm run test:reference: the project over the reference data beside it
// (../shared/fixtures, or REFERENCE_FIXTURES). Suites skip, saying so, without it.
export default defineConfig({
  test: {
    include: ['reference/**/*.test.ts'],
    testTimeout: 300_000,
    pool: 'forks',
    passWithNoTests: true,
    reporters: ['verbose'],
  },
});
