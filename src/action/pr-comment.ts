import * as core from '@actions/core';
import type { Report } from '../model.js';
import { renderMarkdown } from '../report/markdown.js';
import { mdText } from '../report/markdown-escape.js';
import type { CommentPart } from './approvals.js';
import type { CommentMode } from './inputs.js';
import { warnPermission, type Octokit, type RunContext } from './github.js';

/** GitHub refuses issue comments longer than this. */
export const MAX_COMMENT = 65_536;

/** Rows of the comment's "what to fix" table: the rest are folded, and all are in the summary. */
export const COMMENT_ROWS = 25;

/** The hidden line that finds this package's comment again. */
export function commentMarker(packageKey: string): string {
  return `<!-- release-gate:${packageKey.replace(/-->/g, '')} -->`;
}

export interface CommentOptions {
  packageKey: string;
  title?: string;
  /** The full report and summary (the run's artifact). */
  reportUrl?: string;
  /** The approval block, rendered after the header (release approvals). */
  approval?: string;
}

/**
 * The comment of a package's report: the Markdown a reviewer reads, bounded for GitHub,
 * the approval record hidden above the marker (src/action/approvals.ts), and the marker.
 */
export function commentBody(report: Report, run: RunContext, options: CommentOptions & Pick<CommentPart, 'hidden'>): string {
  const marker = commentMarker(options.packageKey);
  const hidden = options.hidden ? `${options.hidden}\n` : '';
  return `${renderMarkdown(report, {
    maxChars: MAX_COMMENT - marker.length - hidden.length - 2,
    rows: COMMENT_ROWS,
    today: new Date().toISOString().slice(0, 10),
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
    ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
    ...(options.title ? { title: options.title } : {}),
    ...(options.approval ? { approval: options.approval } : {}),
  })}\n${hidden}${marker}`;
}

/**
 * One comment per pull request and package: found again by its hidden marker through
 * every page of the comments, edited in place. `on-findings` posts when something is
 * new or blocking and always updates an earlier comment (a fixed pull request shows it
 * is clear); `always` posts every time; `never` does not comment. A token that may not
 * write gives a warning: the verdict decides the step, not the comment.
 */
export async function upsertComment(
  octokit: Octokit,
  run: RunContext,
  report: Report,
  options: CommentOptions & CommentPart & { mode: CommentMode },
): Promise<'created' | 'updated' | 'skipped'> {
  if (options.mode === 'never' || run.pullRequest === undefined) return 'skipped';
  const marker = commentMarker(options.packageKey);
  const body = commentBody(report, run, options);
  try {
    const existing = options.commentId !== undefined ? (options.commentId ?? undefined) : await findComment(octokit, run, marker);
    if (existing !== undefined) {
      await octokit.rest.issues.updateComment({ owner: run.owner, repo: run.repo, comment_id: existing, body });
      return 'updated';
    }
    const worthIt = options.mode === 'always' || report.findings.some((finding) => finding.blocking || finding.status === 'new');
    if (!worthIt) return 'skipped';
    await octokit.rest.issues.createComment({ owner: run.owner, repo: run.repo, issue_number: run.pullRequest, body });
    return 'created';
  } catch (error) {
    warnPermission('comment on the pull request', 'pull-requests: write', error);
    return 'skipped';
  }
}

/**
 * When the gate could not decide, an earlier comment must not keep showing its last
 * verdict: it is replaced by the error (no new comment is posted for an error).
 */
export async function commentError(octokit: Octokit, run: RunContext, message: string, options: { packageKey: string; title?: string }): Promise<'updated' | 'skipped'> {
  if (run.pullRequest === undefined) return 'skipped';
  const marker = commentMarker(options.packageKey);
  try {
    const existing = await findComment(octokit, run, marker);
    if (existing === undefined) return 'skipped';
    await octokit.rest.issues.updateComment({ owner: run.owner, repo: run.repo, comment_id: existing, body: `${errorMarkdown(message, run.runUrl, options.title)}\n${marker}` });
    return 'updated';
  } catch (error) {
    warnPermission('update the pull request comment with the error', 'pull-requests: write', error);
    return 'skipped';
  }
}

/** What a comment or the job summary says when the gate could not decide: the cause, and that no verdict holds. */
export function errorMarkdown(message: string, runUrl: string | undefined, title?: string): string {
  return [
    `## ❗ release-gate${title ? ` ${mdText(title, 300)}` : ''}: ERROR: the gate could not decide`,
    '',
    `> ${mdText(message, 2000)}`,
    '',
    `No verdict holds until it runs again: fix the cause above, then re-run the job.${runUrl ? ` [workflow run](${encodeURI(runUrl)})` : ''}`,
    '',
  ].join('\n');
}

async function findComment(octokit: Octokit, run: RunContext, marker: string): Promise<number | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: run.owner,
    repo: run.repo,
    issue_number: run.pullRequest ?? 0,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((comment) => comment.body?.includes(marker));
    if (found) return found.id;
  }
  core.debug(`no earlier comment carries ${marker}`);
  return undefined;
}
