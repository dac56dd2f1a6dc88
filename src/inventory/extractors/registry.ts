import { APK_INSTALLED } from './apk-installed.js';
import { CARGO_LOCK } from './cargo-lock.js';
import { DPKG_STATUS } from './dpkg-status.js';
import type { Extractor } from './extractor.js';
import { GO_MOD } from './go-mod.js';
import { GRADLE_LOCKFILE } from './gradle-lockfile.js';
import { GRADLE_VERIFICATION_METADATA } from './gradle-verification-metadata.js';
import { MAVEN_ARCHIVE } from './maven-archive.js';
import { NUGET_DEPS_JSON } from './nuget-deps-json.js';
import { NUGET_PACKAGES_LOCK } from './nuget-packages-lock.js';

/** Every extractor, listed explicitly (no registration by import side effect). */
export const EXTRACTORS: readonly Extractor[] = [
  MAVEN_ARCHIVE,
  GRADLE_LOCKFILE,
  GRADLE_VERIFICATION_METADATA,
  CARGO_LOCK,
  NUGET_PACKAGES_LOCK,
  NUGET_DEPS_JSON,
  GO_MOD,
  DPKG_STATUS,
  APK_INSTALLED,
];
