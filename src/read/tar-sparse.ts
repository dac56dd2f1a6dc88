// GNU sparse files: the data holds only the chunks that are not holes, and a map says
// where each goes. GNU tar, bsdtar and Python expand them (holes as zeros) and write the
// file under its real name; PharData knows none of it and writes the stored bytes, under
// the header's name. Four formats: the old GNU `S` header (map in the header and its
// extension blocks), and PAX 0.0, 0.1 (map in records) and 1.0 (map at the head of the data).
import type { PaxRecord } from './pax.js';
import { decimal } from './pax.js';
import { TarFormatError, readNumber } from './tar-header.js';

export interface SparseMap {
  /** The expanded size. */
  size: number;
  /** [offset, bytes] of each stored chunk, in order. */
  chunks: [number, number][];
}

/** Where the map is: known already, or at the head of the data (PAX 1.0). */
export type Sparse = { map: SparseMap } | { inData: true; size: number };

/** Receives content as it streams: an EntrySink, or something that feeds several. */
export interface DataTarget {
  data(chunk: Buffer): void;
  end(): void;
}

function numberRecord(records: readonly PaxRecord[], key: string): number | undefined {
  let value: number | undefined;
  for (const [k, v] of records) if (k === key) value = decimal(v, key);
  return value;
}

/** The sparse layout PAX records describe (0.0, 0.1 or 1.0), or undefined when they describe none. */
export function paxSparse(records: readonly PaxRecord[]): Sparse | undefined {
  if (records.length === 0) return undefined;
  const major = numberRecord(records, 'GNU.sparse.major');
  const minor = numberRecord(records, 'GNU.sparse.minor');
  if (major === 1 && minor === 0) {
    const size = numberRecord(records, 'GNU.sparse.realsize');
    if (size === undefined) throw new TarFormatError('a PAX 1.0 sparse file without GNU.sparse.realsize');
    return { inData: true, size };
  }
  const size = numberRecord(records, 'GNU.sparse.size');
  const map = records.find(([key]) => key === 'GNU.sparse.map');
  if (map) {
    const numbers = map[1].toString('latin1').split(',').filter((part) => part !== '');
    if (size === undefined || numbers.length % 2 !== 0) throw new TarFormatError('a PAX 0.1 sparse map that is not offset,size pairs');
    const chunks: [number, number][] = [];
    for (let i = 0; i < numbers.length; i += 2) chunks.push([decimalText(numbers[i] as string), decimalText(numbers[i + 1] as string)]);
    return { map: { size, chunks } };
  }
  // 0.0: GNU.sparse.offset / GNU.sparse.numbytes pairs, in order
  const offsets = records.filter(([key]) => key === 'GNU.sparse.offset').map(([key, value]) => decimal(value, key));
  const lengths = records.filter(([key]) => key === 'GNU.sparse.numbytes').map(([key, value]) => decimal(value, key));
  if (size === undefined || offsets.length === 0) return undefined;
  if (offsets.length !== lengths.length) throw new TarFormatError('a PAX 0.0 sparse map with unpaired offsets and sizes');
  return { map: { size, chunks: offsets.map((offset, i) => [offset, lengths[i] as number]) } };
}

function decimalText(text: string): number {
  if (!/^\d{1,16}$/.test(text)) throw new TarFormatError('a sparse map entry is not a number');
  return Number(text);
}

/** The old GNU map entries at `offset` of a header or extension block: [offset, bytes] pairs of 12-byte octal fields until an empty one. */
export function oldGnuChunks(block: Buffer, at: number, offset: number, entries: number, into: [number, number][]): void {
  for (let i = 0; i < entries; i++) {
    const start = at + offset + i * 24;
    if (block[start] === 0) return;
    into.push([octal(block, start), octal(block, start + 12)]);
  }
}

function octal(block: Buffer, start: number): number {
  const value = readNumber(block, start, 12);
  if (value === undefined) throw new TarFormatError('an old GNU sparse map entry is not a number');
  return value;
}

/** A map extractors all read the same way: chunks in order, inside the file, adding up to the stored bytes. */
export function checkMap(map: SparseMap, stored: number): void {
  let end = 0;
  let total = 0;
  for (const [offset, bytes] of map.chunks) {
    if (offset < end || offset + bytes > map.size) throw new TarFormatError('a sparse map whose chunks overlap or leave the file');
    end = offset + bytes;
    total += bytes;
  }
  if (total !== stored) throw new TarFormatError(`a sparse map of ${total} bytes for ${stored} stored bytes`);
}

const ZEROS = Buffer.alloc(64 * 1024);

/**
 * The stored data in, the expanded file out: holes as zeros, chunks where the map puts
 * them, up to the real size. A PAX 1.0 map is read from the head of the data first (it
 * ends at a block boundary).
 */
export class Expander implements DataTarget {
  private map: SparseMap | undefined;
  private head: Buffer[] = [];
  private headBytes = 0;
  private chunk = 0;
  /** Bytes of the current chunk still to come. */
  private left = 0;
  private written = 0;
  private size = 0;

  constructor(
    private readonly target: DataTarget,
    sparse: Sparse,
    private readonly stored: number,
    private readonly maxMapBytes: number,
  ) {
    if ('map' in sparse) this.start(sparse.map, stored);
    else this.size = sparse.size;
  }

  data(chunk: Buffer): void {
    if (this.map === undefined) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      const parsed = this.mapInData();
      if (parsed === undefined) {
        if (this.headBytes > this.maxMapBytes) throw new TarFormatError(`a sparse map over the ${this.maxMapBytes}-byte bound`);
        return;
      }
      const all = Buffer.concat(this.head);
      this.head = [];
      this.start({ size: this.size, chunks: parsed.chunks }, this.stored - parsed.bytes);
      if (all.length > parsed.bytes) this.data(all.subarray(parsed.bytes));
      return;
    }
    let offset = 0;
    while (offset < chunk.length) {
      if (this.left === 0 && !this.nextChunk()) throw new TarFormatError('a sparse file with more data than its map places');
      const n = Math.min(this.left, chunk.length - offset);
      this.target.data(chunk.subarray(offset, offset + n));
      offset += n;
      this.left -= n;
      this.written += n;
    }
  }

  end(): void {
    if (this.map === undefined) throw new TarFormatError('a sparse file ends inside its map');
    // chunks of no bytes after the data (GNU tar ends its map with one at the real size)
    while (this.left === 0 && this.nextChunk());
    this.zeros(this.map.size - this.written);
    this.target.end();
  }

  private start(map: SparseMap, stored: number): void {
    checkMap(map, stored);
    this.map = map;
  }

  /** Zeros up to the next chunk with bytes; then those bytes are what comes. False when the map has none left. */
  private nextChunk(): boolean {
    const map = this.map as SparseMap;
    while (this.chunk < map.chunks.length) {
      const [offset, bytes] = map.chunks[this.chunk++] as [number, number];
      this.zeros(offset - this.written);
      if (bytes > 0) {
        this.left = bytes;
        return true;
      }
    }
    return false;
  }

  private zeros(count: number): void {
    for (let left = count; left > 0; left -= ZEROS.length) {
      const n = Math.min(left, ZEROS.length);
      this.target.data(ZEROS.subarray(0, n));
    }
    this.written += Math.max(count, 0);
  }

  /** PAX 1.0: decimal lines (count, then offset and size of each chunk), padded to a block. */
  private mapInData(): { chunks: [number, number][]; bytes: number } | undefined {
    const text = Buffer.concat(this.head).toString('latin1');
    const lines = text.split('\n');
    const count = lines[0];
    if (lines.length < 2 || count === undefined) return undefined;
    const entries = decimalText(count);
    if (lines.length < 2 + entries * 2) return undefined;
    const chunks: [number, number][] = [];
    let used = count.length + 1;
    for (let i = 0; i < entries; i++) {
      const offset = lines[1 + i * 2] as string;
      const bytes = lines[2 + i * 2] as string;
      chunks.push([decimalText(offset), decimalText(bytes)]);
      used += offset.length + bytes.length + 2;
    }
    const padded = Math.ceil(used / 512) * 512;
    if (this.headBytes < padded && this.headBytes < this.stored) return undefined;
    return { chunks, bytes: padded };
  }
}
