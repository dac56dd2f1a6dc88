import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer } from './local-server.js';

export interface Comment {
  id: number;
  body: string;
  user: { login: string };
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
 * refuses a fork's read-only token. Every request is recorded.
 */
export class GitHubServer extends LocalServer {
  readonly calls: { method: string; path: string }[] = [];
  readonly comments = new Map<number, Comment[]>();
  readonly releases: Release[] = [];
  forbidWrites = false;
  private nextId = 1000;

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
    const body = await readBody(request);
    this.calls.push({ method, path: `${url.pathname}${url.search}` });
    const write = method !== 'GET';
    if (write && this.forbidWrites) return json(response, 403, { message: 'Resource not accessible by integration' });

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
      const asset = { id: this.nextId++, name: url.searchParams.get('name') ?? 'unnamed', data: Buffer.from(body) };
      release.assets.push(asset);
      return json(response, 201, { id: asset.id, name: asset.name });
    }
    return json(response, 404, { message: 'Not Found', path: url.pathname });
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

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    request.on('data', (chunk: Buffer) => pieces.push(chunk));
    request.on('end', () => resolve(Buffer.concat(pieces).toString()));
  });
}

function json(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): true {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
  return true;
}
