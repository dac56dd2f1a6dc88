import { trimChars } from '../../util/trim.js';
import { isObject, isString } from '../../util/shape.js';
import { osvRecordOf, type OsvRecord } from '../osv.js';
import { AdvisorySourceError, type AdvisoryQuery, type AdvisorySource, type SourceStats } from './source.js';

export const OSV_API = 'https://api.osv.dev';

/** The service answers 400 above this many queries in one batch. */
const BATCH = 1000;
const PAGES = 100;
const HYDRATE_AT_ONCE = 8;
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface OsvApiOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Attempts per request, the first included. */
  attempts?: number;
  /** First back-off delay; it doubles each retry (with jitter). */
  backoffMs?: number;
  /** Longest wait a Retry-After may impose before giving up. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  /** Records already fetched (by id), e.g. restored from an earlier run's cache. */
  cache?: Map<string, OsvRecord>;
  sleep?: (ms: number) => Promise<void>;
}

interface Hit {
  id: string;
  modified: string;
}

/**
 * The OSV API: `POST /v1/querybatch` (at most 1,000 queries a request, each query's
 * `next_page_token` followed), then `GET /v1/vulns/{id}` once per id, a few at a time,
 * cached by id and `modified`. Network errors, 429 (Retry-After honoured) and 5xx are
 * retried with back-off; every request has a timeout. When the service cannot answer,
 * the lookup fails with one AdvisorySourceError that says so.
 */
export class OsvApiSource implements AdvisorySource {
  readonly description: string;
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly timeoutMs: number;
  private readonly cache: Map<string, OsvRecord>;
  private readonly sleep: (ms: number) => Promise<void>;
  private calls = 0;
  private readonly skipped: SourceStats['skipped'] = [];

  constructor(options: OsvApiOptions = {}) {
    this.base = trimChars(options.baseUrl ?? OSV_API, '/', 'end');
    this.description = `the OSV API at ${this.base}`;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.cache = options.cache ?? new Map<string, OsvRecord>();
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async lookup(queries: readonly AdvisoryQuery[]): Promise<OsvRecord[][]> {
    const hits = await this.queryAll(queries);
    const wanted = new Map<string, string>();
    for (const list of hits) for (const hit of list) wanted.set(hit.id, hit.modified);
    await this.hydrate(wanted);
    return hits.map((list) => list.flatMap((hit) => this.cache.get(hit.id) ?? []));
  }

  stats(): SourceStats {
    return { source: this.description, records: this.cache.size, httpCalls: this.calls, skipped: this.skipped };
  }

  /** The ids each query hits, following every result's pages. */
  private async queryAll(queries: readonly AdvisoryQuery[]): Promise<Hit[][]> {
    const hits: Hit[][] = queries.map(() => []);
    let pending = queries.map((query, index) => ({ index, query, token: undefined as string | undefined }));
    for (let page = 0; pending.length > 0; page++) {
      if (page >= PAGES) throw new AdvisorySourceError(`${this.description} kept paging past ${PAGES} pages; it may be misbehaving`);
      const next: typeof pending = [];
      for (let start = 0; start < pending.length; start += BATCH) {
        const batch = pending.slice(start, start + BATCH);
        const body = {
          queries: batch.map(({ query, token }) => ({
            package: { name: query.name, ecosystem: query.ecosystem },
            version: query.version,
            ...(token ? { page_token: token } : {}),
          })),
        };
        const response = await this.request('POST', '/v1/querybatch', body);
        const results = isObject(response) ? response['results'] : undefined;
        if (!Array.isArray(results) || results.length !== batch.length) {
          throw new AdvisorySourceError(`${this.description} answered querybatch with ${Array.isArray(results) ? results.length : 'no'} results for ${batch.length} queries`);
        }
        results.forEach((result: unknown, i) => {
          const item = batch[i];
          if (!item || !isObject(result)) return;
          const vulns = result['vulns'];
          if (Array.isArray(vulns)) {
            for (const vuln of vulns) {
              if (isObject(vuln) && isString(vuln['id'])) {
                (hits[item.index] as Hit[]).push({ id: vuln['id'], modified: isString(vuln['modified']) ? vuln['modified'] : '' });
              }
            }
          }
          const token = result['next_page_token'];
          if (isString(token) && token.length > 0) next.push({ ...item, token });
        });
      }
      pending = next;
    }
    return hits;
  }

  /** Fetch each wanted record once; one already cached with the same `modified` is not fetched again. */
  private async hydrate(wanted: Map<string, string>): Promise<void> {
    const missing = [...wanted].filter(([id, modified]) => {
      const cached = this.cache.get(id);
      return !cached || (modified !== '' && cached.modified !== modified);
    });
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let item = missing[next++]; item !== undefined; item = missing[next++]) {
        const [id] = item;
        const body = await this.request('GET', `/v1/vulns/${encodeURIComponent(id)}`);
        try {
          this.cache.set(id, osvRecordOf(body));
        } catch (error) {
          this.skipped.push({ where: `${this.base}/v1/vulns/${id}`, reason: error instanceof Error ? error.message : String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(HYDRATE_AT_ONCE, missing.length) }, worker));
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const url = `${this.base}${path}`;
    let problem = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      this.calls++;
      let wait = this.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      try {
        const response = await this.fetch(url, {
          method,
          headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (response.ok) return await readJson(response, url);
        problem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        await response.body?.cancel().catch(() => undefined);
        if (response.status !== 429 && response.status < 500) break; // a request it will never accept
        const retryAfter = retryAfterMs(response.headers.get('retry-after'));
        if (retryAfter !== undefined) {
          if (retryAfter > this.maxRetryAfterMs) {
            problem += ` (asked to retry after ${Math.ceil(retryAfter / 1000)} s)`;
            break;
          }
          wait = retryAfter;
        }
      } catch (error) {
        problem = describeNetworkError(error, this.timeoutMs);
        if (error instanceof AdvisorySourceError) break;
      }
      if (attempt < this.attempts) await this.sleep(wait);
    }
    throw new AdvisorySourceError(`${this.description} did not answer ${method} ${path.split('?')[0] ?? path}: ${problem}`);
  }
}

async function readJson(response: Response, url: string): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RESPONSE_BYTES) throw new AdvisorySourceError(`${url} answered with ${declared} bytes, over the ${MAX_RESPONSE_BYTES}-byte bound`);
  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) throw new AdvisorySourceError(`${url} answered with more than ${MAX_RESPONSE_BYTES} bytes`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AdvisorySourceError(`${url} answered with something that is not JSON`);
  }
}

/** Retry-After as seconds or as an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof AdvisorySourceError) return error.message;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
