// Bundles the two faces into self-contained ESM files: dist/index.js (the action)
// and dist/cli.js (the command). Deterministic for a pinned esbuild, so CI can
// rebuild and compare with what is committed.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { bundles } from './bundle-options.mjs';

await rm('dist', { recursive: true, force: true });
for (const options of bundles('dist')) await build(options);
