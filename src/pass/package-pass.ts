import type { FileRecord } from '../model.js';
import type { CheckCost, ContentAnalyzer } from './content-analyzer.js';
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
    if (entry.path === '.') this.root = entry;
    else this.records.push(fileRecord(entry));
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

  /** Every entry as the report lists it, sorted by path (stable: an entry stored twice keeps its order). */
  files(): FileRecord[] {
    return this.records.sort((a, b) => compareCodeUnits(a.path, b.path));
  }
}
