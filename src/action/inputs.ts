import { ScanError } from '../errors.js';
import { parseKinds, parseSeverity } from '../policy/values.js';
import type { OutputPaths, ScanRequest } from '../run/scan-request.js';

export const COMMENT_MODES = ['on-findings', 'always', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** The action's inputs, read once: nothing below this file calls getInput. */
export interface ActionInputs extends ScanRequest, OutputPaths {
  /** Paths or globs, one per line or comma-separated. */
  packages: string[];
  report: string;
  githubToken?: string;
  comment: CommentMode;
  warnOnly: boolean;
  /** Attach the JSON report to the release being published (the next run's release:latest baseline). */
  attachReport: boolean;
  /** Keep OSV records between runs in the Actions cache. */
  cache: boolean;
  /** The pull request label that approves the blocking findings of one digest. */
  approvalLabel: string;
  /** Teams (`org/team` or `team` of the repository's owner) whose members may approve; empty: anyone with write access. */
  approvers: string[];
  /** The pull request's author may not approve it. */
  approversExcludeAuthor: boolean;
  /** Digests approved for a release, dispatch or deployment run (12 hex each). */
  approveDigest: string[];
  /** Upload the full report and summary as a workflow artifact (linked from the comment and the summary). */
  artifact: boolean;
}

export const DEFAULT_APPROVAL_LABEL = 'release-gate: approved';

export const DEFAULT_REPORT = 'release-gate-report.json';

/**
 * Read and check every input; all problems are reported in one line. Optional inputs
 * that are empty mean "not given", so a policy file can still decide them.
 */
export function readInputs(get: (name: string) => string): ActionInputs {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  const text = (name: string): string | undefined => {
    const value = get(name).trim();
    return value.length > 0 ? value : undefined;
  };
  const flag = (name: string, fallback: boolean): boolean =>
    attempt(() => {
      const value = text(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (value === 'true') return true;
      if (value === 'false') return false;
      throw new Error(`input ${name} is '${get(name).trim()}', expected true or false`);
    }) ?? fallback;

  const packages = lines(get('package'));
  if (packages.length === 0) problems.push('input package is empty: give the path of the release package (a .tar.gz, .zip or directory), a glob, or a list');
  const inputs: ActionInputs = {
    packages,
    advisories: lines(get('advisories')),
    offline: flag('offline', false),
    allowSourceFailure: flag('allow-source-failure', false),
    report: text('report') ?? DEFAULT_REPORT,
    comment: 'on-findings',
    warnOnly: flag('warn-only', false),
    attachReport: flag('attach-report', false),
    cache: flag('cache', true),
    approvalLabel: text('approval-label') ?? DEFAULT_APPROVAL_LABEL,
    approvers: lines(get('approvers')).map((team) => team.replace(/^@/, '')),
    approversExcludeAuthor: flag('approvers-exclude-author', true),
    approveDigest: lines(get('approve-digest')).map((digest) => digest.toLowerCase()),
    artifact: flag('artifact', true),
  };
  for (const team of inputs.approvers) {
    if (!/^(?:[A-Za-z0-9][A-Za-z0-9-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/.test(team)) problems.push(`input approvers has '${team}', expected a team as org/team-slug or team-slug`);
  }
  for (const digest of inputs.approveDigest) {
    if (!/^[0-9a-f]{12}$/.test(digest)) problems.push(`input approve-digest has '${digest}', expected the 12 hex digits of the digest the gate printed`);
  }
  if (inputs.approvalLabel.length > 50) problems.push(`input approval-label is ${inputs.approvalLabel.length} characters long; GitHub labels have at most 50`);
  const comment = text('comment');
  if (comment !== undefined) {
    if ((COMMENT_MODES as readonly string[]).includes(comment)) inputs.comment = comment as CommentMode;
    else problems.push(`input comment is '${comment}', expected one of ${COMMENT_MODES.join(', ')}`);
  }
  const failOn = text('fail-on');
  if (failOn !== undefined) {
    const kinds = attempt(() => parseKinds(failOn));
    if (kinds) inputs.failOn = kinds;
  }
  const severity = text('severity');
  if (severity !== undefined) {
    const level = attempt(() => parseSeverity(severity));
    if (level) inputs.severity = level;
  }
  const onlyNew = text('only-new');
  if (onlyNew !== undefined) inputs.onlyNew = flag('only-new', true);
  if (text('include-dev') !== undefined) inputs.includeDev = flag('include-dev', false);
  for (const [name, key] of [
    ['baseline', 'baseline'],
    ['config', 'config'],
    ['sarif', 'sarif'],
    ['sbom', 'sbom'],
    ['summary', 'summary'],
    ['github-token', 'githubToken'],
  ] as const) {
    const value = text(name);
    if (value !== undefined) inputs[key] = value;
  }
  if (problems.length > 0) throw new ScanError(`${problems.join('; ')} (see the inputs in action.yml)`);
  return inputs;
}

/** A multi-line or comma-separated list input. */
function lines(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
