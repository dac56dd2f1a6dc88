import { readFile, writeFile } from 'node:fs/promises';
import { osvRecordOf, type OsvRecord } from '../osv.js';

/** A cache file larger than this is ignored: it is only a cache. */
const MAX_STORE_BYTES = 256 * 1024 * 1024;

/**
 * OSV records fetched from the API, kept between runs so that the next run fetches only
 * what is new or modified (the API source compares `modified`). The file is untrusted
 * like any input: each record is checked again, and one that fails is dropped.
 */
export async function loadRecordStore(path: string): Promise<Map<string, OsvRecord>> {
  const store = new Map<string, OsvRecord>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return store;
  }
  if (text.length > MAX_STORE_BYTES) return store;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return store;
  }
  if (!Array.isArray(parsed)) return store;
  for (const item of parsed) {
    try {
      const record = osvRecordOf(item);
      store.set(record.id, record);
    } catch {
      // a damaged entry costs one more request, nothing else
    }
  }
  return store;
}

export async function saveRecordStore(path: string, store: ReadonlyMap<string, OsvRecord>): Promise<void> {
  await writeFile(path, JSON.stringify([...store.values()]));
}
