import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { SCHEMA_VERSION, type Finding, type Package, type Report, type TargetSummary } from './model.js';
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
  limits?: Partial<Limits>;
}

/** The pipeline as one function: options in, report out. No I/O to GitHub, no terminal. */
export async function scan(options: ScanOptions): Promise<Report> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
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

  const target: TargetSummary = {
    path: options.target,
    format: read.format,
    sha256: read.sha256 ?? manifestDigest(files),
    files: files.length,
    bytes: read.bytes,
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    target,
    baseline: null,
    files,
    packages,
    findings,
    verdict: decideVerdict(findings),
  };
}
