import type { FileRecord } from '../model.js';
import type { Entry } from '../read/entry.js';
import { readerNames } from '../read/readers.js';

/** A package holds a handful of distinct modes: each string is made once and shared. */
const MODE_TEXT: string[] = [];

function formatMode(mode: number): string {
  const bits = mode & 0o7777;
  return (MODE_TEXT[bits] ??= bits.toString(8).padStart(4, '0'));
}

/**
 * The report's record of an entry: only the fields its type has. The usual shapes are
 * made by one literal each, so V8 keeps every field inside the object; fields added one
 * by one go to a separate property store, 60-odd bytes more per entry of a package that
 * may hold hundreds of thousands.
 */
export function fileRecord(entry: Entry): FileRecord {
  const { path, type, uid, gid, sha256 } = entry;
  const mode = formatMode(entry.mode);
  // an honest entry has no reading of its own (`by`) and lands where it is stored
  if (entry.link === undefined && entry.special === undefined && entry.by === undefined && entry.stored === undefined) {
    if (uid !== undefined && gid !== undefined) {
      if (type === 'file' && sha256 !== undefined) return { path, type, mode, uid, gid, size: entry.size, sha256 };
      if (type === 'dir') return { path, type, mode, uid, gid };
    } else if (uid === undefined && gid === undefined) {
      // zip entries record no owners
      if (type === 'file' && sha256 !== undefined) return { path, type, mode, size: entry.size, sha256 };
      if (type === 'dir') return { path, type, mode };
    }
  }
  const record: FileRecord = { path, type, mode };
  if (uid !== undefined) record.uid = uid;
  if (gid !== undefined) record.gid = gid;
  if (type === 'file') {
    record.size = entry.size;
    if (sha256 !== undefined) record.sha256 = sha256;
  }
  if (entry.link !== undefined) record.link = entry.link;
  if (entry.special !== undefined) record.special = entry.special;
  if (entry.by !== undefined) record.by = readerNames(entry.by);
  if (entry.stored !== undefined) record.stored = entry.stored;
  return record;
}
