import { ConfigCapture } from './baseline/config-capture.js';
import { singleTopFolder } from './baseline/strip-root.js';
import { idsWithoutTopFolder } from './findings/finding-id.js';
import type { Limits } from './limits.js';
import type { ConfigText, FileRecord, Finding, Package } from './model.js';
import type { ContentAnalyzer } from './pass/content-analyzer.js';
import { MANIFEST_CHECKS, contentChecks } from './checks/registry.js';
import { InventoryAnalyzer } from './inventory/inventory-analyzer.js';
import { PackagePass } from './pass/package-pass.js';
import type { Entry } from './read/entry.js';
import { readPackage, type PackageRead } from './read/read-package.js';

/** Everything one pass over a package finds, before advisories, baseline and policy. */
export interface Inspection {
  read: PackageRead;
  files: FileRecord[];
  root: Entry | undefined;
  packages: Package[];
  /** Findings of the checks and parse errors (vulnerabilities come later). */
  findings: Finding[];
  configs: ConfigText[];
}

/** Read a package once and run every analyser and check on it. */
export async function inspectPackage(target: string, limits: Limits, monitored: (path: string) => boolean): Promise<Inspection> {
  const capture = new ConfigCapture(monitored);
  const analyzers: ContentAnalyzer[] = [new InventoryAnalyzer(), capture, ...contentChecks()];
  const pass = new PackagePass(analyzers);
  const read = await readPackage(target, pass, limits);
  const files = pass.files();
  const packages: Package[] = [];
  const findings: Finding[] = [];
  for (const analyzer of analyzers) {
    const result = analyzer.finish();
    packages.push(...(result.packages ?? []));
    findings.push(...(result.findings ?? []));
  }
  for (const check of MANIFEST_CHECKS) findings.push(...check.check({ files, root: pass.root }));
  // `shop-2.4.6/var/cache` and `shop-2.4.7/var/cache` are the same folder to a baseline and an acceptance
  idsWithoutTopFolder(findings, singleTopFolder(files));
  return { read, files, root: pass.root, packages, findings, configs: capture.texts() };
}
