// A release that ships its installed node_modules, scanned as a whole through scan():
// the inventory must hold exactly what the package manager says it installed, each
// package with every place it was found (lockfiles and install folders).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Package, Report } from '../../../src/model.js';
import { scan } from '../../../src/scan.js';
import { FIXTURES, npmLs, pnpmList, type ToolList } from './tool-lists.js';

function npmPackages(report: Report): Package[] {
  return report.packages.filter((pkg) => pkg.ecosystem === 'npm');
}

function byPair(packages: Package[]): Map<string, Package> {
  return new Map(packages.map((pkg) => [`${pkg.name}@${pkg.version}`, pkg]));
}

/** The locations the inventory should give: the lockfiles, and package.json in every install folder. */
function expectedLocations(listed: ToolList, lockfiles: string[]): Map<string, string[]> {
  return new Map([...listed].map(([key, { paths }]) => [key, [...lockfiles, ...[...paths].map((path) => `${path}/package.json`)].sort()]));
}

describe('scan() of an npm-installed release (installed-tree.tar.gz, packed with GNU tar)', () => {
  let report: Report;
  const listed = npmLs('npm-v3/npm-ls.json', true);
  beforeAll(async () => {
    report = await scan({ target: join(FIXTURES, 'installed-tree.tar.gz'), advisories: ['none'] });
  });

  it('finds exactly the packages npm ls lists', () => {
    expect([...byPair(npmPackages(report)).keys()].sort()).toEqual([...listed.keys()].sort());
  });

  it('lists every location: both lockfiles and each install folder', () => {
    const locations = new Map([...byPair(npmPackages(report))].map(([key, pkg]) => [key, pkg.locations]));
    expect(locations).toEqual(expectedLocations(listed, ['node_modules/.package-lock.json', 'package-lock.json']));
    // ms is installed twice: 2.1.3 at the top, 2.0.0 nested under debug
    expect(locations.get('ms@2.0.0')).toContain('node_modules/debug/node_modules/ms/package.json');
  });

  it('marks as dev exactly what npm calls dev, and names the alias by its real package', () => {
    const packages = npmPackages(report);
    const dev = packages.filter((pkg) => pkg.dev === true).map((pkg) => `${pkg.name}@${pkg.version}`).sort();
    expect(dev).toEqual([...listed].filter(([, item]) => item.dev).map(([key]) => key).sort());
    expect(byPair(packages).get('string-width@4.2.3')?.locations).toContain('node_modules/string-width-cjs/package.json');
    expect(byPair(packages).get('string-width@4.2.3')?.purl).toBe('pkg:npm/string-width@4.2.3');
    expect(byPair(packages).get('@isaacs/string-locale-compare@1.1.0')?.purl).toBe('pkg:npm/%40isaacs/string-locale-compare@1.1.0');
  });

  it('reads no package.json deeper inside a package and reports no parse error', () => {
    expect(report.files.map((file) => file.path)).toContain('node_modules/tslib/modules/package.json');
    const everywhere = npmPackages(report).flatMap((pkg) => pkg.locations);
    expect(everywhere).not.toContain('node_modules/tslib/modules/package.json');
    expect(report.findings.filter((finding) => finding.kind === 'parse-error')).toEqual([]);
  });
});

describe('scan() of a pnpm-installed release (pnpm-installed-tree.tar.gz)', () => {
  let report: Report;
  const listed = pnpmList('pnpm-v9/pnpm-list.json');
  beforeAll(async () => {
    report = await scan({ target: join(FIXTURES, 'pnpm-installed-tree.tar.gz'), advisories: ['none'] });
  });

  it('finds exactly what pnpm list lists, in the lockfile, the hidden lockfile and the virtual store', () => {
    const locations = new Map([...byPair(npmPackages(report))].map(([key, pkg]) => [key, pkg.locations]));
    expect(locations).toEqual(expectedLocations(listed, ['node_modules/.pnpm/lock.yaml', 'pnpm-lock.yaml']));
    expect(report.findings.filter((finding) => finding.kind === 'parse-error')).toEqual([]);
  });
});
