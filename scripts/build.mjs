// Bundles the two faces into ESM files under dist/: dist/index.js (the action) and
// dist/cli.js (the command), with the code they share in dist/chunks/. Deterministic
// for a pinned esbuild, so CI can rebuild and compare with what is committed.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { bundleOptions } from './bundle-options.mjs';

await rm('dist', { recursive: true, force: true });
await build(bundleOptions('dist'));
