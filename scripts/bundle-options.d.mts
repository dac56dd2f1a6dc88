import type { BuildOptions } from 'esbuild';
export function bundles(outdir: string): BuildOptions[];
