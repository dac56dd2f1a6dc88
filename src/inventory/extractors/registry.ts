import type { Extractor } from './extractor.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [];
