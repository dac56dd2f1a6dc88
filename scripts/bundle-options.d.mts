import type { BuildOptions } from 'esbuild';
/** The banner that gives an ESM bundle a require() for Node built-ins. */
export const requireShim: string;
export function bundles(outdir: string): BuildOptions[];
