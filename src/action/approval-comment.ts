import { findRecord, type ApprovalRecord } from '../policy/approval-record.js';
import { when } from '../policy/approval.js';
import { isObject, isString } from '../util/shape.js';
import type { Octokit, RunContext } from './github.js';
import { ApprovalEvidenceError } from './label-events.js';

/** A pull request comment as GitHub's GraphQL API tells who wrote it and who edited it last. */
export interface CommentFacts {
  id: number;
  body: string;
  author: string | null;
  createdAt: string;
  lastEditedAt: string | null;
  editor: string | null;
}

export interface PullRequestComments {
  /** Who the token acts as (`github-actions[bot]` for the workflow's token). */
  viewer: string;
  comments: CommentFacts[];
}

const QUERY = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  viewer { login }
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      comments(first: 100, after: $after) {
        nodes { databaseId body createdAt lastEditedAt author { login } editor { login } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const MAX_PAGES = 100;

/** Every comment of the pull request with its author and last editor, through every page (GraphQL: REST does not say who edited a comment). */
export async function readComments(octokit: Octokit, run: RunContext, number: number): Promise<PullRequestComments> {
  const comments: CommentFacts[] = [];
  let after: string | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    let data: unknown;
    try {
      data = await octokit.graphql(QUERY, { owner: run.owner, repo: run.repo, number, after });
    } catch (error) {
      throw new ApprovalEvidenceError(`the comments of pull request #${number} could not be read through GraphQL (${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)})`, { cause: error });
    }
    const connection = isObject(data) ? pick(pick(pick(data, 'repository'), 'pullRequest'), 'comments') : undefined;
    const login = isObject(data) ? pick(data, 'viewer')?.['login'] : undefined;
    const nodes = connection?.['nodes'];
    const info = connection ? pick(connection, 'pageInfo') : undefined;
    if (!isString(login) || !Array.isArray(nodes) || !info) throw new ApprovalEvidenceError(`the comments of pull request #${number} came back from GraphQL in a shape the gate does not know`);
    for (const node of nodes) {
      if (!isObject(node) || typeof node['databaseId'] !== 'number' || !isString(node['body']) || !isString(node['createdAt'])) continue;
      const lastEditedAt = node['lastEditedAt'];
      comments.push({
        id: node['databaseId'],
        body: node['body'],
        author: loginOf(node['author']),
        createdAt: node['createdAt'],
        lastEditedAt: isString(lastEditedAt) ? lastEditedAt : null,
        editor: loginOf(node['editor']),
      });
    }
    if (info['hasNextPage'] !== true) return { viewer: login, comments };
    const cursor = info['endCursor'];
    if (!isString(cursor)) throw new ApprovalEvidenceError(`the comments of pull request #${number} came back from GraphQL with a next page but no cursor`);
    after = cursor;
  }
  throw new ApprovalEvidenceError(`pull request #${number} has more than ${MAX_PAGES * 100} comments; the gate does not look for its record in part of them`);
}

export interface OwnComment {
  /** The comment the action writes for this package (absent: none yet). */
  id?: number;
  /** The record in it, when the action wrote it and nobody else edited it since. */
  record?: ApprovalRecord;
  /** Sentences for the reviewer: a record that is not trusted, and why. */
  notes: string[];
}

/**
 * The action's own comment for one package, and the record in it if it can be trusted:
 * written by the token's own account (GraphQL drops the `[bot]` of an app's login) and
 * not edited since by anyone else (`lastEditedAt`, `editor`). The record's `since`
 * left open is the time of the comment's last write, on GitHub's clock.
 */
export function ownComment(all: PullRequestComments, marker: string): OwnComment {
  const self = bare(all.viewer);
  const notes: string[] = [];
  const carrying = all.comments.filter((comment) => comment.body.includes(marker));
  for (const comment of carrying) {
    if (bare(comment.author ?? '') === self || findRecord(comment.body).record === undefined) continue;
    notes.push(`A comment by \`@${comment.author ?? 'ghost'}\` carries the gate's marker and an approval record: the gate did not write it, so it does not count.`);
  }
  const own = carrying.find((comment) => bare(comment.author ?? '') === self);
  if (!own) return { notes };
  const found = findRecord(own.body);
  if (own.lastEditedAt !== null && bare(own.editor ?? '') !== self) {
    if (found.record || found.problem) {
      notes.push(`The gate's comment was edited by \`@${own.editor ?? 'ghost'}\` on ${when(own.lastEditedAt)}: the approval record in it is not trusted, and the gate writes a new one.`);
    }
    return { id: own.id, notes };
  }
  if (found.problem) {
    notes.push(`The gate's comment holds a record it cannot read (${found.problem}): it is not used.`);
    return { id: own.id, notes };
  }
  const record = found.record;
  if (record?.shown && record.shown.since === undefined) record.shown.since = normalTime(own.lastEditedAt ?? own.createdAt);
  return { id: own.id, ...(record ? { record } : {}), notes };
}

/** GraphQL names an app `github-actions`, REST and `viewer` `github-actions[bot]`. */
function bare(login: string): string {
  return login.replace(/\[bot\]$/, '').toLowerCase();
}

function loginOf(actor: unknown): string | null {
  return isObject(actor) && isString(actor['login']) ? actor['login'] : null;
}

function pick(object: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = object?.[key];
  return isObject(value) ? value : undefined;
}

/** GitHub's times without fractions, as events carry them, so the two compare as strings. */
function normalTime(time: string): string {
  return time.replace(/\.\d+Z$/, 'Z');
}
