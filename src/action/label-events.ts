import { isObject, isString } from '../util/shape.js';
import { statusOf, type Octokit, type RunContext } from './github.js';

/** Who put the label on the pull request, and when (GitHub's time). */
export interface LabelState {
  /** Null when GitHub no longer names the person (a deleted account). */
  actor: string | null;
  at: string;
}

/** Pages of events read at most (10,000 events): a pull request with more is refused, never half read. */
const MAX_PAGES = 100;

export class ApprovalEvidenceError extends Error {
  override readonly name = 'ApprovalEvidenceError';
}

/**
 * Whether the label is on the pull request, and who added it: the latest `labeled`
 * event for it that no `unlabeled` event follows, through every page of the issue's
 * events (`GET /repos/{owner}/{repo}/issues/{number}/events`, followed by its `Link`
 * headers). A page that is not a JSON list of events is an error, never an empty list.
 */
export async function currentLabel(octokit: Octokit, run: RunContext, number: number, label: string): Promise<LabelState | undefined> {
  const path = `GET /repos/${run.owner}/${run.repo}/issues/${number}/events`;
  const wanted = label.toLowerCase(); // GitHub's label names are unique without regard to case
  let state: LabelState | undefined;
  let next: string | undefined;
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new ApprovalEvidenceError(`${path} has more than ${MAX_PAGES} pages of events; the gate does not approve on part of them`);
    let response: { data: unknown; headers: Record<string, unknown> };
    try {
      response = next
        ? await octokit.request(`GET ${next}`)
        : await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/events', { owner: run.owner, repo: run.repo, issue_number: number, per_page: 100 });
    } catch (error) {
      const status = statusOf(error);
      throw new ApprovalEvidenceError(`${path} failed (${status !== undefined ? `HTTP ${status}` : error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    if (!Array.isArray(response.data)) throw new ApprovalEvidenceError(`${path} did not answer with a JSON list of events (page ${page})`);
    for (const [i, event] of response.data.entries()) {
      if (!isObject(event) || !isString(event['event'])) throw new ApprovalEvidenceError(`${path} answered an event that is not an event object (page ${page}, item ${i})`);
      const kind = event['event'];
      if (kind !== 'labeled' && kind !== 'unlabeled') continue;
      const named = event['label'];
      if (!isObject(named) || !isString(named['name'])) throw new ApprovalEvidenceError(`${path} answered a ${kind} event without a label name (page ${page}, item ${i})`);
      if (named['name'].toLowerCase() !== wanted) continue;
      const at = event['created_at'];
      if (!isString(at) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(at)) throw new ApprovalEvidenceError(`${path} answered a ${kind} event without a time (page ${page}, item ${i})`);
      const actor = event['actor'];
      if (kind === 'unlabeled') state = undefined;
      else state = { actor: isObject(actor) && isString(actor['login']) ? actor['login'] : null, at };
    }
    next = nextLink(response.headers['link']);
    if (next === undefined) return state;
    // the token goes with the request: only to the API it came from
    if (new URL(next).origin !== new URL(octokit.request.endpoint.DEFAULTS.baseUrl).origin) throw new ApprovalEvidenceError(`${path} sent a next page on another host`);
  }
}

/** The `rel="next"` address of a `Link` header, as GitHub sends it (`<url>; rel="next", <url>; rel="last"`). */
export function nextLink(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  // split, not one expression: `<([^>]+)>\s*;\s*rel` retried every start on a hostile header
  for (const part of header.split(',')) {
    const [target = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (!target.startsWith('<') || !target.endsWith('>')) continue;
    if (params.some((param) => param.replace(/"/g, '') === 'rel=next')) return target.slice(1, -1);
  }
  return undefined;
}
