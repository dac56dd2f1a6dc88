// The end-to-end tests run dist/ as a runner does. Before they do, make sure dist/ is
// the bundle of the src/ under test: a stale bundle would test yesterday's code.
// (CI also rebuilds dist/ and fails when it differs from what is committed.)
import { build } from 'esbuild';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundles } from '../../scripts/bundle-options.mjs';

let checked: Promise<void> | undefined;

/** Call in beforeAll of every test that runs dist/: fails the file when dist/ is stale. */
export function distIsCurrent(): Promise<void> {
  checked ??= compare();
  return checked;
}

async function compare(): Promise<void> {
  const fresh = await mkdtemp(join(tmpdir(), 'release-gate-dist-'));
  try {
    for (const options of bundles(fresh)) {
      await build({ ...options, sourcemap: false, legalComments: 'none' });
    }
    for (const name of await readdir(fresh)) {
      const [built, committed] = await Promise.all([readFile(join(fresh, name), 'utf8'), readFile(join('dist', name), 'utf8').catch(() => '')]);
      if (strip(built) !== strip(committed)) {
        throw new Error(`dist/${name} is not the bundle of the current src/: run 'npm run build' before the tests`);
      }
    }
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/** The comparison ignores the source-map link line, which the fresh build leaves out. */
function strip(code: string): string {
  return code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
}
