// The esbuild options of both bundles, shared by the build and by the test that
// checks the committed dist/ is the bundle of the current src/.

// Bundled CommonJS dependencies call require() on Node built-ins; an ESM bundle has
// no require, so give it one or the bundle dies at start ("Dynamic require of net").
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'external',
  logLevel: 'warning',
};

/** Options for each bundle, writing into `outdir`. */
export function bundles(outdir) {
  return [
    { ...common, entryPoints: ['src/action/index.ts'], outfile: `${outdir}/index.js`, banner: { js: requireShim } },
    { ...common, entryPoints: ['src/cli/index.ts'], outfile: `${outdir}/cli.js`, banner: { js: `#!/usr/bin/env node\n${requireShim}` } },
  ];
}
