// The end-to-end tests run dist/ as a runner does. Before they do, make sure dist/ is
// the bundle of the src/ under test: a stale bundle would test yesterday's code.
// (CI also rebuilds dist/ and fails when it differs from what is committed.)
import { build } from 'esbuild';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { bundles } from '../../scripts/bundle-options.mjs';

let checked: Promise<void> | undefined;

/** Call in beforeAll of every test that runs dist/: fails the file when dist/ is stale. */
export function distIsCurrent(): Promise<void> {
  checked ??= compare();
  return checked;
}

async function compare(): Promise<void> {
  // beside dist/: the source maps name the sources relative to the bundle
  const fresh = await mkdtemp('.dist-check-');
  try {
    for (const options of bundles(fresh)) await build(options);
    const built = await filesOf(fresh);
    const committed = await filesOf('dist');
    for (const name of new Set([...built, ...committed])) {
      const [ours, theirs] = await Promise.all([readFile(join(fresh, name), 'utf8').catch(() => ''), readFile(join('dist', name), 'utf8').catch(() => '')]);
      if (ours !== theirs) {
        throw new Error(`dist/${name} is not the bundle of the current src/: run 'npm run build' before the tests`);
      }
    }
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/** The files of a bundle folder, relative to it. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}
