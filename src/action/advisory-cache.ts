import { printable } from '../util/printable.js';
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { OsvRecord } from '../advisories/osv.js';
import { loadRecordStore, saveRecordStore } from '../advisories/sources/record-store.js';

const PREFIX = 'release-gate-osv-v1-';

/**
 * OSV records the API gave in earlier runs, kept in the Actions cache: restored before
 * the scan, saved after it under the day's key (a cache key is written once; the next
 * day's first run writes the next). Everything here is best effort: without the cache
 * service, or when it fails, the scan fetches what it needs.
 */
export class AdvisoryCache {
  readonly records = new Map<string, OsvRecord>();
  private restoredKey: string | undefined;
  private readonly dir: string;
  private readonly file: string;
  private readonly key: string;

  constructor(temp: string, today: string) {
    this.dir = join(temp, 'release-gate-osv-cache');
    this.file = join(this.dir, 'records.json');
    this.key = `${PREFIX}${today}`;
  }

  async restore(): Promise<void> {
    if (!cache.isFeatureAvailable()) return;
    try {
      await mkdir(this.dir, { recursive: true });
      this.restoredKey = await cache.restoreCache([this.dir], this.key, [PREFIX]);
      for (const [id, record] of await loadRecordStore(this.file)) this.records.set(id, record);
      if (this.restoredKey) core.info(printable(`advisory cache: ${this.records.size} OSV records from ${this.restoredKey}`));
    } catch (error) {
      core.warning(`the advisory cache could not be restored (${error instanceof Error ? error.message : String(error)}); fetching what is needed`);
    }
  }

  async save(): Promise<void> {
    if (!cache.isFeatureAvailable() || this.records.size === 0 || this.restoredKey === this.key) return;
    try {
      await mkdir(this.dir, { recursive: true });
      await saveRecordStore(this.file, this.records);
      await cache.saveCache([this.dir], this.key);
      core.info(printable(`advisory cache: ${this.records.size} OSV records saved as ${this.key}`));
    } catch (error) {
      // another job of this workflow saved today's key first: theirs is as good
      if (!(error instanceof cache.ReserveCacheError)) core.warning(`the advisory cache could not be saved (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
