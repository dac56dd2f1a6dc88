import { ScanError } from '../../errors.js';
import type { OsvRecord } from '../osv.js';
import { OsvApiSource, OSV_API } from './osv-api.js';
import { OsvOfflineSource } from './osv-offline.js';
import { AdvisorySourceError, type AdvisorySource } from './source.js';

export interface SourceOptions {
  /** As given: `osv`, `osv=<base-url>`, `none`, or a path (directory, all.zip, JSON file). Empty: `osv`. */
  specs: readonly string[];
  offline: boolean;
  fetch?: typeof fetch;
  /** OSV API records kept between runs (by id), to fetch only what changed. */
  apiCache?: Map<string, OsvRecord>;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

/**
 * Turn the `--advisories` values into sources. Mistakes are usage errors (exit 2): a
 * network source with --offline, a URL that is not http(s), a database that is not there.
 */
export async function openSources(options: SourceOptions): Promise<AdvisorySource[]> {
  const specs = options.specs.length > 0 ? options.specs : ['osv'];
  if (specs.includes('none')) {
    if (specs.length > 1) throw new ScanError(`--advisories none cannot be combined with other sources (${specs.filter((spec) => spec !== 'none').join(', ')})`);
    return [];
  }
  const sources: AdvisorySource[] = [];
  for (const spec of specs) {
    if (spec === 'osv' || spec.startsWith('osv=')) {
      const baseUrl = spec === 'osv' ? OSV_API : spec.slice(4);
      if (options.offline) {
        throw new ScanError(`--offline forbids the network, and --advisories ${spec} needs it: pass --advisories <directory|all.zip|file.json> with an OSV database, or --advisories none`);
      }
      if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
        throw new ScanError(`--advisories ${spec}: '${baseUrl}' is not an http(s) URL; write osv=https://host[:port]`);
      }
      sources.push(
        new OsvApiSource({
          baseUrl,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.apiCache ? { cache: options.apiCache } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.attempts ? { attempts: options.attempts } : {}),
          ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
        }),
      );
      continue;
    }
    try {
      sources.push(await OsvOfflineSource.open(spec));
    } catch (error) {
      if (error instanceof AdvisorySourceError) throw new ScanError(error.message, { cause: error });
      throw error;
    }
  }
  return sources;
}
