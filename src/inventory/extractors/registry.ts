import { apkInstalledExtractor } from './apk-installed.js';
import { cargoLockExtractor } from './cargo-lock.js';
import { composerInstalledJsonExtractor } from './composer-installed-json.js';
import { composerInstalledPhpExtractor } from './composer-installed-php.js';
import { composerLockExtractor } from './composer-lock.js';
import { dpkgStatusExtractor } from './dpkg-status.js';
import type { Extractor } from './extractor.js';
import { gemfileLockExtractor } from './gemfile-lock.js';
import { goModExtractor } from './go-mod.js';
import { gradleLockfileExtractor } from './gradle-lockfile.js';
import { gradleVerificationMetadataExtractor } from './gradle-verification-metadata.js';
import { installedGemspecExtractor } from './installed-gemspec.js';
import { magentoRootComposerJsonExtractor } from './magento-root-composer-json.js';
import { mavenArchiveExtractor } from './maven-archive.js';
import { nodeModulesPackageExtractor } from './node-modules-package.js';
import { nugetDepsJsonExtractor } from './nuget-deps-json.js';
import { nugetPackagesLockExtractor } from './nuget-packages-lock.js';
import { packageLockExtractor } from './package-lock.js';
import { pdmLockExtractor } from './pdm-lock.js';
import { pipfileLockExtractor } from './pipfile-lock.js';
import { pnpmLockExtractor } from './pnpm-lock.js';
import { poetryLockExtractor } from './poetry-lock.js';
import { pythonInstalledMetadataExtractor } from './python-installed-metadata.js';
import { requirementsTxtExtractor } from './requirements-txt.js';
import { uvLockExtractor } from './uv-lock.js';
import { yarnLockExtractor } from './yarn-lock.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [
  // npm
  packageLockExtractor,
  nodeModulesPackageExtractor,
  yarnLockExtractor,
  pnpmLockExtractor,
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
  // Maven
  mavenArchiveExtractor(),
  gradleLockfileExtractor,
  gradleVerificationMetadataExtractor,
  // crates.io, NuGet, Go
  cargoLockExtractor,
  nugetPackagesLockExtractor,
  nugetDepsJsonExtractor,
  goModExtractor,
  // Debian, Alpine
  dpkgStatusExtractor,
  apkInstalledExtractor,
];
