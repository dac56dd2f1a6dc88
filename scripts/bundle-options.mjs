// The esbuild options of the bundle, shared by the build and by the test that checks
// the committed dist/ is the bundle of the current src/.
//
// One build, two entry points (dist/index.js, the action; dist/cli.js, the command),
// split into chunks: an entry point only decides whether Node must start again with
// other flags (src/relaunch.ts), and loads the scanner after that decision, so a
// relaunching parent never pays for parsing the whole bundle (~0.1 s; 0.25 s for the
// action, whose dependencies are larger).

// Bundled CommonJS dependencies call require() on Node built-ins; an ESM bundle has
// no require, so give it one or the bundle dies at start ("Dynamic require of net").
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Options of the one build, writing into `outdir`. */
export function bundleOptions(outdir) {
  return {
    entryPoints: { index: 'src/action/index.ts', cli: 'src/cli/index.ts' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: requireShim },
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'external',
    logLevel: 'warning',
  };
}
