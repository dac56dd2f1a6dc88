import type { Extractor } from './extractor.js';
import { MAVEN_ARCHIVE } from './maven-archive.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [MAVEN_ARCHIVE];
