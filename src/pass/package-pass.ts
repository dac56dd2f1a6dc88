import type { FileRecord } from '../model.js';
import type { CheckCost, ContentAnalyzer } from './content-analyzer.js';
import type { Content, Entry, EntryHeader, EntryVisitor } from '../read/entry.js';
import { PackageFormatError } from '../read/package-format-error.js';
import type { Divergence } from '../read/readers.js';
import { compareCodeUnits } from '../util/order.js';
import { fileRecord } from './file-record.js';

/** The records of the readings extractors do not agree on, one group per place they part. */
export interface DivergentReadings {
  divergence: Divergence;
  records: FileRecord[];
}

/** A hardlink whose name an analyser wants content for: the content is its target's, which went by before. */
interface LinkedContent {
  /** The link as a file of its target's content, as the analysers were asked about it. */
  header: Entry;
  analyzers: ContentAnalyzer[];
  /** Leading bytes the hungriest of them asked for. */
  bound: number;
}

/**
 * The visitor of the one pass: keeps every entry's report record and hands the content
 * each analyser asked for to that analyser only. Only the record outlives the visit (the
 * reader's entry object is dropped), since one object per entry is what bounds memory
 * on a package of hundreds of thousands of files.
 */
export class PackagePass implements EntryVisitor {
  private readonly records: FileRecord[] = [];
  private readonly routed = new WeakMap<EntryHeader, ContentAnalyzer[]>();
  /** Only hostile archives have any. */
  private readonly divergent = new Map<Divergence, FileRecord[]>();
  /** The package root (`.`) when the package records one: not a file of the report, but its mode matters. */
  root: Entry | undefined;
  /** Each path's last file or hardlink so far: made at the first hardlink (most packages have none). */
  private contents: Map<string, FileRecord> | undefined;
  /** Hardlinks waiting for their target's content, by the target's path and digest. */
  private readonly linked = new Map<string, LinkedContent[]>();

  private nameBytes = 0;
  /** Main-thread milliseconds and bytes of each analyser's `take`, by its index (a clock read costs ~50 ns; a take, microseconds). */
  private readonly spent: Float64Array;
  private readonly fed: Float64Array;

  /** `maxTotalNameBytes`: the names and link targets of all entries together (they are all kept). */
  constructor(
    private readonly analyzers: readonly ContentAnalyzer[],
    private readonly maxTotalNameBytes = Number.POSITIVE_INFINITY,
  ) {
    this.spent = new Float64Array(analyzers.length);
    this.fed = new Float64Array(analyzers.length);
  }

  wants(header: EntryHeader): number {
    if (this.analyzers.length === 0) return 0;
    const slash = header.path.lastIndexOf('/');
    const base = slash < 0 ? header.path : header.path.slice(slash + 1);
    let bound = 0;
    let interested: ContentAnalyzer[] | undefined;
    for (const analyzer of this.analyzers) {
      const wanted = analyzer.wants(header, base);
      if (wanted > 0) {
        (interested ??= []).push(analyzer);
        if (wanted > bound) bound = wanted;
      }
    }
    if (interested) this.routed.set(header, interested);
    return bound;
  }

  /** The most trailing bytes any analyser that asked for this entry wants (a file larger than the leading bound). */
  wantsTail(header: EntryHeader): number {
    const interested = this.routed.get(header);
    if (!interested) return 0;
    const slash = header.path.lastIndexOf('/');
    const base = slash < 0 ? header.path : header.path.slice(slash + 1);
    let bound = 0;
    for (const analyzer of interested) {
      const wanted = analyzer.wantsTail?.(header, base) ?? 0;
      if (wanted > bound) bound = wanted;
    }
    return bound;
  }

  visit(entry: Entry, content: Content | undefined): void {
    this.nameBytes += entry.path.length + (entry.link?.length ?? 0);
    if (this.nameBytes > this.maxTotalNameBytes) {
      throw new PackageFormatError(`the names of its entries add up to more than ${this.maxTotalNameBytes} characters, more than a release holds`);
    }
    if (entry.path === '.' && entry.by === undefined) this.root = entry;
    else {
      const record = fileRecord(entry);
      this.records.push(record);
      if (entry.divergence !== undefined) {
        const group = this.divergent.get(entry.divergence);
        if (group) group.push(record);
        else this.divergent.set(entry.divergence, [record]);
      }
      if (entry.type === 'hardlink') this.hardlink(entry, record);
      if (this.contents && (record.type === 'file' || record.type === 'hardlink')) this.contents.set(record.path, record);
    }
    const interested = content && this.routed.get(entry);
    if (!interested) return;
    const bytes = content.bytes.length + (content.tail?.length ?? 0);
    for (const analyzer of interested) {
      const index = this.analyzers.indexOf(analyzer);
      const started = performance.now();
      analyzer.take(entry, content);
      this.spent[index] = (this.spent[index] as number) + performance.now() - started;
      this.fed[index] = (this.fed[index] as number) + bytes;
    }
  }

  /** What each analyser's `take` cost the main thread so far. */
  costs(): CheckCost[] {
    return this.analyzers.map((analyzer, i) => ({ name: analyzer.name, thread: 'main', milliseconds: this.spent[i] as number, bytes: this.fed[i] as number }));
  }

  /**
   * A hardlink is written with the content of the entry it names, stored before it (GNU
   * tar, bsdtar and Python link to what they extracted under that name): its record gets
   * that content's size and digest, and the analysers that want content under the link's
   * name (`.env`, `app/etc/env.php`) get it after the pass (`linkedContents`).
   */
  private hardlink(entry: Entry, record: FileRecord): void {
    if (entry.link === undefined) return;
    if (!this.contents) {
      this.contents = new Map();
      for (const earlier of this.records) if (earlier.type === 'file' || earlier.type === 'hardlink') this.contents.set(earlier.path, earlier);
    }
    const name = memberName(entry.link);
    const target = name === undefined ? undefined : this.contents.get(name);
    if (target?.sha256 === undefined || target.size === undefined) return;
    record.size = target.size;
    record.sha256 = target.sha256;
    if (this.analyzers.length === 0) return;
    const header: Entry = { ...entry, type: 'file', size: target.size, sha256: target.sha256 };
    delete header.link;
    const slash = header.path.lastIndexOf('/');
    const base = slash < 0 ? header.path : header.path.slice(slash + 1);
    let bound = 0;
    const analyzers = this.analyzers.filter((analyzer) => {
      const wanted = analyzer.wants(header, base);
      if (wanted > bound) bound = wanted;
      return wanted > 0;
    });
    if (analyzers.length === 0) return;
    const key = `${target.path}\0${target.sha256}`;
    this.linked.set(key, [...(this.linked.get(key) ?? []), { header, analyzers, bound }]);
  }

  /** Contents hardlinks wait for: the path and digest of each, and the leading bytes wanted. */
  linkedContents(): { path: string; sha256: string; bytes: number }[] {
    return [...this.linked].map(([key, waiting]) => {
      const [path = '', sha256 = ''] = key.split('\0');
      return { path, sha256, bytes: Math.max(...waiting.map(({ bound }) => bound)) };
    });
  }

  /** The content of a hardlink's target, read again: the analysers take it under the link's name. */
  takeLinked(path: string, sha256: string, content: Content): void {
    for (const { header, analyzers } of this.linked.get(`${path}\0${sha256}`) ?? []) {
      for (const analyzer of analyzers) analyzer.take(header, content);
    }
  }

  /** Where extractors read the package differently, in archive order. */
  divergences(): DivergentReadings[] {
    return [...this.divergent].map(([divergence, records]) => ({ divergence, records }));
  }

  /** Every entry as the report lists it, sorted by path (stable: an entry stored twice keeps its order). */
  files(): FileRecord[] {
    return this.records.sort((a, b) => compareCodeUnits(a.path, b.path));
  }
}

/** A tar hardlink's target as an entry name: from the archive root (a leading `/` stripped, as GNU tar and bsdtar do), `./` and empty components dropped. */
function memberName(link: string): string | undefined {
  const parts: string[] = [];
  for (const part of link.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join('/');
}
