import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer } from './local-server.js';

export interface Comment {
  id: number;
  body: string;
  user: { login: string };
  created_at: string;
  updated_at: string;
  /** Who edited it last (REST login), and when: what GraphQL's `editor` and `lastEditedAt` answer. */
  editor: string | null;
  lastEditedAt: string | null;
}

/** An issue event as `GET /repos/{owner}/{repo}/issues/{number}/events` lists it. */
export interface IssueEvent {
  id: number;
  event: string;
  actor: { login: string } | null;
  created_at: string;
  label?: { name: string; color: string };
}

/** Repository roles, and the `permission` GitHub's permission API answers for each. */
const PERMISSION_OF: Record<string, string> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read', none: 'none' };
/** The account the workflow's token acts as, in REST's spelling. */
export const TOKEN_LOGIN = 'github-actions[bot]';

/** An artifact uploaded through the results service, as @actions/artifact uploads it (a zip in blocks). */
export interface Artifact {
  id: number;
  /** The workflow run it belongs to (each runnerEnv() is a run of its own). */
  run: string;
  name: string;
  blocks: Map<string, Buffer>;
  committed: Buffer | undefined;
  finalized: boolean;
}

export interface Release {
  id: number;
  tag_name: string;
  assets: { id: number; name: string; data: Buffer }[];
}

/**
 * The parts of GitHub's API the action uses, on 127.0.0.1: issue comments (paged with
 * Link headers, 30 a page unless per_page says otherwise, as GitHub does), releases and
 * their assets, and uploads; for approvals, issue events (paged the same way), labels
 * and their removal, collaborator permissions, team memberships, and GraphQL's view of
 * the comments (author, last editor, last edit); for baselines, a pull request's files
 * and the repository's contents at a commit. Time is a clock that moves a minute with
 * every write, so the order of events is certain. Writes can be refused with 403, as
 * GitHub refuses a fork's read-only token. Every request is recorded. Also the Actions
 * results service that @actions/artifact talks to (Twirp CreateArtifact and
 * FinalizeArtifact, and the blob store's block upload): `runnerEnv()` gives the
 * variables a runner sets.
 */
export class GitHubServer extends LocalServer {
  readonly calls: { method: string; path: string }[] = [];
  readonly comments = new Map<number, Comment[]>();
  readonly releases: Release[] = [];
  readonly events = new Map<number, IssueEvent[]>();
  readonly labels = new Map<number, string[]>();
  /** Repository role per login (`admin`, `maintain`, `write`, `triage`, `read`); others have none. */
  readonly roles = new Map<string, string>();
  /** Members per team, `org/slug`. */
  readonly teams = new Map<string, string[]>();
  readonly artifacts: Artifact[] = [];
  forbidWrites = false;
  /** Answer the permission API with this status instead (403: the token may not read it). */
  permissionStatus: number | undefined;
  /** Answer the issue events with a body that is not JSON. */
  eventsNotJson = false;
  /** The files each pull request changes, as `GET /repos/{o}/{r}/pulls/{n}/files` lists them. */
  readonly pullFiles = new Map<number, { filename: string; status: string; previous_filename?: string }[]>();
  /** Repository contents per commit: `ref` → path → bytes, for `GET /repos/{o}/{r}/contents/{path}?ref=`. */
  readonly contents = new Map<string, Map<string, Buffer>>();
  /** Comments per GraphQL page (GitHub allows up to 100). */
  graphqlPageSize = 100;
  private nextId = 1000;
  private clock = Date.parse('2026-05-04T10:00:00Z');

  /** The next moment: a minute after the last. */
  tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  /** What a runner gives a job to reach the results service: its address and a runtime token naming the run and job (a new run each call). */
  runnerEnv(): Record<string, string> {
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.ExampleScope Actions.Results:run-${this.nextId++}:job-backend-id` })}.sig`;
    return { ACTIONS_RESULTS_URL: `${this.url}/`, ACTIONS_RUNTIME_TOKEN: token };
  }

  addComments(issue: number, count: number, login = 'someone-else'): void {
    const list = this.comments.get(issue) ?? [];
    for (let i = 0; i < count; i++) list.push(this.comment(`a comment by ${login} (${i})`, login));
    this.comments.set(issue, list);
  }

  /** A comment as someone posts it. */
  postComment(issue: number, body: string, login: string): Comment {
    const comment = this.comment(body, login);
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), comment]);
    return comment;
  }

  /** Someone edits a comment in GitHub's interface: they become its last editor. */
  editComment(id: number, edit: (body: string) => string, login: string): void {
    const comment = [...this.comments.values()].flat().find((candidate) => candidate.id === id);
    if (!comment) throw new Error(`no comment ${id}`);
    comment.body = edit(comment.body);
    comment.editor = login;
    comment.lastEditedAt = comment.updated_at = this.tick();
  }

  /** Someone with write access deletes a comment. */
  deleteComment(id: number): void {
    for (const [issue, list] of this.comments) this.comments.set(issue, list.filter((comment) => comment.id !== id));
  }

  /** Someone adds a label to an issue or pull request (an event per label, as GitHub records). */
  addLabel(issue: number, name: string, login: string): void {
    this.labels.set(issue, [...(this.labels.get(issue) ?? []).filter((label) => label !== name), name]);
    this.event(issue, 'labeled', login, name);
  }

  removeLabel(issue: number, name: string, login: string): void {
    this.labels.set(issue, (this.labels.get(issue) ?? []).filter((label) => label !== name));
    this.event(issue, 'unlabeled', login, name);
  }

  /** Other events of an issue (reviews requested, references…), to fill pages. */
  addOtherEvents(issue: number, count: number): void {
    for (let i = 0; i < count; i++) this.event(issue, i % 2 === 0 ? 'referenced' : 'subscribed', 'someone-else');
  }

  private event(issue: number, kind: string, login: string, label?: string): void {
    const event: IssueEvent = { id: this.nextId++, event: kind, actor: { login }, created_at: this.tick(), ...(label ? { label: { name: label, color: 'ededed' } } : {}) };
    this.events.set(issue, [...(this.events.get(issue) ?? []), event]);
  }

  private comment(body: string, login: string): Comment {
    const at = this.tick();
    return { id: this.nextId++, body, user: { login }, created_at: at, updated_at: at, editor: null, lastEditedAt: null };
  }

  addRelease(tag: string, assets: Record<string, Buffer> = {}): Release {
    const release: Release = { id: this.nextId++, tag_name: tag, assets: Object.entries(assets).map(([name, data]) => ({ id: this.nextId++, name, data })) };
    this.releases.push(release);
    return release;
  }

  ours(issue: number): Comment[] {
    return (this.comments.get(issue) ?? []).filter((comment) => comment.body.includes('<!-- release-gate:'));
  }

  /** Answers one request; true once it has (each branch returns what it sent). */
  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    const body = raw.toString();
    this.calls.push({ method, path: `${url.pathname}${url.search}` });
    const write = method !== 'GET';
    if (write && this.forbidWrites) return json(response, 403, { message: 'Resource not accessible by integration' });

    const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(url.pathname);
    if (twirp && method === 'POST') return this.artifactService(twirp[1] ?? '', body, response);
    const blob = /^\/blob\/devstoreaccount1\/artifacts\/(\d+)$/.exec(url.pathname);
    if (blob && method === 'PUT') return this.blobUpload(Number(blob[1]), url, raw, response);

    let match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (match && method === 'GET') return paged(response, url, this.comments.get(Number(match[1])) ?? []);
    if (match && method === 'POST') {
      const comment = this.postComment(Number(match[1]), (JSON.parse(body) as { body: string }).body, TOKEN_LOGIN);
      return json(response, 201, comment);
    }
    match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (match && method === 'PATCH') {
      const id = Number(match[1]);
      if (![...this.comments.values()].flat().some((candidate) => candidate.id === id)) return json(response, 404, { message: 'Not Found' });
      this.editComment(id, () => (JSON.parse(body) as { body: string }).body, TOKEN_LOGIN);
      return json(response, 200, [...this.comments.values()].flat().find((candidate) => candidate.id === id));
    }
    // GitHub's Link headers for issue events name the repository by id (/repositories/{id}/…)
    match = /^\/(?:repos\/[^/]+\/[^/]+|repositories\/\d+)\/issues\/(\d+)\/events$/.exec(url.pathname);
    if (match && method === 'GET') {
      if (this.eventsNotJson) {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('[{"id": 1, "event": "labeled", "label": {"na');
        return true;
      }
      const byId = new URL(url);
      byId.pathname = `/repositories/4242/issues/${match[1] ?? ''}/events`;
      return paged(response, byId, this.events.get(Number(match[1])) ?? []);
    }
    match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels\/([^/]+)$/.exec(url.pathname);
    if (match && method === 'DELETE') {
      const issue = Number(match[1]);
      const name = decodeURIComponent(match[2] ?? '');
      if (!(this.labels.get(issue) ?? []).includes(name)) return json(response, 404, { message: 'Label does not exist' });
      this.removeLabel(issue, name, TOKEN_LOGIN);
      return json(response, 200, (this.labels.get(issue) ?? []).map((label) => ({ name: label, color: 'ededed' })));
    }
    match = /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/.exec(url.pathname);
    if (match && method === 'GET') {
      if (this.permissionStatus !== undefined) return json(response, this.permissionStatus, { message: 'Resource not accessible by integration' });
      const login = decodeURIComponent(match[1] ?? '');
      const role = this.roles.get(login) ?? 'none';
      return json(response, 200, { permission: PERMISSION_OF[role] ?? 'none', role_name: role, user: { login } });
    }
    match = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(url.pathname);
    if (match && method === 'GET') {
      const members = this.teams.get(`${match[1] ?? ''}/${match[2] ?? ''}`) ?? [];
      const login = decodeURIComponent(match[3] ?? '');
      return members.includes(login) ? json(response, 200, { state: 'active', role: 'member' }) : json(response, 404, { message: 'Not Found' });
    }
    if (url.pathname === '/graphql' && method === 'POST') return this.graphql(response, body);
    match = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(url.pathname);
    if (match && method === 'GET') return paged(response, url, this.pullFiles.get(Number(match[1])) ?? []);
    match = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(url.pathname);
    if (match && method === 'GET') {
      const data = this.contents.get(url.searchParams.get('ref') ?? '')?.get(decodeURIComponent(match[1] ?? ''));
      if (!data) return json(response, 404, { message: 'Not Found' });
      // the raw media type answers the bytes themselves, as GitHub does
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data);
      return true;
    }
    match = /^\/repos\/[^/]+\/[^/]+\/releases\/(latest|tags\/(.+))$/.exec(url.pathname);
    if (match && method === 'GET') {
      const release = match[1] === 'latest' ? this.releases.at(-1) : this.releases.find((candidate) => candidate.tag_name === decodeURIComponent(match?.[2] ?? ''));
      return release ? json(response, 200, this.describe(release)) : json(response, 404, { message: 'Not Found' });
    }
    match = /^\/repos\/[^/]+\/[^/]+\/releases\/assets\/(\d+)$/.exec(url.pathname);
    if (match) {
      const id = Number(match[1]);
      const release = this.releases.find((candidate) => candidate.assets.some((asset) => asset.id === id));
      const asset = release?.assets.find((candidate) => candidate.id === id);
      if (!release || !asset) return json(response, 404, { message: 'Not Found' });
      if (method === 'DELETE') {
        release.assets = release.assets.filter((candidate) => candidate.id !== id);
        response.writeHead(204).end();
        return true;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(asset.data);
      return true;
    }
    match = /^\/repos\/[^/]+\/[^/]+\/releases\/(\d+)\/assets$/.exec(url.pathname);
    if (match && method === 'GET') {
      const release = this.releases.find((candidate) => candidate.id === Number(match?.[1]));
      return json(response, 200, release ? this.describe(release).assets : []);
    }
    match = /^\/upload\/repos\/[^/]+\/[^/]+\/releases\/(\d+)\/assets$/.exec(url.pathname);
    if (match && method === 'POST') {
      const release = this.releases.find((candidate) => candidate.id === Number(match?.[1]));
      if (!release) return json(response, 404, { message: 'Not Found' });
      const asset = { id: this.nextId++, name: url.searchParams.get('name') ?? 'unnamed', data: raw };
      release.assets.push(asset);
      return json(response, 201, { id: asset.id, name: asset.name });
    }
    return json(response, 404, { message: 'Not Found', path: url.pathname });
  }

  /**
   * The one GraphQL query the action sends: the token's login and a pull request's
   * comments with author, last editor and last edit, a page at a time by cursor.
   * GraphQL spells an app's login without `[bot]`; `viewer` keeps it.
   */
  private graphql(response: ServerResponse, body: string): true {
    const request = JSON.parse(body) as { query: string; variables: { number: number; after: string | null } };
    if (!/viewer\s*\{\s*login\s*\}/.test(request.query) || !/pullRequest\(number: \$number\)/.test(request.query) || !/lastEditedAt/.test(request.query) || !/editor \{ login \}/.test(request.query)) {
      return json(response, 200, { errors: [{ message: 'this test server answers only the comments query' }] });
    }
    const list = this.comments.get(request.variables.number) ?? [];
    const start = request.variables.after ? Number(Buffer.from(request.variables.after, 'base64').toString()) : 0;
    const size = Math.min(100, this.graphqlPageSize);
    const slice = list.slice(start, start + size);
    const graphqlLogin = (login: string): string => login.replace(/\[bot\]$/, '');
    return json(response, 200, {
      data: {
        viewer: { login: TOKEN_LOGIN },
        repository: {
          pullRequest: {
            comments: {
              nodes: slice.map((comment) => ({
                databaseId: comment.id,
                body: comment.body,
                createdAt: comment.created_at,
                lastEditedAt: comment.lastEditedAt,
                author: { login: graphqlLogin(comment.user.login) },
                editor: comment.editor === null ? null : { login: graphqlLogin(comment.editor) },
              })),
              pageInfo: { hasNextPage: start + size < list.length, endCursor: Buffer.from(String(start + size)).toString('base64') },
            },
          },
        },
      },
    });
  }

  private artifactService(method: string, body: string, response: ServerResponse): true {
    const request = JSON.parse(body) as { name?: string; workflow_run_backend_id?: string; workflowRunBackendId?: string };
    const run = request.workflow_run_backend_id ?? request.workflowRunBackendId ?? '';
    const mine = (artifact: Artifact): boolean => artifact.name === request.name && artifact.run === run;
    if (method === 'CreateArtifact') {
      if (this.artifacts.some(mine)) return json(response, 409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
      const artifact: Artifact = { id: this.nextId++, run, name: request.name ?? '', blocks: new Map(), committed: undefined, finalized: false };
      this.artifacts.push(artifact);
      return json(response, 200, { ok: true, signed_upload_url: `${this.url}/blob/devstoreaccount1/artifacts/${artifact.id}?sig=test` });
    }
    if (method === 'FinalizeArtifact') {
      const artifact = this.artifacts.find(mine);
      if (!artifact?.committed) return json(response, 404, { code: 'not_found', msg: 'no such artifact' });
      artifact.finalized = true;
      return json(response, 200, { ok: true, artifact_id: String(artifact.id) });
    }
    return json(response, 404, { code: 'bad_route', msg: method });
  }

  /** Azure's Put Block and Put Block List, as the storage SDK sends them. */
  private blobUpload(id: number, url: URL, body: Buffer, response: ServerResponse): true {
    const artifact = this.artifacts.find((candidate) => candidate.id === id);
    if (!artifact) return json(response, 404, { message: 'no such blob' });
    const headers = { 'x-ms-request-id': String(this.nextId++), 'x-ms-version': '2025-01-05', etag: '"0x1"', 'last-modified': new Date(0).toUTCString() };
    const comp = url.searchParams.get('comp');
    if (comp === 'block') {
      artifact.blocks.set(url.searchParams.get('blockid') ?? '', body);
    } else if (comp === 'blocklist') {
      const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1] ?? '');
      artifact.committed = Buffer.concat(ids.map((blockId) => artifact.blocks.get(blockId) ?? Buffer.alloc(0)));
    } else {
      artifact.committed = body;
    }
    response.writeHead(201, headers).end();
    return true;
  }

  private describe(release: Release): { id: number; tag_name: string; upload_url: string; assets: { id: number; name: string; url: string }[] } {
    return {
      id: release.id,
      tag_name: release.tag_name,
      upload_url: `${this.url}/upload/repos/shop/storefront/releases/${release.id}/assets{?name,label}`,
      assets: release.assets.map((asset) => ({ id: asset.id, name: asset.name, url: `${this.url}/repos/shop/storefront/releases/assets/${asset.id}` })),
    };
  }
}

/** A list a page at a time, as GitHub pages REST lists: `per_page` (30 unless given, at most 100), `page`, and a `Link` header with next, last, first and prev. */
function paged(response: ServerResponse, url: URL, list: readonly unknown[]): true {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
  const page = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(list.length / perPage));
  const at = (n: number): string => {
    const link = new URL(url);
    link.searchParams.set('page', String(n));
    return link.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`);
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`);
  return json(response, 200, list.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    request.on('data', (chunk: Buffer) => pieces.push(chunk));
    request.on('end', () => resolve(Buffer.concat(pieces)));
  });
}

function json(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): true {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
  return true;
}
