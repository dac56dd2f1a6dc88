// The Maven (Gradle), crates.io, NuGet, Go, Debian and Alpine extractors over the
// lockfile fixtures of osv-scanner (../shared/fixtures/lockfiles), against the packages
// osv-scanner's own tests expect of them (expected/<type>__<fixture>.json) and the
// fixtures its tests expect to be refused (expected/_all_tests.json, expects_error).
//
// Normalised before comparing, as the fixtures README says: Go versions lose their `v`
// (we keep it, as Go writes it); OS packages are compared under their source name when
// we carry it as an alias (osv-scanner names a Debian or Alpine package by its source;
// we name the installed binary package and carry the source as an alias).
//
// Not counted: go-mod/just-go and go-mod/has-one-dep are Go *binaries* (build info
// read from the executable), not go.mod files; no file name tells a Go binary from any
// other executable, which `matches(path, base)` would need, so they are out of scope.
// Out of scope too: pom-xml (a pom.xml is what a build resolves, not what ships; the
// jars' pom.properties are read instead), other-conan, other-mix, other-pub, other-renv.
// The npm, Packagist, PyPI and RubyGems types belong to the other reference suites.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPackage, Extractor } from '../src/inventory/extractors/extractor.js';
import { apkInstalledExtractor } from '../src/inventory/extractors/os/apk-installed.js';
import { cargoLockExtractor } from '../src/inventory/extractors/rust/cargo-lock.js';
import { dpkgStatusExtractor } from '../src/inventory/extractors/os/dpkg-status.js';
import { goModExtractor } from '../src/inventory/extractors/go/go-mod.js';
import { gradleLockfileExtractor } from '../src/inventory/extractors/java/gradle-lockfile.js';
import { gradleVerificationMetadataExtractor } from '../src/inventory/extractors/java/gradle-verification-metadata.js';
import { nugetPackagesLockExtractor } from '../src/inventory/extractors/dotnet/nuget-packages-lock.js';
import { agreement, FIXTURES, HAVE_FIXTURES } from './fixtures.js';

const LOCKFILES = join(FIXTURES, 'lockfiles');

interface Format {
  label: string;
  type: string;
  extractor: Extractor;
  /** Where such a file sits in a package (the dpkg extractor tells status from status.d by it). */
  path: string;
}

const FORMATS: Format[] = [
  { label: 'crates.io (Cargo.lock)', type: 'cargo-lock', extractor: cargoLockExtractor, path: 'Cargo.lock' },
  { label: 'Go (go.mod)', type: 'go-mod', extractor: goModExtractor, path: 'go.mod' },
  { label: 'Alpine (lib/apk/db/installed)', type: 'other-apk', extractor: apkInstalledExtractor, path: 'lib/apk/db/installed' },
  { label: 'Debian (var/lib/dpkg/status)', type: 'other-dpkg', extractor: dpkgStatusExtractor, path: 'var/lib/dpkg/status' },
  { label: 'Maven (gradle.lockfile)', type: 'other-gradle', extractor: gradleLockfileExtractor, path: 'gradle.lockfile' },
  { label: 'Maven (gradle/verification-metadata.xml)', type: 'other-gradle-verification-metadata', extractor: gradleVerificationMetadataExtractor, path: 'gradle/verification-metadata.xml' },
  { label: 'NuGet (packages.lock.json)', type: 'other-nuget', extractor: nugetPackagesLockExtractor, path: 'packages.lock.json' },
];

/** Fixtures that are not the format the type's directory names (see the header). */
const OUT_OF_SCOPE = new Set(['go-mod/just-go', 'go-mod/has-one-dep']);

/**
 * Where we differ from osv-scanner on purpose: what we yield instead (package list,
 * normalised as above, or 'throws': a parse-error finding) and why. The suite checks
 * that we still do exactly this, so the list cannot go stale.
 */
const DELIBERATE: Record<string, { ours: string[] | 'throws'; why: string }> = {
  'other-apk/not_installed': {
    ours: 'throws',
    why: 'it holds no apk database line at all (it is a Cargo.lock): a file at lib/apk/db/installed that is clearly unusable is a parse error, never a silent empty inventory',
  },
  'other-dpkg/not_status': {
    ours: 'throws',
    why: 'it is a requirements.txt: a file at var/lib/dpkg/status with no "Field: value" stanza is a parse error, never a silent empty inventory',
  },
  'other-dpkg/malformed_status': {
    ours: 'throws',
    why: 'its stray lines are not fields and its bash stanza is installed without a Version; dpkg itself refuses such a file, and half an inventory would hide the packages of the damaged stanzas',
  },
  'other-dpkg/source_ver_override_status': {
    ours: ['dmeventd@2:1.02.145-4.1ubuntu3'],
    why: 'we report the installed binary package (dmeventd at its own version); its source lvm2 was built at another version, so it cannot be an alias of this version (osv-scanner reports lvm2 at the source version)',
  },
  'other-gradle/with-bad-pkg': {
    ours: 'throws',
    why: 'lines like ">>>" and "////" are not what Gradle writes (">>>" is how a merge conflict looks): the lockfile is reported as unreadable rather than half read',
  },
  'go-mod/replace-local.mod': {
    ours: ['github.com/BurntSushi/toml@1.0.0', 'golang.org/x/net@1.2.3'],
    why: 'a module replaced by a local folder stays the module and version it replaces (a fork of that release, whose advisories are the ones to review); osv-scanner reports the folder "./fork/net" with no version, which no advisory can match',
  },
};

interface IndexRow {
  expected: string;
  fixture: string;
}
interface UpstreamTest {
  fixture: string;
  expects_error: boolean;
  type: string;
}
interface Expected {
  name: string;
  version: string;
}

/** name@version as the fixtures write it: Go without the `v`, OS packages under the source name we carry as an alias. */
function normalise(pkg: ExtractedPackage): string {
  const version = pkg.ecosystem === 'Go' ? pkg.version.replace(/^v/, '') : pkg.version;
  const name = (pkg.ecosystem === 'Debian' || pkg.ecosystem === 'Alpine') && pkg.aliases?.[0] ? pkg.aliases[0] : pkg.name;
  return `${name}@${version}`;
}

function run(format: Format, fixture: string): string[] | 'throws' {
  const content = readFileSync(join(LOCKFILES, fixture));
  try {
    return [...new Set(format.extractor.extract({ path: format.path, content }).map(normalise))].sort();
  } catch {
    return 'throws';
  }
}

describe.skipIf(!HAVE_FIXTURES)('other lockfiles against osv-scanner fixtures', () => {
  const index = HAVE_FIXTURES ? (JSON.parse(readFileSync(join(LOCKFILES, 'expected/_index.json'), 'utf8')) as IndexRow[]) : [];
  const upstream = HAVE_FIXTURES ? (JSON.parse(readFileSync(join(LOCKFILES, 'expected/_all_tests.json'), 'utf8')) as Record<string, UpstreamTest>) : {};
  const lines: string[] = [];

  for (const format of FORMATS) {
    it(format.label, () => {
      let agreed = 0;
      let total = 0;
      let deliberate = 0;
      const disagreements: string[] = [];
      const cases: { fixture: string; expected: string[] | 'throws' }[] = [];
      for (const row of index) {
        if (!row.fixture.startsWith(`${format.type}/`) || OUT_OF_SCOPE.has(row.fixture)) continue;
        const expected = JSON.parse(readFileSync(join(LOCKFILES, row.expected), 'utf8')) as Expected[];
        cases.push({ fixture: row.fixture, expected: [...new Set(expected.map((p) => `${p.name}@${p.version}`))].sort() });
      }
      for (const test of Object.values(upstream)) {
        // "does-not-exist" fixtures test opening a missing file, which a package cannot ask of us
        if (test.type !== format.type || !test.expects_error || test.fixture.endsWith('/does-not-exist')) continue;
        cases.push({ fixture: `${format.type}/${test.fixture.slice(test.fixture.lastIndexOf('/') + 1)}`, expected: 'throws' });
      }
      for (const { fixture, expected } of cases) {
        total++;
        const ours = run(format, fixture);
        const difference = DELIBERATE[fixture];
        if (difference) {
          deliberate++;
          expect(ours, `${fixture}: the deliberate difference documented here no longer holds`).toEqual(difference.ours);
        } else if (JSON.stringify(ours) === JSON.stringify(expected)) {
          agreed++;
        } else {
          disagreements.push(`${fixture}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(ours)}`);
        }
      }
      lines.push(agreement(format.label, agreed, total, deliberate ? `(${deliberate} deliberate difference${deliberate > 1 ? 's' : ''}, see DELIBERATE)` : ''));
      expect(disagreements).toEqual([]);
      expect(total).toBeGreaterThan(0);
    });
  }

  it('lists every deliberate difference against a fixture that exists', () => {
    for (const fixture of Object.keys(DELIBERATE)) expect(index.some((row) => row.fixture === fixture), fixture).toBe(true);
  });
});
