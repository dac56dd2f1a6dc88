import type { Eligibility } from '../policy/approval.js';
import { isObject, isString } from '../util/shape.js';
import { statusOf, type Octokit, type RunContext } from './github.js';

/** Repository roles that may approve: `permission` says `write` for maintain and for custom roles built on write. */
const MAY_APPROVE = new Set(['admin', 'maintain', 'write']);

export interface ApproverRules {
  /** The pull request's author, who may not approve it (absent: no author to exclude). */
  author?: string;
  /** `org/team` or `team` (of the repository's owner); empty: any writer. */
  teams: readonly string[];
}

/** Who may approve, in words, for the sentences a reviewer reads. */
export function describeApprovers(rules: { excludeAuthor: boolean; teams: readonly string[] }): string {
  const teams = rules.teams.length > 0 ? ` in ${rules.teams.map((team) => `\`${team}\``).join(' or ')}` : '';
  return `someone with write, maintain or admin access${teams}${rules.excludeAuthor ? ' who did not open this pull request' : ''}`;
}

/**
 * May this person approve? Not the pull request's author (when excluded); write,
 * maintain or admin on the repository, read again through GitHub's API
 * (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`); and, when teams
 * are named, an active member of one of them
 * (`GET /orgs/{org}/teams/{team_slug}/memberships/{username}`). Anything that cannot
 * be read is a no, with the reason.
 */
export async function mayApprove(octokit: Octokit, run: RunContext, login: string | null, rules: ApproverRules): Promise<Eligibility> {
  if (login === null) return { ok: false, reason: 'GitHub no longer names who added it, so their permission cannot be read' };
  const who = `\`@${login}\``;
  if (rules.author !== undefined && rules.author.toLowerCase() === login.toLowerCase()) {
    return { ok: false, reason: `${who} opened this pull request, and an author does not approve their own release (approvers-exclude-author)` };
  }
  let permission: string | undefined;
  let role: string | undefined;
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner: run.owner, repo: run.repo, username: login });
    const data: unknown = response.data;
    if (isObject(data)) {
      permission = isString(data['permission']) ? data['permission'] : undefined;
      role = isString(data['role_name']) ? data['role_name'] : undefined;
    }
  } catch (error) {
    return { ok: false, reason: `the permission of ${who} on ${run.owner}/${run.repo} could not be read (${failure(error)})` };
  }
  if (permission === undefined) return { ok: false, reason: `the permission of ${who} on ${run.owner}/${run.repo} could not be read (the answer names none)` };
  if (!MAY_APPROVE.has(permission)) {
    return { ok: false, reason: `${who} has ${role ?? permission} access to ${run.owner}/${run.repo}, and approving needs write, maintain or admin` };
  }
  if (rules.teams.length === 0) return { ok: true };
  for (const team of rules.teams) {
    const [org, slug] = team.includes('/') ? (team.split('/', 2) as [string, string]) : [run.owner, team];
    try {
      const response = await octokit.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org, team_slug: slug, username: login });
      const data: unknown = response.data;
      if (isObject(data) && data['state'] === 'active') return { ok: true };
    } catch (error) {
      if (statusOf(error) === 404) continue;
      return { ok: false, reason: `the membership of ${who} in \`${org}/${slug}\` could not be read (${failure(error)}; reading teams needs a github-token that may read the organization's members)` };
    }
  }
  return { ok: false, reason: `${who} is not an active member of ${rules.teams.map((team) => `\`${team.includes('/') ? team : `${run.owner}/${team}`}\``).join(' or ')} (approvers)` };
}

function failure(error: unknown): string {
  const status = statusOf(error);
  return status !== undefined ? `HTTP ${status}` : error instanceof Error ? error.message : String(error);
}
