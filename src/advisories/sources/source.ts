import type { OsvRecord } from '../osv.js';

/** One package version to look up, under one of its names. */
export interface AdvisoryQuery {
  /** OSV's ecosystem, release included: `npm`, `Debian:12`. */
  ecosystem: string;
  name: string;
  version: string;
}

/** What a source did, for the report and the note: counts, never the records themselves. */
export interface SourceStats {
  source: string;
  records: number;
  httpCalls: number;
  /** Records that could not be read and were skipped (file and reason). */
  skipped: { where: string; reason: string }[];
}

/**
 * Where advisories come from. A source returns candidate records for each query (a
 * superset is fine: the gate evaluates every range itself, with the ecosystem's own
 * version order), and fails with an AdvisorySourceError when it cannot answer.
 */
export interface AdvisorySource {
  readonly description: string;
  /** The records that may concern each query, in the order of the queries. */
  lookup(queries: readonly AdvisoryQuery[]): Promise<OsvRecord[][]>;
  stats(): SourceStats;
}

/** A source that could not answer (after its retries): the scan fails closed unless told otherwise. */
export class AdvisorySourceError extends Error {
  override readonly name = 'AdvisorySourceError';
}
