import { composerInstalledJsonExtractor } from './composer-installed-json.js';
import { composerInstalledPhpExtractor } from './composer-installed-php.js';
import { composerLockExtractor } from './composer-lock.js';
import type { Extractor } from './extractor.js';
import { magentoRootComposerJsonExtractor } from './magento-root-composer-json.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [
  // Packagist
  composerLockExtractor,
  composerInstalledJsonExtractor,
  composerInstalledPhpExtractor,
  magentoRootComposerJsonExtractor,
];
