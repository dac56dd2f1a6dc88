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
  /** Upload the full report and summary as a workflow artifact (linked from the comment and the summary). */
  artifact: boolean;
}

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
    artifact: flag('artifact', true),
  };
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
