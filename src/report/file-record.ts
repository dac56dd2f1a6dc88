import type { FileRecord } from '../model.js';
import type { Entry } from '../read/entry.js';

/** A package holds a handful of distinct modes: each string is made once and shared. */
const MODE_TEXT: string[] = [];

export function formatMode(mode: number): string {
  const bits = mode & 0o7777;
  return (MODE_TEXT[bits] ??= bits.toString(8).padStart(4, '0'));
}

/** The report's record of an entry: only the fields its type has. */
export function fileRecord(entry: Entry): FileRecord {
  const record: FileRecord = { path: entry.path, type: entry.type, mode: formatMode(entry.mode) };
  if (entry.uid !== undefined) record.uid = entry.uid;
  if (entry.gid !== undefined) record.gid = entry.gid;
  if (entry.type === 'file') {
    record.size = entry.size;
    if (entry.sha256 !== undefined) record.sha256 = entry.sha256;
  }
  if (entry.link !== undefined) record.link = entry.link;
  if (entry.special !== undefined) record.special = entry.special;
  return record;
}

/** Code-unit order, so the same package sorts the same way on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
