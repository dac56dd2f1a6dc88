import type { DraftFinding } from '../findings/draft.js';
import type { Ecosystem, Package } from '../model.js';
import { compareCodeUnits } from '../util/order.js';
import type { Content, Entry, EntryHeader } from '../read/entry.js';
import type { AnalyzerResult, ContentAnalyzer } from '../pass/content-analyzer.js';
import type { ExtractedPackage, Extractor } from './extractors/extractor.js';
import { EXTRACTORS } from './extractors/registry.js';
import { requirementsTxtExtractor } from './extractors/python/requirements-txt.js';
import { isOsRelease, parseOsRelease, type OsRelease } from './os-release.js';
import { purlOf } from './purl.js';
import { RequirementsIncludes } from './extractors/python/requirements-includes.js';

const OS_RELEASE_BYTES = 64 * 1024;

interface Found extends ExtractedPackage {
  /** The entry (and place inside it) where it was found. */
  where: string;
  installed: boolean;
}

/**
 * Runs every extractor on every entry it reads, anywhere in the tree (a plugin's own
 * vendor folder carries its own vulnerable copies), and merges what they find: one
 * package per ecosystem, name and version, with every location. A file an extractor
 * cannot read is a parse-error finding, never a silent skip.
 */
export class InventoryAnalyzer implements ContentAnalyzer {
  readonly name = 'inventory';
  private readonly found: Found[] = [];
  private readonly findings: DraftFinding[] = [];
  private readonly releases: OsRelease[] = [];
  private readonly includes: RequirementsIncludes | undefined;

  constructor(private readonly extractors: readonly Extractor[] = EXTRACTORS) {
    if (extractors.includes(requirementsTxtExtractor)) this.includes = new RequirementsIncludes();
  }

  wants(header: EntryHeader, base: string): number {
    let bound = 0;
    for (const extractor of this.extractors) {
      if (!extractor.matches(header.path, base)) continue;
      // one byte over the bound tells a file over it from one exactly at it; a prefix reader asks for its prefix
      const wanted = extractor.headBytes ? extractor.headBytes(header.path, base, header.size) : extractor.maxBytes + 1;
      if (wanted > bound) bound = wanted;
    }
    if (base === 'os-release' && isOsRelease(header.path) && bound < OS_RELEASE_BYTES) bound = OS_RELEASE_BYTES;
    return Math.max(bound, this.includes?.wants(header.path, base) ?? 0);
  }

  take(entry: Entry, content: Content): void {
    const slash = entry.path.lastIndexOf('/');
    const base = entry.path.slice(slash + 1);
    if (base === 'os-release' && isOsRelease(entry.path)) {
      const release = parseOsRelease(entry.path, content.bytes.toString('utf8'));
      if (release) this.releases.push(release);
    }
    this.includes?.take(entry.path, base, content.bytes);
    for (const extractor of this.extractors) {
      if (!extractor.matches(entry.path, base)) continue;
      if (!extractor.headBytes && content.bytes.length > extractor.maxBytes) {
        this.parseError(entry.path, extractor, `it is larger than the ${extractor.maxBytes}-byte bound (${entry.size} bytes)`);
        continue;
      }
      const input = { path: entry.path, content: content.bytes, size: entry.size, ...(entry.sha256 === undefined ? {} : { sha256: entry.sha256 }) };
      try {
        for (const pkg of extractor.extract(input)) {
          this.found.push({ ...pkg, where: pkg.location ? `${entry.path}!/${pkg.location}` : entry.path, installed: pkg.installed ?? extractor.installed ?? false });
        }
      } catch (error) {
        this.parseError(entry.path, extractor, error instanceof Error ? error.message : String(error));
      }
    }
  }

  finish(): AnalyzerResult {
    const included = this.includes?.resolve();
    for (const { package: pkg, where } of included?.packages ?? []) this.found.push({ ...pkg, where, installed: false });
    for (const { path, includedBy, reason } of included?.unreadable ?? []) {
      this.parseError(path, requirementsTxtExtractor, `${includedBy} includes it with -r: ${reason}`);
    }
    return { packages: this.merge(), findings: this.findings };
  }

  private parseError(path: string, extractor: Extractor, reason: string): void {
    const why = reason.replace(/\s+/g, ' ').trim().slice(0, 300);
    this.findings.push({
      kind: 'parse-error',
      severity: 'medium',
      title: `${path} could not be read as ${extractor.name}: ${why}`,
      path,
      rule: extractor.name,
      detail: 'the packages it lists are not checked against advisories until it can be read',
      identity: { subject: path, paths: true },
    });
  }

  /** OS packages take the release of the system tree they were found in. */
  private releaseOf(ecosystem: Ecosystem, where: string): string | undefined {
    if (ecosystem !== 'Debian' && ecosystem !== 'Alpine') return undefined;
    const id = ecosystem === 'Debian' ? 'debian' : 'alpine';
    let best: OsRelease | undefined;
    for (const release of this.releases) {
      if (release.id === id && where.startsWith(release.root) && (!best || release.root.length > best.root.length)) best = release;
    }
    return best?.release;
  }

  private merge(): Package[] {
    const merged = new Map<string, Package & { devSeen: boolean[] }>();
    for (const found of this.found) {
      const release = this.releaseOf(found.ecosystem, found.where);
      const key = `${found.ecosystem}\0${release ?? ''}\0${found.name}\0${found.version}`;
      let pkg = merged.get(key);
      if (!pkg) {
        pkg = {
          ecosystem: found.ecosystem,
          name: found.name,
          version: found.version,
          purl: purlOf(found.ecosystem, found.name, found.version, release && `${found.ecosystem.toLowerCase()}-${release.replace(/^v/, '')}`),
          locations: [],
          devSeen: [],
        };
        if (release) pkg.release = release;
        merged.set(key, pkg);
      }
      if (!pkg.locations.includes(found.where)) pkg.locations.push(found.where);
      if (found.dev !== undefined) pkg.devSeen.push(found.dev);
      if (found.installed) pkg.installed = true;
      for (const alias of found.aliases ?? []) {
        if (!(pkg.aliases ??= []).includes(alias)) pkg.aliases.push(alias);
      }
    }
    const packages: Package[] = [];
    for (const { devSeen, ...pkg } of merged.values()) {
      pkg.locations.sort();
      pkg.aliases?.sort();
      if (devSeen.length > 0) pkg.dev = devSeen.every(Boolean);
      packages.push(pkg);
    }
    return packages.sort(comparePackages);
  }
}

function comparePackages(a: Package, b: Package): number {
  return (
    compareCodeUnits(a.ecosystem, b.ecosystem) ||
    compareCodeUnits(a.release ?? '', b.release ?? '') ||
    compareCodeUnits(a.name, b.name) ||
    compareCodeUnits(a.version, b.version)
  );
}
