import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer } from './local-server.js';
import { packageKey } from '../../src/advisories/names.js';

interface RecordLike {
  id: string;
  modified: string;
  affected?: { package?: { ecosystem: string; name: string } }[];
}

export interface OsvServerOptions {
  /** Ids per page of one query's results: smaller than a result forces next_page_token. */
  pageSize?: number;
  /** Answer the first requests this way before behaving (503, 429 with Retry-After, …). */
  failures?: { status: number; retryAfter?: string }[];
  /** What GET /v1/vulns/{id} answers for these ids instead of the record (a broken record). */
  bodies?: Record<string, unknown>;
}

/**
 * An OSV-compatible API on 127.0.0.1, as the real service behaves where the gate relies
 * on it: querybatch answers ids and `modified` only, refuses more than 1,000 queries
 * with 400, pages each query's results with next_page_token; /v1/vulns/{id} answers the
 * whole record. It returns every record of the package (a superset), as the gate
 * evaluates versions itself. Every request is recorded.
 */
export class OsvServer extends LocalServer {
  readonly calls: { method: string; path: string; queries?: number }[] = [];
  private readonly records: Map<string, RecordLike>;
  private readonly failures: { status: number; retryAfter?: string }[];

  constructor(
    records: RecordLike[],
    private readonly options: OsvServerOptions = {},
  ) {
    super();
    this.records = new Map(records.map((record) => [record.id, record]));
    this.failures = [...(options.failures ?? [])];
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = request.url ?? '';
    const failure = this.failures.shift();
    if (failure) {
      this.calls.push({ method: request.method ?? '', path });
      response.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
      response.end('{"code":14,"message":"unavailable"}');
      return;
    }
    if (request.method === 'POST' && path === '/v1/querybatch') {
      const queries = (JSON.parse(body) as { queries: { package: { name: string; ecosystem: string }; page_token?: string }[] }).queries;
      this.calls.push({ method: 'POST', path, queries: queries.length });
      if (queries.length > 1000) {
        json(response, 400, { code: 3, message: 'Too many queries.' });
        return;
      }
      const results = queries.map((query) => this.page(query.package.ecosystem, query.package.name, query.page_token));
      json(response, 200, { results }); return;
    }
    const vuln = /^\/v1\/vulns\/(.+)$/.exec(path);
    if (request.method === 'GET' && vuln) {
      this.calls.push({ method: 'GET', path });
      const id = decodeURIComponent(vuln[1] ?? '');
      const override = this.options.bodies?.[id];
      const record = override ?? this.records.get(id);
      if (record) json(response, 200, record);
      else json(response, 404, { code: 5, message: 'Bug not found.' });
      return;
    }
    this.calls.push({ method: request.method ?? '', path });
    json(response, 404, { code: 5, message: 'not found' });
  }

  private page(ecosystem: string, name: string, token: string | undefined): object {
    const key = packageKey(ecosystem, name);
    const base = ecosystem.split(':')[0];
    const hits = [...this.records.values()].filter((record) =>
      (record.affected ?? []).some((affected) => affected.package && affected.package.ecosystem.split(':')[0] === base && packageKey(affected.package.ecosystem, affected.package.name) === key),
    );
    const size = this.options.pageSize ?? 1000;
    const start = token ? Number(token) : 0;
    const slice = hits.slice(start, start + size).map((record) => ({ id: record.id, modified: record.modified }));
    const result: { vulns?: object[]; next_page_token?: string } = {};
    if (slice.length > 0) result.vulns = slice;
    if (start + size < hits.length) result.next_page_token = String(start + size);
    return result;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
  });
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}
