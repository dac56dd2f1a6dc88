import type { Limits } from '../limits.js';
import type { EntryVisitor } from './entry.js';
import { LinkWalk, TAR_LINKS } from './link-walk.js';
import { TAR_READERS, type Divergence } from './readers.js';
import { Cursor, type Stream } from './tar-cursor.js';
import { TarFormatError } from './tar-header.js';
import type { DataTarget } from './tar-sparse.js';

/**
 * A streaming tar parser: feed it chunks with `write`, then `end`. It calls the visitor
 * for every entry, hashing file content as it passes and never holding more than one
 * header, the extended records since the last entry, and the content a visitor asked for.
 *
 * Each entry is read as every tar extractor writes it (readers.ts): the name each takes
 * from the extended headers before it (tar-names.ts), what each makes of its typeflag and
 * how much data each reads after it (tar-types.ts), and where each places the name
 * (landing.ts). Where they agree, and that is every entry of an honest archive, the entry
 * has one reading and costs no more than one. Where they frame the stream differently
 * (GNU tar, bsdtar, Python and PharData read no data after a symlink or device whatever
 * its size field says, bsdtar honours a PAX size where the others do not), each framing is
 * read by a cursor of its own, fed the same chunks, until the cursors meet at a header
 * with nothing pending; five extractors make five cursors at most.
 *
 * After a lone zero block it keeps reading (as `tar -i` does), so nothing a lenient
 * extractor would write can hide behind one.
 */
export class TarParser implements Stream {
  pharOld: boolean | undefined;
  readonly links = new LinkWalk(TAR_LINKS);
  private readonly cursors: Cursor[];
  /** Content that is the bytes following a header (PharData's reading of a link with a size), still coming. */
  private readonly taps: { target: DataTarget; remaining: number }[] = [];
  private position = 0;
  entries = 0;
  bytes = 0;

  constructor(
    readonly visitor: EntryVisitor,
    readonly limits: Limits,
  ) {
    this.cursors = [new Cursor(this, TAR_READERS)];
  }

  write(chunk: Buffer): void {
    if (this.taps.length > 0) this.feedTaps(chunk);
    let offset = 0;
    while (offset < chunk.length) {
      if (this.cursors.length === 1) {
        const cursor = this.cursors[0] as Cursor;
        if (cursor.ended) break;
        offset = cursor.write(chunk, offset, chunk.length, this.position);
        continue;
      }
      // several framings: every cursor takes the same stretch, up to where one of them must decide something
      const live = this.cursors.filter((cursor) => !cursor.ended);
      if (live.length === 0) break;
      let step = chunk.length - offset;
      for (const cursor of live) step = Math.min(step, Math.max(1, cursor.quantum));
      for (const cursor of live) cursor.write(chunk, offset, offset + step, this.position);
      offset += step;
      this.merge();
    }
    this.position += chunk.length;
  }

  /** The input is complete: anything but a header boundary, in any framing, means the archive was cut short. */
  end(): void {
    for (const tap of this.taps.splice(0)) tap.target.end();
    for (const cursor of this.cursors) cursor.end();
  }

  counted(): void {
    if (++this.entries > this.limits.maxEntries) {
      throw new TarFormatError(`more than ${this.limits.maxEntries} entries`);
    }
  }

  content(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxTotalBytes) {
      throw new TarFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
    }
  }

  tap(target: DataTarget, bytes: number, chunk: Buffer, offset: number): void {
    const first = chunk.subarray(offset, Math.min(chunk.length, offset + bytes));
    if (first.length > 0) target.data(first);
    if (first.length === bytes) target.end();
    else this.taps.push({ target, remaining: bytes - first.length });
  }

  split(from: Cursor, readers: number, divergence: Divergence, setup: (cursor: Cursor) => void): void {
    const cursor = from.fork(readers, divergence);
    setup(cursor);
    this.cursors.push(cursor);
  }

  private feedTaps(chunk: Buffer): void {
    for (let i = this.taps.length - 1; i >= 0; i--) {
      const tap = this.taps[i] as { target: DataTarget; remaining: number };
      const part = chunk.subarray(0, Math.min(chunk.length, tap.remaining));
      tap.target.data(part);
      tap.remaining -= part.length;
      if (tap.remaining === 0) {
        tap.target.end();
        this.taps.splice(i, 1);
      }
    }
  }

  /** Cursors at the same header with nothing pending read the rest alike: one of them goes on, for both. */
  private merge(): void {
    for (let i = 0; i < this.cursors.length; i++) {
      const a = this.cursors[i] as Cursor;
      if (!a.idle) continue;
      for (let j = this.cursors.length - 1; j > i; j--) {
        const b = this.cursors[j] as Cursor;
        if (!b.idle || a.globals !== b.globals || a.zeroBlocks !== b.zeroBlocks) continue;
        a.readers |= b.readers;
        this.cursors.splice(j, 1);
      }
      if (a.readers === TAR_READERS) a.divergence = undefined;
    }
  }
}
