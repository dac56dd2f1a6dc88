import { ScanError } from './errors.js';
import { findVulnerabilities } from './advisories/find-vulnerabilities.js';
import type { OsvRecord } from './advisories/osv.js';
import { openSources } from './advisories/sources/open-sources.js';
import { AdvisorySourceError, type AdvisorySource } from './advisories/sources/source.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { SCHEMA_VERSION, type Finding, type Package, type Report, type SourceSummary, type TargetSummary } from './model.js';
import type { ContentAnalyzer } from './inventory/content-analyzer.js';
import { MANIFEST_CHECKS, contentChecks } from './inventory/checks/registry.js';
import { InventoryAnalyzer } from './inventory/inventory-analyzer.js';
import { PackagePass } from './package-pass.js';
import { readPackage } from './read/read-package.js';
import { manifestDigest } from './report/manifest-digest.js';
import { decideVerdict } from './report/verdict.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface ScanOptions {
  /** A .tar, .tar.gz, .tgz or .zip file, or a directory. */
  target: string;
  /** `osv` (default), `osv=<base-url>`, `none`, or a directory / all.zip / JSON file of OSV records. */
  advisories?: readonly string[];
  /** Never touch the network: a source that needs it is a usage error. */
  offline?: boolean;
  /** Let the scan go on, with a note, when an advisory source cannot answer (default: fail closed). */
  allowSourceFailure?: boolean;
  /** HTTP for the advisory API (the faces pass the platform's; tests, a loopback server's). */
  fetch?: typeof fetch;
  /** OSV API records kept between runs. */
  apiCache?: Map<string, OsvRecord>;
  /** Per-request timeout, attempts and back-off of network sources. */
  network?: { timeoutMs?: number; attempts?: number; backoffMs?: number };
  limits?: Partial<Limits>;
}

/** The pipeline as one function: options in, report out. No I/O to GitHub, no terminal. */
export async function scan(options: ScanOptions): Promise<Report> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // sources first: a wrong option fails before a long read
  const sources = await openSources({
    specs: options.advisories ?? [],
    offline: options.offline ?? false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.apiCache ? { apiCache: options.apiCache } : {}),
    ...options.network,
  });

  const analyzers: ContentAnalyzer[] = [new InventoryAnalyzer(), ...contentChecks()];
  const pass = new PackagePass(analyzers);
  const read = await readPackage(options.target, pass, limits);
  const files = pass.files();

  const packages: Package[] = [];
  const findings: Finding[] = [];
  for (const analyzer of analyzers) {
    const result = analyzer.finish();
    packages.push(...(result.packages ?? []));
    findings.push(...(result.findings ?? []));
  }
  for (const check of MANIFEST_CHECKS) findings.push(...check.check({ files, root: pass.root }));

  const notes: string[] = [];
  const summaries = await checkAdvisories(packages, sources, options.allowSourceFailure ?? false, findings, notes);

  const target: TargetSummary = {
    path: options.target,
    format: read.format,
    sha256: read.sha256 ?? manifestDigest(files),
    files: files.length,
    bytes: read.bytes,
  };
  findings.sort(compareFindings);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    target,
    baseline: null,
    files,
    packages,
    findings,
    verdict: decideVerdict(findings),
    sources: summaries,
    notes,
  };
}

async function checkAdvisories(
  packages: readonly Package[],
  sources: readonly AdvisorySource[],
  allowFailure: boolean,
  findings: Finding[],
  notes: string[],
): Promise<SourceSummary[]> {
  if (sources.length === 0) {
    if (packages.length > 0) notes.push(`advisories were not checked (--advisories none): ${packages.length} packages unchecked`);
    return [];
  }
  let failure: string | undefined;
  try {
    const result = await findVulnerabilities(packages, sources);
    findings.push(...result.findings);
    for (const { package: pkg, reason } of result.unchecked) notes.push(`${pkg} was not checked against advisories: ${reason}`);
  } catch (error) {
    if (!(error instanceof AdvisorySourceError)) throw error;
    if (!allowFailure) {
      throw new ScanError(`${error.message}; retry later, use an offline OSV database (--advisories <directory|all.zip>), or let the scan pass with a warning (--allow-source-failure)`, {
        cause: error,
      });
    }
    failure = error.message;
    notes.push(`advisories were not checked: ${error.message}`);
  }
  return sources.map((source) => {
    const stats = source.stats();
    for (const skipped of stats.skipped.slice(0, 20)) notes.push(`skipped an advisory record (${skipped.where}): ${skipped.reason}`);
    if (stats.skipped.length > 20) notes.push(`… and ${stats.skipped.length - 20} more advisory records skipped`);
    const summary: SourceSummary = { source: stats.source, records: stats.records, httpCalls: stats.httpCalls, skipped: stats.skipped.length };
    if (failure) summary.failed = failure;
    return summary;
  });
}

/** Stable order: kind, then path, then package, then id. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.kind, b.kind) ||
    compare(a.path ?? '', b.path ?? '') ||
    compare(a.package ? `${a.package.ecosystem}/${a.package.name}@${a.package.version}` : '', b.package ? `${b.package.ecosystem}/${b.package.name}@${b.package.version}` : '') ||
    compare(a.id, b.id)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
