// The OSV API source against an OSV-compatible server on 127.0.0.1: batching, paging,
// retries with back-off, Retry-After, dead and silent servers.
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OsvApiSource } from '../../src/advisories/sources/osv-api.js';
import { AdvisorySourceError } from '../../src/advisories/sources/source.js';
import { OsvServer } from '../helpers/osv-server.js';

function record(id: string, name: string, fixed = '2.0.0', ecosystem = 'npm') {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    summary: `problem ${id}`,
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }],
  };
}

const servers: OsvServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(records: ReturnType<typeof record>[], options: ConstructorParameters<typeof OsvServer>[1] = {}): Promise<OsvServer> {
  const server = await new OsvServer(records, options).start();
  servers.push(server);
  return server;
}

const sleeps: number[] = [];
const fast = { backoffMs: 1, sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };

describe('OSV API source', () => {
  it('sends at most 1,000 queries a request', async () => {
    const server = await serve([record('GHSA-aaaa', 'pkg-7')]);
    const queries = Array.from({ length: 2500 }, (_, i) => ({ ecosystem: 'npm', name: `pkg-${i}`, version: '1.0.0' }));
    const source = new OsvApiSource({ baseUrl: server.url, ...fast });
    const answers = await source.lookup(queries);
    expect(server.calls.filter((call) => call.path === '/v1/querybatch').map((call) => call.queries)).toEqual([1000, 1000, 500]);
    expect(answers[7]?.map((found) => found.id)).toEqual(['GHSA-aaaa']);
    expect(answers.filter((list) => list.length > 0)).toHaveLength(1);
  });

  it("follows each query's next_page_token and fetches every id once", async () => {
    const records = ['A', 'B', 'C', 'D', 'E'].map((letter) => record(`GHSA-${letter}`, 'lodash'));
    const server = await serve([...records, record('GHSA-X', 'ws')], { pageSize: 2 });
    const source = new OsvApiSource({ baseUrl: server.url, ...fast });
    const answers = await source.lookup([
      { ecosystem: 'npm', name: 'lodash', version: '1.0.0' },
      { ecosystem: 'npm', name: 'ws', version: '1.0.0' },
      { ecosystem: 'npm', name: 'lodash', version: '1.5.0' },
    ]);
    expect(answers[0]?.map((found) => found.id).sort()).toEqual(['GHSA-A', 'GHSA-B', 'GHSA-C', 'GHSA-D', 'GHSA-E']);
    expect(answers[2]?.map((found) => found.id).sort()).toEqual(['GHSA-A', 'GHSA-B', 'GHSA-C', 'GHSA-D', 'GHSA-E']);
    const posts = server.calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.queries)).toEqual([3, 2, 2]);
    const gets = server.calls.filter((call) => call.method === 'GET').map((call) => call.path).sort();
    expect(gets).toEqual(['/v1/vulns/GHSA-A', '/v1/vulns/GHSA-B', '/v1/vulns/GHSA-C', '/v1/vulns/GHSA-D', '/v1/vulns/GHSA-E', '/v1/vulns/GHSA-X']);
    expect(source.stats()).toMatchObject({ records: 6, httpCalls: 9 });
  });

  it('retries 503 with back-off, then succeeds', async () => {
    sleeps.length = 0;
    const server = await serve([record('GHSA-1', 'axios')], { failures: [{ status: 503 }, { status: 502 }] });
    const source = new OsvApiSource({ baseUrl: server.url, ...fast });
    const answers = await source.lookup([{ ecosystem: 'npm', name: 'axios', version: '0.21.1' }]);
    expect(answers[0]?.map((found) => found.id)).toEqual(['GHSA-1']);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] ?? 0);
  });

  it('honours Retry-After on 429', async () => {
    sleeps.length = 0;
    const server = await serve([record('GHSA-1', 'axios')], { failures: [{ status: 429, retryAfter: '2' }] });
    const answers = await new OsvApiSource({ baseUrl: server.url, ...fast }).lookup([{ ecosystem: 'npm', name: 'axios', version: '1.0.0' }]);
    expect(answers[0]).toHaveLength(1);
    expect(sleeps).toEqual([2000]);
  });

  it('gives up with one line when Retry-After asks for too long', async () => {
    const server = await serve([], { failures: [{ status: 429, retryAfter: '3600' }] });
    const error = await new OsvApiSource({ baseUrl: server.url, ...fast }).lookup([{ ecosystem: 'npm', name: 'a', version: '1.0.0' }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect((error as Error).message).toMatch(/did not answer POST \/v1\/querybatch: HTTP 429.* \(asked to retry after 3600 s\)/);
  });

  it('does not retry a request the service refuses (4xx)', async () => {
    const server = await serve([], { failures: [{ status: 400 }] });
    const error = await new OsvApiSource({ baseUrl: server.url, ...fast }).lookup([{ ecosystem: 'npm', name: 'a', version: '1.0.0' }]).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/HTTP 400/);
    expect(server.calls).toHaveLength(1);
  });

  it('fails closed, naming the source, when the server is dead', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const error = await new OsvApiSource({ baseUrl: `http://127.0.0.1:${port}`, attempts: 3, ...fast })
      .lookup([{ ecosystem: 'npm', name: 'a', version: '1.0.0' }])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect((error as Error).message).toBe(`the OSV API at http://127.0.0.1:${port} did not answer POST /v1/querybatch: ECONNREFUSED`);
  });

  it('times out a server that never answers', async () => {
    const silent = createHttpServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const error = await new OsvApiSource({ baseUrl: `http://127.0.0.1:${port}`, attempts: 2, timeoutMs: 200, ...fast })
        .lookup([{ ecosystem: 'npm', name: 'a', version: '1.0.0' }])
        .catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/did not answer POST \/v1\/querybatch: no answer within 0\.2 s/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('skips a record it cannot read, and says so', async () => {
    const server = await serve([record('GHSA-ok', 'ws'), record('GHSA-bad', 'ws')], { bodies: { 'GHSA-bad': { id: 'GHSA-bad', affected: 'nonsense' } } });
    const source = new OsvApiSource({ baseUrl: server.url, ...fast });
    const [found] = await source.lookup([{ ecosystem: 'npm', name: 'ws', version: '1.0.0' }]);
    expect(found?.map((item) => item.id)).toEqual(['GHSA-ok']);
    expect(source.stats().skipped).toEqual([{ where: `${server.url}/v1/vulns/GHSA-bad`, reason: 'GHSA-bad: affected is not a list' }]);
  });
});
