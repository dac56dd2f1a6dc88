import * as core from '@actions/core';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ScanError } from '../errors.js';
import { printable } from '../util/printable.js';
import { statusOf, type Octokit, type RunContext } from './github.js';

/** The most files GitHub lists for a pull request; a larger one cannot be checked. */
const MAX_LISTED_FILES = 3000;

/**
 * `base:<path>`: the file as the pull request's base branch has it, read from GitHub at
 * the base commit (never from the checkout, which is the pull request's own tree).
 */
export function baseBranchBaseline(spec: string): string | undefined {
  return spec.startsWith('base:') ? spec.slice('base:'.length).replace(/^\.?\/+/, '') : undefined;
}

export async function downloadFromBase(octokit: Octokit, run: RunContext, path: string, dir: string): Promise<string> {
  if (run.pullRequest === undefined || run.baseSha === undefined) {
    throw new ScanError(`baseline base:${path} needs a pull_request event (it reads the file at the pull request's base commit); on other events use release:latest or a path`);
  }
  let data: unknown;
  try {
    data = (await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: run.owner, repo: run.repo, path, ref: run.baseSha, headers: { accept: 'application/vnd.github.raw' } })).data;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) throw new ScanError(`the base branch has no ${path} at ${run.baseSha.slice(0, 12)}; commit the baseline report to the base branch first, or use release:latest`);
    throw new ScanError(`cannot read ${path} from the base branch (${status ? `HTTP ${status}` : String(error)}); check the token's contents: read permission`);
  }
  const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
  const target = join(dir, `baseline-base-${path.replace(/[^\w.-]+/g, '_')}`);
  await writeFile(target, bytes);
  core.info(printable(`baseline: ${path} of the base branch (${run.baseSha.slice(0, 12)})`));
  return target;
}

/**
 * A baseline given as a path is the job's own file; in a pull request, the pull request
 * must not have brought or changed it, or it could call any of its own findings
 * `existing`. A path outside the workspace (a download by an earlier step) is the
 * workflow's, not the pull request's.
 */
export async function refuseBaselineFromPullRequest(octokit: Octokit, run: RunContext, spec: string, workspace: string): Promise<void> {
  if (run.pullRequest === undefined) return;
  const inside = relative(workspace, resolve(workspace, spec));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return;
  const advice = 'a pull request cannot choose its own baseline: use release:latest, base:<path> (the file as the base branch has it), or a file an earlier step downloaded outside the workspace';
  let files: { filename: string; previous_filename?: string }[];
  try {
    files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: run.owner, repo: run.repo, pull_number: run.pullRequest, per_page: 100 });
  } catch (error) {
    const status = statusOf(error);
    throw new ScanError(`cannot tell whether pull request #${run.pullRequest} changes the baseline ${spec} (${status ? `HTTP ${status}` : String(error)}); grant pull-requests: read, or ${advice}`);
  }
  if (files.length >= MAX_LISTED_FILES) throw new ScanError(`pull request #${run.pullRequest} changes ${MAX_LISTED_FILES} files or more, too many to tell whether it changes the baseline ${spec}; ${advice}`);
  const changed = files.flatMap((file) => [file.filename, file.previous_filename ?? '']).find((name) => name !== '' && (name === inside || name.startsWith(`${inside}/`)));
  if (changed !== undefined) throw new ScanError(`the baseline ${spec} is changed by this pull request (${changed}); ${advice}`);
}
