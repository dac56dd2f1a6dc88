import type { FileRecord } from '../model.js';
import type { ContentAnalyzer } from './content-analyzer.js';
import type { Content, Entry, EntryHeader, EntryVisitor } from '../read/entry.js';
import { PackageFormatError } from '../read/package-format-error.js';
import { compareCodeUnits } from '../util/order.js';
import { fileRecord } from './file-record.js';

/**
 * The visitor of the one pass: keeps every entry's report record and hands the content
 * each analyser asked for to that analyser only. Only the record outlives the visit (the
 * reader's entry object is dropped), since one object per entry is what bounds memory
 * on a package of hundreds of thousands of files.
 */
export class PackagePass implements EntryVisitor {
  private readonly records: FileRecord[] = [];
  private readonly routed = new WeakMap<EntryHeader, ContentAnalyzer[]>();
  /** The package root (`.`) when the package records one: not a file of the report, but its mode matters. */
  root: Entry | undefined;

  private nameBytes = 0;

  /** `maxTotalNameBytes`: the names and link targets of all entries together (they are all kept). */
  constructor(
    private readonly analyzers: readonly ContentAnalyzer[],
    private readonly maxTotalNameBytes = Number.POSITIVE_INFINITY,
  ) {}

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
    if (entry.path === '.') this.root = entry;
    else this.records.push(fileRecord(entry));
    const interested = content && this.routed.get(entry);
    if (!interested) return;
    for (const analyzer of interested) analyzer.take(entry, content);
  }

  /** Every entry as the report lists it, sorted by path (stable: an entry stored twice keeps its order). */
  files(): FileRecord[] {
    return this.records.sort((a, b) => compareCodeUnits(a.path, b.path));
  }
}
