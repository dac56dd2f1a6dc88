// The esbuild options of both bundles, shared by the build and by the test that
// checks the committed dist/ is the bundle of the current src/.
//
// Each face is one self-contained file. Its entry point imports the scanner
// dynamically, after deciding whether Node must start again with other flags
// (src/run/relaunch.ts): esbuild then wraps the scanner's modules in lazy initialisers,
// so a relaunching parent only parses the file and never runs their top-level code.

// Bundled CommonJS dependencies call require() on Node built-ins; an ESM bundle has
// no require, so give it one or the bundle dies at start ("Dynamic require of net").
export const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const common = {
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

/** Options for each bundle, writing into `outdir`. */
export function bundles(outdir) {
  return [
    { ...common, entryPoints: ['src/action/index.ts'], outfile: `${outdir}/index.js` },
    // the shebang comes from src/cli/index.ts
    { ...common, entryPoints: ['src/cli/index.ts'], outfile: `${outdir}/cli.js` },
    // secrets and malicious code on a thread of their own, started by both faces (src/checks/off-thread-checks.ts)
    { ...common, entryPoints: ['src/checks/check-worker.ts'], outfile: `${outdir}/check-worker.js` },
  ];
}
