import { composerInstalledJsonExtractor } from './composer-installed-json.js';
import { composerInstalledPhpExtractor } from './composer-installed-php.js';
import { composerLockExtractor } from './composer-lock.js';
import type { Extractor } from './extractor.js';
import { gemfileLockExtractor } from './gemfile-lock.js';
import { installedGemspecExtractor } from './installed-gemspec.js';
import { magentoRootComposerJsonExtractor } from './magento-root-composer-json.js';
import { pdmLockExtractor } from './pdm-lock.js';
import { pipfileLockExtractor } from './pipfile-lock.js';
import { poetryLockExtractor } from './poetry-lock.js';
import { pythonInstalledMetadataExtractor } from './python-installed-metadata.js';
import { requirementsTxtExtractor } from './requirements-txt.js';
import { uvLockExtractor } from './uv-lock.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [
  // Packagist
  composerLockExtractor,
  composerInstalledJsonExtractor,
  composerInstalledPhpExtractor,
  magentoRootComposerJsonExtractor,
  // PyPI
  requirementsTxtExtractor,
  poetryLockExtractor,
  uvLockExtractor,
  pdmLockExtractor,
  pipfileLockExtractor,
  pythonInstalledMetadataExtractor,
  // RubyGems
  gemfileLockExtractor,
  installedGemspecExtractor,
];
