import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { ScanError } from '../errors.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** The repository and pull request of this run, read from the runner's event. */
export interface RunContext {
  owner: string;
  repo: string;
  /** The pull request (or issue) number, when the event has one. */
  pullRequest?: number;
  /** The pull request's base commit, when the event has one (a baseline may be read from it). */
  baseSha?: string;
  /** The release being published, when the event is `release`. */
  release?: { id: number; uploadUrl: string; tag: string };
  /** Where the run's summary can be read (linked from a comment that had to stop). */
  runUrl?: string;
}

export function runContext(): RunContext {
  const repository = process.env['GITHUB_REPOSITORY'] ?? '';
  const [owner = '', repo = ''] = repository.split('/');
  const result: RunContext = { owner, repo };
  const payload = context.payload;
  const number = payload.pull_request?.number ?? payload.issue?.number;
  if (typeof number === 'number') result.pullRequest = number;
  const baseSha = (payload.pull_request?.['base'] as { sha?: unknown } | undefined)?.sha;
  if (typeof baseSha === 'string' && /^[0-9a-f]{40}$/.test(baseSha)) result.baseSha = baseSha;
  const release = payload['release'] as { id?: unknown; upload_url?: unknown; tag_name?: unknown } | undefined;
  if (release && typeof release.id === 'number' && typeof release.upload_url === 'string') {
    result.release = { id: release.id, uploadUrl: release.upload_url, tag: typeof release.tag_name === 'string' ? release.tag_name : '' };
  }
  const server = process.env['GITHUB_SERVER_URL'];
  const runId = process.env['GITHUB_RUN_ID'];
  if (server && runId && repository) result.runUrl = `${server}/${repository}/actions/runs/${runId}`;
  return result;
}

export function octokitFor(token: string | undefined): Octokit {
  if (!token) throw new ScanError('no GitHub token: set the github-token input (it defaults to ${{ github.token }})');
  return getOctokit(token);
}

/** The HTTP status of an Octokit RequestError, if it is one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function warnPermission(what: string, permission: string, error: unknown): void {
  const status = statusOf(error);
  const reason = status === 403 || status === 404 ? `the token may not (HTTP ${status}; pull requests from forks get a read-only token)` : `it failed (${error instanceof Error ? error.message : String(error)})`;
  core.warning(`release-gate could not ${what}: ${reason}. Grant \`${permission}\` to the job, or set the input that turns it off. The report, summary and outputs are written.`);
}
