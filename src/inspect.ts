import { ConfigCapture } from './baseline/config-capture.js';
import { singleTopFolder } from './baseline/strip-root.js';
import { MANIFEST_CHECKS, contentChecks } from './checks/registry.js';
import { identify, type DraftFinding } from './findings/draft.js';
import { InventoryAnalyzer } from './inventory/inventory-analyzer.js';
import type { Limits } from './limits.js';
import type { OriginRecord, Package } from './model.js';
import type { CheckCost, ContentAnalyzer } from './pass/content-analyzer.js';
import type { Inspection } from './pass/inspection.js';
import { PackagePass } from './pass/package-pass.js';
import type { EntryVisitor } from './read/entry.js';
import { readPackage } from './read/read-package.js';

/** How the pass runs: the worker bundle for the checks that read every text file, and who hears what each check cost. */
export interface PassOptions {
  checkWorker?: URL;
  onCheckCosts?: (costs: readonly CheckCost[]) => void;
}

/** Read a package once and run every analyser and check on it. */
export async function inspectPackage(target: string, limits: Limits, monitored: (path: string) => boolean, options: PassOptions = {}): Promise<Inspection> {
  const capture = new ConfigCapture(monitored);
  const checks = contentChecks(options.checkWorker);
  const analyzers: ContentAnalyzer[] = [new InventoryAnalyzer(), capture, ...checks];
  const pass = new PackagePass(analyzers, limits.maxTotalNameBytes);
  const read = await readPackage(target, pass, limits);
  await linkedContents(target, pass, limits);
  const files = pass.files();
  const packages: Package[] = [];
  const drafts: DraftFinding[] = [];
  const origins: OriginRecord[] = [];
  const notes: string[] = [];
  const costs = pass.costs();
  for (const analyzer of analyzers) {
    const result = await analyzer.finish();
    costs.push(...(result.costs ?? []));
    packages.push(...(result.packages ?? []));
    drafts.push(...(result.findings ?? []));
    origins.push(...(result.origins ?? []));
    // two checks may say the same of one file (read in part)
    for (const note of result.notes ?? []) if (!notes.includes(note)) notes.push(note);
  }
  options.onCheckCosts?.(costs);
  const divergences = pass.divergences();
  for (const check of MANIFEST_CHECKS) drafts.push(...check.check({ files, root: pass.root, divergences }));
  for (const check of checks) drafts.push(...(check.afterPass?.({ files, root: pass.root, divergences }) ?? []));
  // only the whole pass tells whether every entry sits in one `shop-2.4.7/`: ids are made now
  const findings = identify(drafts, singleTopFolder(files));
  return { read, files, root: pass.root, packages, findings, configs: capture.texts(), origins, notes };
}

/**
 * Hardlinks an analyser wants content for (a `.env` linked to a `.txt`) take their
 * target's content, which went by under the target's name: read the package once more for
 * those contents only. Only packages with such hardlinks pay for it.
 */
async function linkedContents(target: string, pass: PackagePass, limits: Limits): Promise<void> {
  const wanted = new Map(pass.linkedContents().map((want) => [want.path, want]));
  if (wanted.size === 0) return;
  const visitor: EntryVisitor = {
    wants: (header) => wanted.get(header.path)?.bytes ?? 0,
    visit(entry, content) {
      const want = wanted.get(entry.path);
      if (!want || !content || entry.sha256 !== want.sha256) return;
      pass.takeLinked(want.path, want.sha256, content);
      wanted.delete(entry.path);
    },
  };
  await readPackage(target, visitor, limits);
}
