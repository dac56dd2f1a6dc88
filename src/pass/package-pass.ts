import type { FileRecord } from '../model.js';
import type { ContentAnalyzer } from './content-analyzer.js';
import type { Content, Entry, EntryHeader, EntryVisitor } from '../read/entry.js';
import type { Divergence } from '../read/readers.js';
import { compareCodeUnits } from '../util/order.js';
import { fileRecord } from './file-record.js';

/** The records of the readings extractors do not agree on, one group per place they part. */
export interface DivergentReadings {
  divergence: Divergence;
  records: FileRecord[];
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

  constructor(private readonly analyzers: readonly ContentAnalyzer[]) {}

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

  visit(entry: Entry, content: Content | undefined): void {
    if (entry.path === '.' && entry.by === undefined) this.root = entry;
    else {
      const record = fileRecord(entry);
      this.records.push(record);
      if (entry.divergence !== undefined) {
        const group = this.divergent.get(entry.divergence);
        if (group) group.push(record);
        else this.divergent.set(entry.divergence, [record]);
      }
    }
    const interested = content && this.routed.get(entry);
    if (!interested) return;
    for (const analyzer of interested) analyzer.take(entry, content);
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
