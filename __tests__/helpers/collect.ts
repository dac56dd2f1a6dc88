import type { Content, Entry, EntryHeader, EntryVisitor } from '../../src/read/entry.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/limits.js';
import { readPackage, type PackageRead } from '../../src/read/read-package.js';
import { fileRecord } from '../../src/pass/file-record.js';
import type { FileRecord } from '../../src/model.js';

export interface Collected {
  read: PackageRead;
  /** Every entry in the order the reader gave them, as report records. */
  records: FileRecord[];
  headers: EntryHeader[];
  contents: Map<string, Content>;
}

/** Read a package with a visitor that keeps everything (and the content `want` asks for). */
export async function collect(target: string, want: (header: EntryHeader) => number = () => 0, limits: Partial<Limits> = {}): Promise<Collected> {
  const records: FileRecord[] = [];
  const headers: EntryHeader[] = [];
  const contents = new Map<string, Content>();
  const visitor: EntryVisitor = {
    wants: want,
    visit(entry: Entry, content: Content | undefined) {
      headers.push(entry);
      records.push(fileRecord(entry));
      if (content) contents.set(entry.path, { bytes: Buffer.from(content.bytes), truncated: content.truncated });
    },
  };
  const read = await readPackage(target, visitor, { ...DEFAULT_LIMITS, ...limits });
  return { read, records, headers, contents };
}

export function byPath(records: readonly FileRecord[]): Map<string, FileRecord> {
  return new Map(records.map((record) => [record.path, record]));
}

/**
 * The records one extractor writes (those without `by` are everyone's), without the
 * reading fields: what that extractor puts on disk, to compare with a tree.
 */
export function writtenBy(records: readonly FileRecord[], extractor: string): FileRecord[] {
  return records
    .filter((record) => record.by === undefined || record.by.includes(extractor))
    .map((record) => {
      const written = { ...record };
      delete written.by;
      delete written.stored;
      return written;
    });
}
