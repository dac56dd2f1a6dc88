import { createHash, hash as digestOnce, type Hash } from 'node:crypto';
import type { Content, Entry, EntryHeader, EntryVisitor } from './entry.js';

const EMPTY = Buffer.alloc(0);

/**
 * Takes one entry's content as it streams by: hashes every byte of a file and keeps
 * only the leading bytes the visitor asked for. Chunks that fit are kept as they
 * are (no copy); only content spread over several chunks is joined.
 *
 * Most files of a package arrive in one chunk: those are hashed in one call, with
 * no hash object to allocate (the per-file garbage is what a 2-core runner pays
 * for twice, once on the main thread and once on the GC threads).
 */
export class EntrySink {
  private hash: Hash | undefined;
  private readonly asked: boolean;
  private readonly want: number;
  private pieces: Buffer[] | undefined;
  private held = 0;
  /** Trailing bytes to keep: the file is larger than the leading bound and the visitor asked. */
  private readonly tailWant: number;
  private tailPieces: Buffer[] | undefined;
  private seen = 0;
  private digest: string | undefined;

  constructor(
    private readonly visitor: EntryVisitor,
    readonly header: EntryHeader,
  ) {
    const wanted = header.type === 'file' ? visitor.wants(header) : 0;
    this.asked = wanted > 0;
    this.want = Math.min(wanted, header.size);
    this.tailWant = this.asked && header.size > this.want && visitor.wantsTail ? Math.min(visitor.wantsTail(header), header.size - this.want) : 0;
  }

  /** Leading bytes of the content the visitor asked for (0 for everything but files). */
  get wanted(): number {
    return this.want;
  }

  /**
   * The whole content went by where this sink could not see it (a reader thread read and
   * hashed it): its digest, and the leading bytes the visitor asked for (`wanted`).
   */
  hashed(digest: string, leading: Buffer): void {
    this.digest = digest;
    this.seen = this.header.size;
    if (this.want > 0) {
      this.pieces = [leading];
      this.held = leading.length;
    }
  }

  data(chunk: Buffer): void {
    if (this.seen === 0 && chunk.length === this.header.size) {
      this.digest = digestOnce('sha256', chunk, 'hex');
    } else {
      (this.hash ??= createHash('sha256')).update(chunk);
    }
    const from = this.seen;
    this.seen += chunk.length;
    if (this.held < this.want) {
      const take = Math.min(chunk.length, this.want - this.held);
      (this.pieces ??= []).push(take === chunk.length ? chunk : chunk.subarray(0, take));
      this.held += take;
    }
    // the chunks that reach into the last `tailWant` bytes (one comparison for every other chunk)
    if (this.tailWant > 0 && this.seen > this.header.size - this.tailWant) {
      const skip = Math.max(0, this.header.size - this.tailWant - from);
      (this.tailPieces ??= []).push(skip === 0 ? chunk : chunk.subarray(skip));
    }
  }

  end(): void {
    let content: Content | undefined;
    if (this.asked) {
      const pieces = this.pieces ?? [];
      const bytes = pieces.length === 1 ? (pieces[0] as Buffer) : pieces.length === 0 ? EMPTY : Buffer.concat(pieces, this.held);
      content = { bytes, truncated: this.held < this.header.size };
      if (this.tailPieces) content.tail = this.tailPieces.length === 1 ? (this.tailPieces[0] as Buffer) : Buffer.concat(this.tailPieces);
    }
    // the same object the visitor saw in `wants`, so it can keep what it decided there
    const entry: Entry = this.header;
    if (entry.type === 'file') entry.sha256 = this.digest ?? this.hash?.digest('hex') ?? EMPTY_SHA256;
    this.pieces = undefined;
    this.tailPieces = undefined;
    this.visitor.visit(entry, content);
  }
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
