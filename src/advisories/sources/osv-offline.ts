import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as yauzl from 'yauzl';
import { packageKey } from '../names.js';
import { osvRecordOf, type OsvRecord } from '../osv.js';
import { AdvisorySourceError, type AdvisoryQuery, type AdvisorySource, type SourceStats } from './source.js';

const MAX_RECORD_BYTES = 8 * 1024 * 1024;
const MAX_RECORDS = 2_000_000;
const PARALLEL_READS = 32;

/**
 * An OSV database on disk: a directory of records (any depth), an `all.zip` as the OSV
 * bucket serves per ecosystem, or one JSON file holding a record or an array of them.
 * Loaded once and indexed by package, so each lookup is a map read. A record that
 * cannot be read is reported and skipped, never fatal.
 */
export class OsvOfflineSource implements AdvisorySource {
  readonly description: string;
  private readonly index = new Map<string, OsvRecord[]>();
  private readonly skipped: SourceStats['skipped'] = [];
  private records = 0;

  private constructor(private readonly location: string) {
    this.description = `OSV records at ${location}`;
  }

  static async open(location: string): Promise<OsvOfflineSource> {
    const source = new OsvOfflineSource(location);
    let stats;
    try {
      stats = await stat(location);
    } catch {
      throw new AdvisorySourceError(`the advisory database ${location} does not exist; pass a directory of OSV records, an OSV all.zip or a JSON file`);
    }
    if (stats.isDirectory()) await source.loadDirectory(location);
    else if (location.toLowerCase().endsWith('.zip') || (await startsWithZipMagic(location))) await source.loadZip(location);
    else source.add(location, await readFile(location));
    if (source.records === 0) {
      throw new AdvisorySourceError(`the advisory database ${location} holds no readable OSV record; check the path (${source.skipped.length} files skipped)`);
    }
    return source;
  }

  lookup(queries: readonly AdvisoryQuery[]): Promise<OsvRecord[][]> {
    return Promise.resolve(queries.map((query) => this.index.get(packageKey(query.ecosystem, query.name)) ?? []));
  }

  stats(): SourceStats {
    return { source: this.description, records: this.records, httpCalls: 0, skipped: this.skipped };
  }

  private add(where: string, bytes: Buffer): void {
    if (bytes.length > MAX_RECORD_BYTES) {
      this.skipped.push({ where, reason: `larger than ${MAX_RECORD_BYTES} bytes` });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      this.skipped.push({ where, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` });
      return;
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    items.forEach((item, i) => {
      const label = Array.isArray(parsed) ? `${where}[${i}]` : where;
      try {
        this.index1(osvRecordOf(item));
      } catch (error) {
        this.skipped.push({ where: label, reason: error instanceof Error ? error.message : String(error) });
      }
    });
  }

  private index1(record: OsvRecord): void {
    if (++this.records > MAX_RECORDS) throw new AdvisorySourceError(`the advisory database ${this.location} holds more than ${MAX_RECORDS} records`);
    const keys = new Set<string>();
    for (const affected of record.affected) {
      if (affected.package) keys.add(packageKey(affected.package.ecosystem, affected.package.name));
    }
    for (const key of keys) {
      const list = this.index.get(key);
      if (list) list.push(record);
      else this.index.set(key, [record]);
    }
  }

  private async loadDirectory(root: string): Promise<void> {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
      }
    };
    await walk(root);
    files.sort();
    for (let i = 0; i < files.length; i += PARALLEL_READS) {
      const batch = files.slice(i, i + PARALLEL_READS);
      const contents = await Promise.all(batch.map((file) => readFile(file)));
      contents.forEach((bytes, j) => {
        this.add(batch[j] ?? '', bytes);
      });
    }
  }

  private async loadZip(path: string): Promise<void> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw new AdvisorySourceError(`the advisory database ${path} is not a readable zip (${error instanceof Error ? error.message : String(error)})`);
    }
    try {
      for await (const entry of zip.eachEntry()) {
        if (!entry.fileName.endsWith('.json')) continue;
        const where = `${path}!/${entry.fileName}`;
        if (entry.uncompressedSize > MAX_RECORD_BYTES) {
          this.skipped.push({ where, reason: `larger than ${MAX_RECORD_BYTES} bytes` });
          continue;
        }
        const pieces: Buffer[] = [];
        for await (const chunk of await zip.openReadStreamPromise(entry)) pieces.push(chunk as Buffer);
        this.add(where, Buffer.concat(pieces));
      }
    } finally {
      zip.close();
    }
  }
}

async function startsWithZipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    return head[0] === 0x50 && head[1] === 0x4b;
  } finally {
    await handle.close();
  }
}
