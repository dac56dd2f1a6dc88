import type { Content, Entry, EntryHeader, EntryVisitor } from './entry.js';

/**
 * One stretch of content, several readings of it (the same bytes written under two names,
 * or as a file by some extractors and something else by others): an EntrySink fed through
 * this hashes the bytes once and buffers what the hungriest reading asked for; then every
 * reading is visited, the files among them with that digest and content.
 */
export class FanOut implements EntryVisitor {
  constructor(
    private readonly visitor: EntryVisitor,
    private readonly readings: readonly EntryHeader[],
  ) {}

  /** The header an EntrySink hashes the content under: a file of `size` bytes. */
  static carrier(size: number): EntryHeader {
    return { path: '', type: 'file', mode: 0, size };
  }

  wants(): number {
    let bound = 0;
    for (const reading of this.readings) {
      if (reading.type !== 'file') continue;
      const wanted = this.visitor.wants(reading);
      if (wanted > bound) bound = wanted;
    }
    return bound;
  }

  visit(carrier: Entry, content: Content | undefined): void {
    for (const reading of this.readings) {
      if (reading.type !== 'file') {
        this.visitor.visit(reading, undefined);
        continue;
      }
      const entry: Entry = reading;
      if (carrier.sha256 !== undefined) entry.sha256 = carrier.sha256;
      this.visitor.visit(entry, content);
    }
  }
}
