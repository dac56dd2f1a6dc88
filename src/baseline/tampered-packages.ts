// Installed third-party packages whose files changed while their version did not: the
// FishPig and Polyfill.io shape of a supply-chain attack, or a backdoor dropped into
// vendor/. A package manager writes the same bytes for the same version; a difference
// from the baseline's copy was made by someone else.
import { checkFinding, examples, sortFindings } from '../checks/check-finding.js';
import type { DraftFinding } from '../findings/draft.js';
import type { FileRecord, Package } from '../model.js';
import { compareCodeUnits } from '../util/order.js';
import { relativeTo } from './strip-root.js';

/** Changed files named in a finding's detail (the count is always given). */
const SHOWN = 5;

/** One side of the comparison: its entries, packages, and the top folder stripped from its paths. */
export interface PackageSide {
  files: readonly FileRecord[];
  packages: readonly Package[];
  root: string;
}

interface Installed {
  pkg: Package;
  /** The package's folder, relative to the side's root. */
  folder: string;
}

/**
 * The folder a package manager installed each package into, from where the inventory
 * found it: `node_modules/<name>/package.json`, Composer's `vendor/composer/installed.json`
 * (each package at `vendor/<vendor>/<name>`), a wheel's `site-packages/<dist>.dist-info`
 * (its import package at `site-packages/<name>`, named as the distribution).
 */
function installedFolders(side: PackageSide): Map<string, Installed> {
  const out = new Map<string, Installed>();
  for (const pkg of side.packages) {
    if (pkg.installed === false) continue;
    for (const location of pkg.locations) {
      const path = relativeTo(side.root, location.split('!/')[0] as string);
      if (path === undefined) continue;
      let folder: string | undefined;
      if (pkg.ecosystem === 'npm' && path.endsWith(`node_modules/${pkg.name}/package.json`)) folder = path.slice(0, -'/package.json'.length);
      else if (pkg.ecosystem === 'Packagist' && /(?:^|\/)vendor\/composer\/installed\.(?:json|php)$/.test(path)) folder = `${path.slice(0, path.lastIndexOf('/composer/'))}/${pkg.name.toLowerCase()}`;
      else if (pkg.ecosystem === 'PyPI' && /\.dist-info\/METADATA$/.test(path)) {
        const sitePackages = path.slice(0, path.lastIndexOf('/', path.length - '/METADATA'.length - 1));
        folder = `${sitePackages}/${pkg.name.toLowerCase().replace(/[-.]/g, '_')}`;
      }
      if (folder !== undefined && !out.has(folder)) out.set(folder, { pkg, folder });
    }
  }
  return out;
}

/** Branch checkouts (`dev-main`, `1.x-dev`) change their files without a new version. */
function isBranch(version: string): boolean {
  return version.startsWith('dev-') || version.endsWith('-dev') || version.includes('+local') || version === '0.0.0-development';
}

/** Files a build or an interpreter writes inside a package folder: never the package's own bytes. */
function isGenerated(relative: string): boolean {
  return /(?:^|\/)(?:__pycache__\/|build\/(?:Release|Debug|config\.gypi|Makefile)|\.cache\/)|\.pyc$/.test(relative) || relative.includes('node_modules/');
}

/**
 * `tampered-package` findings: for every package installed on both sides at the same
 * folder and the same version, the files inside that folder that differ from the
 * baseline's copy or were added to it (a changed or new file of a package is what an
 * attacker writes; a removed one is not). One finding per package, naming its files.
 */
export function tamperedPackages(baseline: PackageSide, target: PackageSide): DraftFinding[] {
  const before = installedFolders(baseline);
  const after = installedFolders(target);
  if (after.size === 0) return [];
  const hashes = new Map<string, string | undefined>();
  for (const file of baseline.files) {
    const path = relativeTo(baseline.root, file.path);
    if (path !== undefined && file.type === 'file') hashes.set(path, file.sha256);
  }
  // every target file under an installed folder, grouped by the innermost folder that holds it
  const folders = [...after.keys()].filter((folder) => {
    const old = before.get(folder);
    const now = after.get(folder) as Installed;
    return old !== undefined && old.pkg.ecosystem === now.pkg.ecosystem && old.pkg.name === now.pkg.name && old.pkg.version === now.pkg.version && !isBranch(now.pkg.version);
  });
  if (folders.length === 0) return [];
  const compared = new Set(folders);
  const changes = new Map<string, { changed: string[]; added: string[] }>();
  for (const file of target.files) {
    if (file.type !== 'file') continue;
    const path = relativeTo(target.root, file.path);
    if (path === undefined) continue;
    const folder = owningFolder(path, compared, after);
    if (folder === undefined || isGenerated(path.slice(folder.length + 1))) continue;
    const old = hashes.get(path);
    if (old === file.sha256) continue;
    let change = changes.get(folder);
    if (!change) changes.set(folder, (change = { changed: [], added: [] }));
    (hashes.has(path) ? change.changed : change.added).push(file.path);
  }
  const findings: DraftFinding[] = [];
  for (const [folder, { changed, added }] of changes) {
    const { pkg } = after.get(folder) as Installed;
    const files = [...changed, ...added].sort(compareCodeUnits);
    const counts = [changed.length > 0 ? `${changed.length} changed` : '', added.length > 0 ? `${added.length} added` : ''].filter((part) => part !== '').join(', ');
    const finding = checkFinding({
      kind: 'tampered-package',
      severity: 'high',
      rule: 'changed-since-baseline',
      subject: `${target.root ? `${target.root}/` : ''}${folder}`,
      path: files[0] as string,
      title: `${pkg.ecosystem} package ${pkg.name} ${pkg.version} differs from the baseline's copy of the same version (${counts})`,
      detail: `in ${folder}: ${examples(files.map((file) => file.slice(file.indexOf(folder) + folder.length + 1)), SHOWN)}. Reinstall it from the registry and find out who changed it`,
    });
    finding.package = { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version };
    findings.push(finding);
  }
  return sortFindings(findings);
}

/** The innermost compared package folder that holds the path (a nested node_modules package is its own), or undefined. */
function owningFolder(path: string, compared: ReadonlySet<string>, installed: ReadonlyMap<string, Installed>): string | undefined {
  let slash = path.lastIndexOf('/');
  while (slash > 0) {
    const folder = path.slice(0, slash);
    if (installed.has(folder)) return compared.has(folder) ? folder : undefined;
    slash = path.lastIndexOf('/', slash - 1);
  }
  return undefined;
}
