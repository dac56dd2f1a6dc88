import { trimChars } from '../util/trim.js';
import { printable } from '../util/printable.js';
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { describeFailure } from '../errors.js';
import type { Report, Verdict } from '../model.js';
import { renderMarkdown } from '../report/markdown.js';
import { verdictLine } from '../report/verdict-line.js';
import { RequestRunner, checkWorkerBundle } from '../run/run-request.js';
import { AdvisoryCache } from './advisory-cache.js';
import { annotate } from './annotations.js';
import { Approvals } from './approvals.js';
import { artifactName, uploadFullReport } from './artifact.js';
import { baseBranchBaseline, downloadFromBase, refuseBaselineFromPullRequest } from './baseline-source.js';
import { commentKey, expandPackages, stableKey, type PackageInput } from './expand-packages.js';
import { octokitFor, runContext, type Octokit, type RunContext } from './github.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { commentError, errorMarkdown, upsertComment } from './pr-comment.js';
import { attachReport, downloadReportAsset, releaseBaseline } from './release-assets.js';

/** Exit status when the gate could not decide, as on the command line. */
const EXIT_ERROR = 2;
const SUMMARY_LIMIT = 1024 * 1024;

interface Gated {
  /** The package as the input named it (or as a glob found it). */
  target: string;
  /** The package's file-name suffix when several are gated. */
  key: string;
  /** What finds its comment again in the next run. */
  commentKey: string;
  paths: { report: string; sarif?: string; sbom?: string; summary?: string };
  /** The SARIF's code-scanning category, when several packages need one each. */
  sarifCategory?: string;
  report?: Report;
  error?: string;
}

/**
 * The action: inputs once; each package scanned as the command line scans it; then the
 * files, the job summary and the outputs (nothing is lost if a later network step
 * fails); then the pull request comment and the release asset; then the verdict.
 */
export async function run(): Promise<void> {
  let inputs: ActionInputs | undefined;
  let gated: Gated[] | undefined;
  let approvals: Approvals;
  const context = runContext();
  const workspace = process.env['GITHUB_WORKSPACE'] ?? process.cwd();
  let octokit: Octokit | undefined;
  const advisoryCache = new AdvisoryCache(process.env['RUNNER_TEMP'] ?? workspace, new Date().toISOString().slice(0, 10));
  const github = (): Octokit => (octokit ??= octokitFor(inputs?.githubToken ?? (core.getInput('github-token') || undefined)));
  try {
    inputs = readInputs((name) => core.getInput(name));
    const targets = await expandPackages(inputs.packages, workspace);
    const planned = targets.map((target) => plan(target, targets.length > 1, inputs as ActionInputs, workspace));
    gated = planned;
    if (new Set(planned.map((item) => item.commentKey)).size < planned.length) {
      // two packages that differ only in version numbers: their comments need their paths
      for (const item of planned) item.commentKey = item.key;
    }
    const runner = await RequestRunner.open(inputs, workspace);
    // secrets and malicious code on a thread of their own; RELEASE_GATE_CHECK_WORKER=0 keeps them on the main thread
    const checkWorker = process.env['RELEASE_GATE_CHECK_WORKER'] === '0' ? undefined : checkWorkerBundle();
    approvals = await Approvals.prepare(github, context, inputs);
    if (usesApi(inputs)) await advisoryCache.restore();
    for (const item of planned) {
      try {
        const baseline = await baselineFor(inputs, item, context, github);
        const started = performance.now();
        const approval = approvals.evidenceFor(item.commentKey);
        item.report = await runner.run(item.target, item.paths, { apiCache: advisoryCache.records, ...(baseline !== undefined ? { baseline } : {}), ...(approval ? { approval } : {}), ...(checkWorker ? { checkWorker } : {}) }, item.sarifCategory);
        const gc = process.execArgv.includes('--single-threaded-gc') ? ', relaunched with single-threaded GC' : '';
        core.debug(`scan of ${item.target} took ${((performance.now() - started) / 1000).toFixed(2)} s${gc}`);
      } catch (error) {
        item.error = describeFailure(error);
        if (error instanceof Error && core.isDebug()) core.debug(error.stack ?? error.message);
      }
    }
  } catch (error) {
    await failBeforeScans(describeFailure(error), context, github, inputs, gated);
    return;
  }

  const reportUrl = inputs.artifact ? await uploadArtifact(gated) : undefined;
  await writeSummary(gated, context, reportUrl);
  setOutputs(gated);
  if (usesApi(inputs)) await advisoryCache.save();
  annotate(gated.flatMap((item) => (item.report ? [{ report: item.report, label: item.target }] : [])));
  for (const item of gated) {
    // the approval record goes into the comment; a stale label is removed (src/action/approvals.ts)
    const approvalPart = item.report ? await approvals.settle(item.report, item.commentKey) : {};
    if (context.pullRequest !== undefined && inputs.comment !== 'never') {
      const title = gated.length > 1 ? { title: item.target } : {};
      if (item.report) await upsertComment(github(), context, item.report, { mode: inputs.comment, packageKey: item.commentKey, ...title, ...(reportUrl ? { reportUrl } : {}), ...approvalPart });
      else await commentError(github(), context, item.error ?? '', { packageKey: item.commentKey, ...title });
    }
    if (item.report && inputs.attachReport) await attachReport(github(), context, basename(item.paths.report), await readFile(item.paths.report));
  }

  const errors = gated.filter((item) => item.error);
  if (errors.length > 0) {
    fail(errors.map((item) => (gated.length > 1 ? `${item.target}: ${item.error ?? ''}` : (item.error ?? ''))).join('; '));
    return;
  }
  announceVerdicts(gated);
}

/**
 * The verdict of each package as a notice (the blocking findings are the error
 * annotations; GitHub shows ten of those, and a failure's own error line would push one
 * out), and a failing exit status when one fails.
 */
function announceVerdicts(gated: readonly Gated[]): void {
  for (const item of gated) if (item.report) core.notice(printable(`${gated.length > 1 ? `${item.target}: ` : ''}${verdictLine(item.report)}`), { title: 'release-gate verdict' });
  if (gated.some((item) => item.report?.verdict === 'fail')) process.exitCode = 1;
}

/**
 * The gate could not start (an input, the policy file, a glob that finds nothing):
 * the job summary says so, and a comment an earlier run posted shows the error instead
 * of its last verdict.
 */
async function failBeforeScans(message: string, context: RunContext, github: () => Octokit, inputs: ActionInputs | undefined, gated: Gated[] | undefined): Promise<void> {
  fail(message);
  await writeJobSummary(errorMarkdown(message, context.runUrl));
  if (context.pullRequest === undefined || inputs?.comment === 'never') return;
  // the comments this run would have written: by package when known, else by the input as given
  const keys = gated?.map((item) => item.commentKey) ?? packagePatterns(inputs).map((pattern) => commentKey({ path: pattern, pattern, shared: false }));
  try {
    for (const key of new Set(keys)) await commentError(github(), context, message, { packageKey: key });
  } catch (error) {
    core.warning(`the pull request comment could not be updated with the error (${error instanceof Error ? error.message : String(error)})`);
  }
}

function packagePatterns(inputs: ActionInputs | undefined): string[] {
  if (inputs) return inputs.packages;
  return core
    .getInput('package')
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The full reports and summaries as one artifact; the comment and the summary link it. */
async function uploadArtifact(gated: readonly Gated[]): Promise<string | undefined> {
  const files = gated.flatMap((item) =>
    item.report
      ? [{ report: item.paths.report, summaryName: `${basename(item.paths.report).replace(/\.json$/i, '')}.summary.md`, summary: renderMarkdown(item.report, { maxChars: FULL_SUMMARY_LIMIT, ...(gated.length > 1 ? { title: item.target } : {}), today: new Date().toISOString().slice(0, 10) }) }]
      : [],
  );
  if (files.length === 0) return undefined;
  return uploadFullReport(artifactName(gated.map((item) => stableKey(item.key)).join('+')), files, process.env['RUNNER_TEMP'] ?? resolve('.'), {
    ...(process.env['GITHUB_SERVER_URL'] ? { serverUrl: process.env['GITHUB_SERVER_URL'] } : {}),
    ...(process.env['GITHUB_REPOSITORY'] ? { repository: process.env['GITHUB_REPOSITORY'] } : {}),
    ...(process.env['GITHUB_RUN_ID'] ? { runId: process.env['GITHUB_RUN_ID'] } : {}),
  });
}

/** A summary in the artifact is not bound by the job summary's 1 MiB. */
const FULL_SUMMARY_LIMIT = 64 * 1024 * 1024;

/** Where a package's files go: the inputs as given for one package, with the package's key for several. */
function plan(input: PackageInput, several: boolean, inputs: ActionInputs, workspace: string): Gated {
  const target = input.path;
  const key = keyOf(target, workspace);
  // file names without version numbers: the next release's run finds its report asset (release:latest)
  const fileKey = stableKey(key);
  const place = (path: string): string => resolve(several ? withSuffix(path, fileKey) : path);
  return {
    target,
    key,
    commentKey: commentKey(input),
    ...(several ? { sarifCategory: `release-gate/${fileKey}` } : {}),
    paths: {
      report: place(inputs.report),
      ...(inputs.sarif ? { sarif: place(inputs.sarif) } : {}),
      ...(inputs.sbom ? { sbom: place(inputs.sbom) } : {}),
      ...(inputs.summary ? { summary: place(inputs.summary) } : {}),
    },
  };
}

/** A package's key: its path inside the workspace, as a file-name-safe word. */
export function keyOf(target: string, workspace: string): string {
  const inside = relative(workspace, resolve(workspace, target)) || basename(target);
  return trimChars(inside.replace(/[^A-Za-z0-9._-]+/g, '-'), '-').slice(0, 100) || 'package';
}

function withSuffix(path: string, key: string): string {
  const extension = extname(path);
  return `${path.slice(0, path.length - extension.length)}-${key}${extension}`;
}

/** The OSV API is asked (its records are worth keeping between runs). */
function usesApi(inputs: ActionInputs): boolean {
  return !inputs.offline && inputs.cache && (inputs.advisories.length === 0 || inputs.advisories.some((spec) => spec === 'osv' || spec.startsWith('osv=')));
}

async function baselineFor(inputs: ActionInputs, item: Gated, context: RunContext, github: () => Octokit): Promise<string | undefined> {
  if (inputs.baseline === undefined) return undefined;
  const dir = process.env['RUNNER_TEMP'] ?? resolve('.');
  const release = releaseBaseline(inputs.baseline);
  if (release) return downloadReportAsset(github(), context, release, basename(item.paths.report), dir);
  const fromBase = baseBranchBaseline(inputs.baseline);
  if (fromBase !== undefined) return downloadFromBase(github(), context, fromBase, dir);
  await refuseBaselineFromPullRequest(github(), context, inputs.baseline, process.env['GITHUB_WORKSPACE'] ?? process.cwd());
  return inputs.baseline;
}

async function writeSummary(gated: readonly Gated[], context: RunContext, reportUrl: string | undefined): Promise<void> {
  const budget = Math.floor(SUMMARY_LIMIT / gated.length) - 200;
  const today = new Date().toISOString().slice(0, 10);
  const sections = gated.map((item) => {
    const title = gated.length > 1 ? { title: item.target } : {};
    if (item.report) return renderMarkdown(item.report, { maxChars: budget, today, ...title, ...(context.runUrl ? { runUrl: context.runUrl } : {}), ...(reportUrl ? { reportUrl } : {}) });
    return errorMarkdown(item.error ?? '', context.runUrl, gated.length > 1 ? item.target : undefined);
  });
  await writeJobSummary(sections.join('\n'));
}

/** Write Markdown as the job summary; a runner without one gets a warning, never a failure. */
async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    core.warning('GITHUB_STEP_SUMMARY is not set, so no job summary was written (is this running outside GitHub Actions?)');
    return;
  }
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`the job summary could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const RANK: Record<Verdict | 'error', number> = { pass: 0, warn: 1, fail: 2, error: 3 };

function setOutputs(gated: readonly Gated[]): void {
  const verdicts = gated.map((item) => (item.report ? item.report.verdict : 'error'));
  const worst = verdicts.reduce<Verdict | 'error'>((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass');
  const reports = gated.flatMap((item) => (item.report ? [item.report] : []));
  core.setOutput('verdict', worst);
  core.setOutput('new-findings', reports.reduce((n, report) => n + report.findings.filter((finding) => finding.status === 'new').length, 0));
  core.setOutput('blocking-findings', reports.reduce((n, report) => n + report.findings.filter((finding) => finding.blocking).length, 0));
  const written = (pick: (item: Gated) => string | undefined): string =>
    gated
      .filter((item) => item.report)
      .flatMap((item) => pick(item) ?? [])
      .join('\n');
  core.setOutput('report', written((item) => item.paths.report));
  core.setOutput('digest', written((item) => item.report?.digest));
  if (gated.some((item) => item.paths.sarif)) core.setOutput('sarif', written((item) => item.paths.sarif));
  if (gated.some((item) => item.paths.sbom)) core.setOutput('sbom', written((item) => item.paths.sbom));
}

function fail(message: string): void {
  core.setOutput('verdict', 'error');
  core.setFailed(message);
  process.exitCode = EXIT_ERROR;
}
