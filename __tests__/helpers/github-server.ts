import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer } from './local-server.js';

export interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

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
 * The parts of GitHub's REST API the action uses, on 127.0.0.1: issue comments (paged
 * with Link headers, 30 a page unless per_page says otherwise, as GitHub does),
 * releases and their assets, and uploads. Writes can be refused with 403, as GitHub
 * refuses a fork's read-only token. Every request is recorded. Also the Actions results
 * service that @actions/artifact talks to (Twirp CreateArtifact and FinalizeArtifact,
 * and the blob store's block upload): `runnerEnv()` gives the variables a runner sets.
 */
export class GitHubServer extends LocalServer {
  readonly calls: { method: string; path: string }[] = [];
  readonly comments = new Map<number, Comment[]>();
  readonly releases: Release[] = [];
  readonly artifacts: Artifact[] = [];
  forbidWrites = false;
  private nextId = 1000;

  /** What a runner gives a job to reach the results service: its address and a runtime token naming the run and job (a new run each call). */
  runnerEnv(): Record<string, string> {
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.ExampleScope Actions.Results:run-${this.nextId++}:job-backend-id` })}.sig`;
    return { ACTIONS_RESULTS_URL: `${this.url}/`, ACTIONS_RUNTIME_TOKEN: token };
  }

  addComments(issue: number, count: number, login = 'someone-else'): void {
    const list = this.comments.get(issue) ?? [];
    for (let i = 0; i < count; i++) list.push({ id: this.nextId++, body: `a comment by ${login} (${i})`, user: { login } });
    this.comments.set(issue, list);
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
    if (match && method === 'GET') {
      const list = this.comments.get(Number(match[1])) ?? [];
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = list.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < list.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers['link'] = `<${next.toString()}>; rel="next"`;
      }
      return json(response, 200, slice, headers);
    }
    if (match && method === 'POST') {
      const issue = Number(match[1]);
      const comment: Comment = { id: this.nextId++, body: (JSON.parse(body) as { body: string }).body, user: { login: 'github-actions[bot]' } };
      this.comments.set(issue, [...(this.comments.get(issue) ?? []), comment]);
      return json(response, 201, comment);
    }
    match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (match && method === 'PATCH') {
      const comment = [...this.comments.values()].flat().find((candidate) => candidate.id === Number(match?.[1]));
      if (!comment) return json(response, 404, { message: 'Not Found' });
      comment.body = (JSON.parse(body) as { body: string }).body;
      return json(response, 200, comment);
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
