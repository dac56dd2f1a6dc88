import picomatch from 'picomatch';
import { ScanError } from './errors.js';
import { findVulnerabilities } from './advisories/find-vulnerabilities.js';
import type { OsvRecord } from './advisories/osv.js';
import { openSources } from './advisories/sources/open-sources.js';
import { AdvisorySourceError, type AdvisorySource } from './advisories/sources/source.js';
import { configFindings } from './baseline/config-findings.js';
import { diffFiles } from './baseline/file-diff.js';
import { loadBaseline, type Baseline } from './baseline/load-baseline.js';
import { monitorMatcher } from './baseline/monitored.js';
import { newOrigins } from './baseline/new-origins.js';
import { diffPackages } from './baseline/package-diff.js';
import { rootsToStrip, singleTopFolder } from './baseline/strip-root.js';
import { tamperedPackages } from './baseline/tampered-packages.js';
import { identify } from './findings/draft.js';
import { relativizeFindings } from './findings/relative-paths.js';
import { inspectPackage } from './inspect.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { FINDING_KINDS, FINDING_STATUSES, SCHEMA_VERSION, type Changes, type Finding, type FixedFinding, type Package, type Report, type SourceSummary, type TargetSummary } from './model.js';
import { applyAcceptances, describeAcceptance, explainExpired } from './policy/acceptance.js';
import { decideApproval, type ApprovalEvidence } from './policy/approval.js';
import { blockingDigest } from './policy/digest.js';
import { topFolderWarnings } from './policy/path-globs.js';
import { applyPolicy, decideVerdict, defaultPolicy } from './policy/policy.js';
import type { PolicyOptions } from './policy/resolve.js';
import type { CheckCost } from './pass/content-analyzer.js';
import { manifestDigest } from './pass/manifest-digest.js';
import { compareCodeUnits, severityRank } from './util/order.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface ScanOptions extends PolicyOptions {
  /** A .tar, .tar.gz, .tgz or .zip file, or a directory. */
  target: string;
  /** The last deployment: a previous package, a directory, or the JSON report of its scan. */
  baseline?: string;
  /** Top folders to strip before comparing paths (default: a single common top folder of each side). */
  roots?: { target?: string; baseline?: string };
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
  /** What the face read about a release approval (a pull request label, an approve-digest input). */
  approval?: ApprovalEvidence;
  /** Today, YYYY-MM-DD (UTC), for the expiry of acceptances. */
  today?: string;
  limits?: Partial<Limits>;
  /** The check-worker bundle: secrets and malicious code run on a thread of their own (same findings). */
  checkWorker?: URL;
  /** Told, after each package's pass, what each content check's take() cost and on which thread (`npm run bench`). */
  onCheckCosts?: (costs: readonly CheckCost[]) => void;
}

/** The pipeline as one function: options in, report out. No I/O to GitHub, no terminal. */
export async function scan(options: ScanOptions): Promise<Report> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const monitored = monitorMatcher(options.monitor);
  // sources first: a wrong option fails before a long read
  const sources = await openSources({
    specs: options.advisories ?? [],
    offline: options.offline ?? false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.apiCache ? { apiCache: options.apiCache } : {}),
    ...options.network,
  });
  const pass = { ...(options.checkWorker ? { checkWorker: options.checkWorker } : {}), ...(options.onCheckCosts ? { onCheckCosts: options.onCheckCosts } : {}) };
  const inspect = (target: string) => inspectPackage(target, limits, monitored, pass);

  const current = await inspect(options.target);
  const baseline = options.baseline === undefined ? undefined : await loadBaseline(options.baseline, inspect);

  const notes: string[] = [...current.notes];
  const warnings: string[] = [];
  const findings = [...current.findings];
  const vulnerabilities = await checkAdvisories(current.packages, baseline?.packages ?? [], sources, options.allowSourceFailure ?? false, notes);
  findings.push(...vulnerabilities.target);

  let changes: Changes | null = null;
  let root = singleTopFolder(current.files) ?? '';
  if (baseline) {
    const roots = rootsToStrip(current.files, baseline.files, options.roots);
    root = roots.target;
    const fileChanges = diffFiles(
      { files: baseline.files, configs: baseline.configs, root: roots.baseline },
      { files: current.files, configs: current.configs, root: roots.target },
      monitored,
    );
    changes = { roots, ...fileChanges, packages: diffPackages(baseline.packages, current.packages) };
    findings.push(...identify(configFindings(changes.configs)));
    const tampered = tamperedPackages({ files: baseline.files, packages: baseline.packages, root: roots.baseline }, { files: current.files, packages: current.packages, root: roots.target });
    findings.push(...identify(tampered, roots.target || undefined), ...identify(newOrigins(baseline.origins, current.origins)));
    markExisting(findings, baseline, vulnerabilities.baseline);
    const unrelated = unrelatedBaseline(changes, options.baseline ?? '');
    if (unrelated) warnings.push(unrelated);
  }
  // one path form from here on: relative to the package root, its top folder left out
  relativizeFindings(findings, root);
  if (changes && baseline) changes.fixed = fixedByRelease(findings, baseline, vulnerabilities.baseline, current.packages, changes.roots.baseline);

  warnings.push(...topFolderWarnings(options, findings, root));
  const kept = leaveOutIgnored(findings, options.ignore ?? [], notes);
  const { stale, expired } = applyAcceptances(kept, options.accept ?? [], options.today ?? new Date().toISOString().slice(0, 10));
  for (const acceptance of stale) notes.push(`stale acceptance: ${describeAcceptance(acceptance)} matched no finding; remove it from the policy file`);
  const policy = { ...defaultPolicy(baseline !== undefined), ...options.policy };
  applyPolicy(kept, policy);
  explainExpired(expired);
  kept.sort(compareFindings);
  // the digest of what the policy blocks, before an approval lets it through
  const digest = blockingDigest(kept);
  const approval = options.approval ? decideApproval(options.approval, kept, digest) : undefined;

  const target: TargetSummary = {
    path: options.target,
    format: current.read.format,
    sha256: current.read.sha256 ?? manifestDigest(current.files),
    files: current.files.length,
    bytes: current.read.bytes,
  };
  if (root !== '') target.root = root;
  const baselineSummary = baseline ? { ...baseline.summary } : null;
  if (baselineSummary && changes?.roots.baseline) baselineSummary.root = changes.roots.baseline;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    target,
    baseline: baselineSummary,
    files: current.files,
    packages: current.packages,
    findings: kept,
    // findings a person approved were reviewed: they leave the verdict a pass, not a warning
    verdict: decideVerdict(approval?.approval ? kept.filter((finding) => finding.approvedBy === undefined) : kept, policy),
    sources: vulnerabilities.summaries,
    notes,
    configs: current.configs,
    changes,
    origins: current.origins,
    warnings,
    digest,
    approval: approval?.approval ?? null,
    ...(approval ? { approvalCheck: approval.check } : {}),
  };
}

/** Less than this share of paths in common: the baseline is probably another package. */
const RELATED_SHARE = 0.2;

/**
 * A baseline that shares almost no path with the package is another package (the shop
 * against the storefront), or its trees sit in other folders: the comparison would call
 * everything added. Said, not guessed around.
 */
function unrelatedBaseline(changes: Changes, spec: string): string | undefined {
  const { added, removed, changed, unchanged } = changes.files;
  const shared = changed + unchanged;
  const larger = Math.max(added + shared, removed + shared);
  if (larger < 10 || shared >= larger * RELATED_SHARE) return undefined;
  const n = (value: number): string => value.toLocaleString('en-US');
  return `the baseline ${spec} shares only ${n(shared)} of ${n(larger)} paths with this package (${n(added)} added, ${n(removed)} removed): it looks like another package; give the last release of this package as the baseline, or name the folders to compare (--root, --baseline-root)`;
}

/**
 * What the baseline had that this release no longer has: an advisory of a package the
 * release upgraded or removed, a secret, a sensitive file or a bad permission gone.
 * Config changes are about a diff, not a state, and are left out; so is an advisory
 * whose package is still there at the same version (only the advisory data changed).
 */
function fixedByRelease(findings: readonly Finding[], baseline: Baseline, baselineVulnerabilities: Finding[], packages: readonly Package[], baselineRoot: string): FixedFinding[] {
  const present = new Set(findings.map((finding) => finding.id));
  const shipped = new Set(packages.map((pkg) => `${pkg.ecosystem}\0${pkg.name}\0${pkg.version}`));
  const seen = new Set<string>();
  const fixed: FixedFinding[] = [];
  for (const finding of [...baselineVulnerabilities, ...baseline.findings]) {
    if (present.has(finding.id) || seen.has(finding.id) || finding.kind === 'config-change') continue;
    if (finding.package && shipped.has(`${finding.package.ecosystem}\0${finding.package.name}\0${finding.package.version}`)) continue;
    seen.add(finding.id);
    const { id, kind, severity, title, path, package: pkg, advisory, rule } = finding;
    fixed.push({ id, kind, severity, title, ...(path !== undefined ? { path } : {}), ...(pkg ? { package: pkg } : {}), ...(advisory ? { advisory } : {}), ...(rule !== undefined ? { rule } : {}) });
  }
  relativizeFindings(fixed, baselineRoot);
  return fixed.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) || compareCodeUnits(a.path ?? '', b.path ?? '') || compareCodeUnits(a.id, b.id));
}

/**
 * A finding whose id the baseline has is `existing`. The baseline's vulnerabilities are
 * evaluated against today's advisories too: a flaw disclosed yesterday in a package
 * production already runs is not something this release brings.
 */
function markExisting(findings: Finding[], baseline: Baseline, baselineVulnerabilities: readonly Finding[]): void {
  const known = new Set([...baseline.findings, ...baselineVulnerabilities].map((finding) => finding.id));
  for (const finding of findings) if (known.has(finding.id) && finding.status === 'new') finding.status = 'existing';
}

interface AdvisoryOutcome {
  target: Finding[];
  baseline: Finding[];
  summaries: SourceSummary[];
}

async function checkAdvisories(
  packages: readonly Package[],
  baselinePackages: readonly Package[],
  sources: readonly AdvisorySource[],
  allowFailure: boolean,
  notes: string[],
): Promise<AdvisoryOutcome> {
  const outcome: AdvisoryOutcome = { target: [], baseline: [], summaries: [] };
  if (sources.length === 0) {
    if (packages.length > 0) notes.push(`advisories were not checked (--advisories none): ${packages.length} packages unchecked`);
    return outcome;
  }
  let failure: string | undefined;
  try {
    // one lookup for both sides: the same answers, and each record fetched once
    const result = await findVulnerabilities([...packages, ...baselinePackages], sources);
    const found = identify(result.findings);
    const keyOf = (ref: { ecosystem: string; name: string; version: string } | undefined): string => `${ref?.ecosystem ?? ''}\0${ref?.name ?? ''}\0${ref?.version ?? ''}`;
    const inTarget = new Set(packages.map(keyOf));
    const inBaseline = new Set(baselinePackages.map(keyOf));
    const seen = new Set<string>();
    for (const finding of found) {
      if (seen.has(finding.id)) continue;
      seen.add(finding.id);
      // a package on both sides was looked up once: its finding belongs to both
      if (inTarget.has(keyOf(finding.package))) outcome.target.push(finding);
      if (inBaseline.has(keyOf(finding.package))) outcome.baseline.push(finding);
    }
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
  outcome.summaries = sources.map((source) => {
    const stats = source.stats();
    for (const skipped of stats.skipped.slice(0, 20)) notes.push(`skipped an advisory record (${skipped.where}): ${skipped.reason}`);
    if (stats.skipped.length > 20) notes.push(`… and ${stats.skipped.length - 20} more advisory records skipped`);
    const summary: SourceSummary = { source: stats.source, records: stats.records, httpCalls: stats.httpCalls, skipped: stats.skipped.length };
    if (failure) summary.failed = failure;
    return summary;
  });
  return outcome;
}

/** Findings under ignored paths are left out of the report; the notes say how many. */
function leaveOutIgnored(findings: Finding[], globs: readonly string[], notes: string[]): Finding[] {
  if (globs.length === 0) return findings;
  const ignored = picomatch([...globs], { dot: true });
  const kept = findings.filter((finding) => finding.path === undefined || !ignored(finding.path));
  if (kept.length < findings.length) notes.push(`${findings.length - kept.length} findings under ignored paths (${globs.join(', ')}) were left out`);
  return kept;
}

/**
 * The report's order, which every renderer keeps: the gravest first, then new before
 * existing before accepted, blocking before not, then by kind, path, package and id
 * (stable whatever order the pass saw the entries in).
 */
function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    FINDING_STATUSES.indexOf(a.status) - FINDING_STATUSES.indexOf(b.status) ||
    Number(b.blocking) - Number(a.blocking) ||
    FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
    compareCodeUnits(a.path ?? '', b.path ?? '') ||
    compareCodeUnits(a.package ? `${a.package.ecosystem}/${a.package.name}@${a.package.version}` : '', b.package ? `${b.package.ecosystem}/${b.package.name}@${b.package.version}` : '') ||
    compareCodeUnits(a.id, b.id)
  );
}
