// Runs one of the TypeScript scripts here that drive the core directly, not the CLI
// (measure-malicious.ts, bench-advisories.ts): bundles it with esbuild as the dist is
// bundled and imports it, with the arguments after its name.
//
//   node scripts/run-ts.mjs scripts/<name>.ts [arguments…]
import { build } from 'esbuild';
import { requireShim } from './bundle-options.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script] = process.argv.splice(2, 1);
if (!script?.endsWith('.ts')) {
  console.error('usage: node scripts/run-ts.mjs scripts/<name>.ts [arguments…]');
  process.exit(2);
}
const dir = await mkdtemp(join(tmpdir(), 'release-gate-script-'));
try {
  const outfile = join(dir, basename(script).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [resolve(script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: requireShim },
  });
  await import(pathToFileURL(outfile).href);
} finally {
  await rm(dir, { recursive: true, force: true });
}
