// Bundles scripts/measure-malicious.ts (it drives the check itself, not the CLI) and runs it with the arguments given.
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = await mkdtemp(join(tmpdir(), 'release-gate-bench-'));
try {
  const outfile = join(dir, 'measure-malicious.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'measure-malicious.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  await import(pathToFileURL(outfile).href);
} finally {
  await rm(dir, { recursive: true, force: true });
}
