// Drive one check directly, as the pass does: every entry is offered (`wants`), the
// bytes it asked for are handed over (`take`), and `finish` says what it found. Manifest
// checks get the sorted entry list.
import { createHash } from 'node:crypto';
import type { ContentCheck, ManifestCheck } from '../../../src/checks/check.js';
import { identify } from '../../../src/findings/draft.js';
import type { FileRecord, Finding } from '../../../src/model.js';
import { fileRecord } from '../../../src/pass/file-record.js';
import type { Content, Entry, EntryHeader } from '../../../src/read/entry.js';
import type { Divergence } from '../../../src/read/readers.js';
import type { AnalyzerResult } from '../../../src/pass/content-analyzer.js';

export interface TestEntry {
  path: string;
  content?: string | Buffer;
  type?: Entry['type'];
  mode?: number;
  uid?: number;
  gid?: number;
  link?: string;
  special?: Entry['special'];
  /** A reading of an archive extractors read differently (bits of readers.ts). */
  by?: number;
  stored?: string;
  divergence?: Divergence;
}

function entryOf(item: TestEntry): Entry {
  const bytes = item.content === undefined ? Buffer.alloc(0) : Buffer.from(item.content);
  const type = item.type ?? 'file';
  const entry: Entry = { path: item.path, type, mode: item.mode ?? (type === 'dir' ? 0o755 : 0o644), size: type === 'file' ? bytes.length : 0 };
  if (item.uid !== undefined) entry.uid = item.uid;
  if (item.gid !== undefined) entry.gid = item.gid;
  if (item.link !== undefined) entry.link = item.link;
  if (item.special !== undefined) entry.special = item.special;
  if (item.by !== undefined) entry.by = item.by;
  if (item.stored !== undefined) entry.stored = item.stored;
  if (type === 'file') entry.sha256 = createHash('sha256').update(bytes).digest('hex');
  return entry;
}

/** A content check over these entries, in this order. */
export async function runContentCheck(check: ContentCheck, entries: readonly TestEntry[]): Promise<Finding[]> {
  return identify((await offerAll(check, entries)).findings ?? []);
}

/** Everything a content check says once every entry was offered (findings, notes, origins). */
export async function offerAll(check: ContentCheck, entries: readonly TestEntry[]): Promise<AnalyzerResult> {
  for (const item of entries) {
    const entry = entryOf(item);
    const header: EntryHeader = entry;
    const slash = header.path.lastIndexOf('/');
    const wanted = entry.type === 'file' ? check.wants(header, header.path.slice(slash + 1)) : 0;
    if (wanted <= 0) continue;
    const bytes = item.content === undefined ? Buffer.alloc(0) : Buffer.from(item.content);
    // the trailing bytes too, as the pass keeps them for a file larger than the leading bound
    const tail = bytes.length > wanted ? Math.min(check.wantsTail?.(header, header.path.slice(slash + 1)) ?? 0, bytes.length - wanted) : 0;
    const content: Content = { bytes: bytes.subarray(0, wanted), truncated: bytes.length > wanted };
    if (tail > 0) content.tail = bytes.subarray(bytes.length - tail);
    check.take(entry, content);
  }
  return await check.finish();
}

/** A manifest check over these entries (sorted as the report sorts them). */
export function runManifestCheck(check: ManifestCheck, entries: readonly TestEntry[], root?: TestEntry): Finding[] {
  const divergent = new Map<Divergence, FileRecord[]>();
  const records = entries.map((item) => {
    const record = fileRecord(entryOf(item));
    if (item.divergence) divergent.set(item.divergence, [...(divergent.get(item.divergence) ?? []), record]);
    return record;
  });
  const files = records.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const divergences = [...divergent].map(([divergence, group]) => ({ divergence, records: group }));
  return identify(check.check({ files, root: root ? entryOf(root) : undefined, divergences }));
}

/** `rule path` of each finding, sorted: what a reviewer would be shown, in short. */
export function ruleAndPath(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.rule ?? ''} ${finding.path ?? ''}`).sort();
}
