import type { Extractor } from './extractor.js';
import { nodeModulesPackageExtractor } from './node-modules-package.js';
import { packageLockExtractor } from './package-lock.js';
import { pnpmLockExtractor } from './pnpm-lock.js';
import { yarnLockExtractor } from './yarn-lock.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [
  // JavaScript (npm ecosystem)
  packageLockExtractor,
  nodeModulesPackageExtractor,
  yarnLockExtractor,
  pnpmLockExtractor,
];
