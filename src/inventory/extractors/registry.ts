import { apkInstalledExtractor } from './os/apk-installed.js';
import { browserLibrariesExtractor } from './javascript/browser-libraries.js';
import { cargoLockExtractor } from './rust/cargo-lock.js';
import { composerInstalledJsonExtractor } from './php/composer-installed-json.js';
import { composerInstalledPhpExtractor } from './php/composer-installed-php.js';
import { composerLockExtractor } from './php/composer-lock.js';
import { dpkgStatusExtractor } from './os/dpkg-status.js';
import type { Extractor } from './extractor.js';
import { gemfileLockExtractor } from './ruby/gemfile-lock.js';
import { goModExtractor } from './go/go-mod.js';
import { gradleLockfileExtractor } from './java/gradle-lockfile.js';
import { gradleVerificationMetadataExtractor } from './java/gradle-verification-metadata.js';
import { installedGemspecExtractor } from './ruby/installed-gemspec.js';
import { magentoRootComposerJsonExtractor } from './php/magento-root-composer-json.js';
import { mavenArchiveExtractor } from './java/maven-archive.js';
import { nodeModulesPackageExtractor } from './javascript/node-modules-package.js';
import { nugetDepsJsonExtractor } from './dotnet/nuget-deps-json.js';
import { nugetPackagesLockExtractor } from './dotnet/nuget-packages-lock.js';
import { packageLockExtractor } from './javascript/package-lock.js';
import { pdmLockExtractor } from './python/pdm-lock.js';
import { pipfileLockExtractor } from './python/pipfile-lock.js';
import { pnpmLockExtractor } from './javascript/pnpm-lock.js';
import { poetryLockExtractor } from './python/poetry-lock.js';
import { pythonInstalledMetadataExtractor } from './python/python-installed-metadata.js';
import { requirementsTxtExtractor } from './python/requirements-txt.js';
import { uvLockExtractor } from './python/uv-lock.js';
import { yarnLockExtractor } from './javascript/yarn-lock.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [
  // npm
  packageLockExtractor,
  nodeModulesPackageExtractor,
  yarnLockExtractor,
  pnpmLockExtractor,
  browserLibrariesExtractor(),
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
