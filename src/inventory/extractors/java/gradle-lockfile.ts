import { FormatError, decodeText } from '../../../util/decode.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';

// Gradle's dependency locking writes `group:artifact:version=conf1,conf2` lines (and
// `empty=confs` for configurations that resolve nothing), comments after `#`. Gradle
// before 6 wrote one file per configuration under gradle/dependency-locks/, with bare
// `group:artifact:version` lines. Anything else in the file (a merge-conflict marker,
// stray text) means it is not what Gradle wrote, and is reported rather than skipped.
const LOCKED = /^([^\s:=]+):([^\s:=]+):([^\s:=]+)(?:=([^\s=]*))?$/;
const EMPTY = /^empty=[^\s=]*$/;
const DEPENDENCY_LOCKS = 'gradle/dependency-locks/';

/**
 * Configurations that never reach what runs in production: tests (`testRuntimeClasspath`,
 * `androidTestCompileClasspath`, `integrationTestRuntimeClasspath`), compile-time
 * processors, Spring Boot's `developmentOnly`, and the build script's own classpath.
 */
function isDevConfiguration(configuration: string): boolean {
  return (
    /^test/i.test(configuration) ||
    /Test[A-Z]|Test$/.test(configuration) ||
    /^(?:annotationProcessor|kapt|ksp)/.test(configuration) ||
    /AnnotationProcessor$/.test(configuration) ||
    configuration === 'developmentOnly' ||
    configuration === 'classpath'
  );
}

export const gradleLockfileExtractor: Extractor = {
  name: 'java/gradle-lockfile',
  maxBytes: 16 * 1024 * 1024,
  matches: (path, base) =>
    base === 'gradle.lockfile' ||
    base === 'buildscript-gradle.lockfile' ||
    (base.endsWith('.lockfile') && path.startsWith(DEPENDENCY_LOCKS, path.length - base.length - DEPENDENCY_LOCKS.length) && isAtSegmentStart(path, path.length - base.length - DEPENDENCY_LOCKS.length)),
  extract({ path, content }) {
    // the build script's classpath (buildscript-gradle.lockfile) runs at build time only
    const buildOnly = path.endsWith('buildscript-gradle.lockfile');
    // a per-configuration file of Gradle before 6 is named after its configuration
    const base = path.slice(path.lastIndexOf('/') + 1);
    const fileConfiguration = base.endsWith('gradle.lockfile') ? undefined : base.slice(0, -'.lockfile'.length);
    const text = decodeText(content, 'a Gradle lockfile');
    const found: ExtractedPackage[] = [];
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || EMPTY.test(line)) continue;
      const match = LOCKED.exec(line);
      if (!match) throw new FormatError(`line ${index + 1} is not a locked dependency (group:artifact:version=configurations)`);
      const [, group = '', artifact = '', version = '', configurations] = match;
      const pkg: ExtractedPackage = { ecosystem: 'Maven', name: `${group}:${artifact}`, version };
      const names = configurations ? configurations.split(',').filter(Boolean) : fileConfiguration ? [fileConfiguration] : [];
      if (buildOnly) pkg.dev = true;
      else if (names.length > 0) pkg.dev = names.every(isDevConfiguration);
      found.push(pkg);
    }
    return found;
  },
};

function isAtSegmentStart(path: string, at: number): boolean {
  return at === 0 || (at > 0 && path.charCodeAt(at - 1) === 47 /* / */);
}
