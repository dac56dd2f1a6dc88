import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import * as yauzl from 'yauzl';
import type { SpecialKind } from '../model.js';
import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { FanOut } from './fan-out.js';
import { PackageFormatError, UnreadablePackageError } from './package-format-error.js';
import { INFLATE_FIELDS, ReadWorkers, runHere, workerCount, type InflateReply, type InflateTask } from './read-workers.js';
import { decodeName } from './tar-header.js';
import { BSDTAR, BSDTAR_STREAM, PHP_ZIP, PY_ZIP, UNZIP, ZIP_READERS, type Divergence } from './readers.js';
import { localDiffers, plainZipEntry, zipEntryReadings, zipLanding, zipNameFor, type ZipEntryFacts, type ZipEntryReadings } from './zip-readings.js';
import { storedPath } from './stored-path.js';
import {
  CENTRAL_SIGNATURE,
  CENTRAL_SIZE,
  END_SEARCH,
  END_SIGNATURE,
  END_SIZE,
  EXTRA_UNICODE_PATH,
  EXTRA_UNIX_OWNER,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FLAG_STRONG_ENCRYPTION,
  FLAG_UTF8,
  HOST_OSX,
  HOST_UNIX,
  LOCAL_SIGNATURE,
  LOCAL_SIZE,
  ZIP64_END_SIZE,
  centralRecordLength,
  findEndRecord,
  parseCentralRecord,
  parseEndRecord,
  parseExtraFields,
  parseLocalHeader,
  parseZip64End,
  parseZip64Locator,
  type ZipCentralRecord,
  type ZipEndRecord,
  type ZipLocalHeader,
} from './zip-records.js';

// How a zip is read (sizes measured with `npm run bench`): the central directory in
// 1 MiB pieces; the entries in batches, each one positioned read of the file covering
// many entries' local headers and data, inflated on worker threads while the main
// thread hashes the batch before and hands it to the analysers. Entries are visited in
// central-directory order. An entry too big for a batch is inflated as a stream on
// zlib's thread pool.

/** A zip file from this size on is inflated on worker threads; a smaller one on the main thread (a worker takes ~30 ms to start). */
const WORKERS_FROM = 4 * 1024 * 1024;
/** Bytes of the file one batch reads at most. */
const WINDOW = 1024 * 1024;
/** Bytes one batch inflates to at most (by the sizes its entries declare). */
const BATCH_OUTPUT = 4 * 1024 * 1024;
const BATCH_ENTRIES = 4096;
/** Batches in flight a worker thread. */
const AHEAD = 2;
/** An entry that declares this much or more is inflated as a stream, not in a batch. */
const STREAM_FROM = 16 * 1024 * 1024;
const DIRECTORY_CHUNK = 1024 * 1024;
const FILE_CHUNK = 1024 * 1024;
const INFLATE_CHUNK = 256 * 1024;
/** Local extra fields are often longer than the central ones (Info-ZIP's time and owner fields): read this much past what the central record says. */
const LOCAL_SLACK = 256;

const S_IFMT = 0o170000;
const UNIX_TYPES = new Map<number, EntryHeader['type']>([
  [0o100000, 'file'],
  [0o040000, 'dir'],
  [0o120000, 'symlink'],
]);
const UNIX_SPECIALS = new Map<number, SpecialKind>([
  [0o010000, 'fifo'],
  [0o020000, 'char-device'],
  [0o060000, 'block-device'],
  [0o140000, 'socket'],
]);
const DOS_DIRECTORY = 0x10;

/** Where the zip's records sit in the file: what a check of archive differentials needs beside each entry's records. */
export interface ZipLayout {
  /** The end record (zip64's values in `end.zip64`); `end.trailingBytes` is 0 in a zip that was read. */
  end: ZipEndRecord;
  /** The lowest local header offset a central record claims: bytes before it are data before the first entry (a launcher stub). */
  firstLocalHeader: number | undefined;
  /** Bytes of the file. */
  size: number;
}

/** One entry's records as stored, and the header the reader made of them. */
export interface ZipRawEntry {
  central: ZipCentralRecord;
  /** The local header, when the reader read it: always for entries with data, when it lies near the others for directories and empty files. */
  local: ZipLocalHeader | undefined;
  header: EntryHeader;
}

export interface ZipReadOptions {
  /** Called once an entry, in central-directory order, right before the visitor's `visit` (its `wants` may have come earlier). The records' byte fields are views: copy what you keep. */
  onEntry?: (entry: ZipRawEntry) => void;
}

export interface ZipReadResult {
  entries: number;
  bytes: number;
  /** SHA-256 of the zip file (read from a path); undefined for a zip read from bytes. */
  sha256: string | undefined;
  layout: ZipLayout;
}

/** One pass over a zip (a file path, or bytes already in memory for an archive inside the package). */
export async function readZip(source: string | Buffer, visitor: EntryVisitor, limits: Limits, options: ZipReadOptions = {}): Promise<ZipReadResult> {
  const bytes = typeof source === 'string' ? await FileSource.open(source) : new BufferSource(source);
  let workers: ReadWorkers | undefined;
  let packageHash: Promise<string> | undefined;
  try {
    if (typeof source === 'string') {
      if (bytes.size >= WORKERS_FROM) {
        workers = new ReadWorkers(workerCount());
        packageHash = workers.run({ kind: 'hash-file', path: source }).then((reply) => reply.sha256);
      } else {
        packageHash = Promise.resolve(runHere({ kind: 'hash-file', path: source }).sha256);
      }
      // a failure of the reader is the one to report; this one must not go unhandled meanwhile
      packageHash.catch(() => undefined);
    }
    const reader = new ZipReader(bytes, visitor, limits, options, workers);
    const result = await reader.read();
    return { ...result, sha256: await packageHash };
  } finally {
    await workers?.close();
    await bytes.close();
  }
}

interface ByteSource {
  readonly size: number;
  /**
   * `length` bytes at `position`, fewer only where the file ends. A file's are read into
   * `into` when it is given and large enough, else into a buffer of their own: either
   * way the view starts its ArrayBuffer, which can be handed to a worker.
   */
  read(position: number, length: number, into?: ArrayBuffer): Promise<Buffer>;
  /** The bytes of [start, end), in pieces. */
  chunks(start: number, end: number): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

class FileSource implements ByteSource {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    const handle = await open(path, 'r');
    try {
      return new FileSource(handle, (await handle.stat()).size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(position: number, length: number, into?: ArrayBuffer): Promise<Buffer> {
    const wanted = Math.max(0, Math.min(length, this.size - position));
    const buffer = into && into.byteLength >= wanted ? Buffer.from(into, 0, wanted) : Buffer.allocUnsafeSlow(wanted);
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await this.handle.read(buffer, done, buffer.length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  }

  async *chunks(start: number, end: number): AsyncGenerator<Buffer> {
    for (let at = start; at < end; at += FILE_CHUNK) {
      const chunk = await this.read(at, Math.min(FILE_CHUNK, end - at));
      if (chunk.length === 0) return;
      yield chunk;
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

class BufferSource implements ByteSource {
  readonly size: number;

  constructor(private readonly bytes: Buffer) {
    this.size = bytes.length;
  }

  read(position: number, length: number): Promise<Buffer> {
    return Promise.resolve(this.bytes.subarray(position, Math.min(this.size, position + length)));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async *chunks(start: number, end: number): AsyncGenerator<Buffer> {
    for (let at = start; at < Math.min(end, this.size); at += FILE_CHUNK) yield this.bytes.subarray(at, Math.min(end, at + FILE_CHUNK));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** An entry on its way through a batch. */
interface Pending {
  central: ZipCentralRecord;
  header: EntryHeader;
  /** Made when the entry is admitted: the visitor is asked what it wants before the data is inflated. */
  sink: EntrySink;
  /** Its data is inflated (a file with content, a symlink's target). */
  data: boolean;
  /** The range of the file its local header (and data) should lie in; undefined when it lies outside the file. */
  start?: number;
  end?: number;
  local?: ZipLocalHeader | undefined;
  /** Why its local header or data cannot be read: thrown when its turn comes, after the entries before it. */
  problem?: PackageFormatError | undefined;
  /** Extractors read it differently (zip-readings.ts): each reading is visited, the sink hashes the data for the files among them. */
  readings?: ZipEntryReadings | undefined;
  stamp?: { by: number; divergence: Divergence } | undefined;
  /** Its row in the table of records read (for the check of the local headers). */
  listed: number;
}

interface Batch {
  entries: Pending[];
  start: number;
  end: number;
  output: number;
}

interface Done {
  batch: Batch;
  reply: InflateReply | undefined;
}

/** A central record read, as a reader of the local headers must find it. */
interface Listed {
  compressedSize: number;
  method: number;
  flags: number;
  /** Its local header, when read: how long it is, and the size it gives. */
  local: { length: number; compressedSize: number } | undefined;
}

/** The central records read, a few numbers each (a zip of hundreds of thousands of entries keeps no object per entry here). */
class ListedTable {
  private offsets = new Float64Array(1024);
  private sizes = new Float64Array(1024);
  private kinds = new Int32Array(1024);
  private localLengths = new Int32Array(1024);
  private localSizes = new Float64Array(1024);
  count = 0;

  add(central: ZipCentralRecord): number {
    if (this.count === this.offsets.length) this.grow();
    const index = this.count++;
    this.offsets[index] = central.localHeaderOffset;
    this.sizes[index] = central.compressedSize;
    this.kinds[index] = (central.flags << 16) | (central.method & 0xffff);
    this.localLengths[index] = -1;
    return index;
  }

  setLocal(index: number, local: ZipLocalHeader): void {
    this.localLengths[index] = local.dataOffset - local.offset;
    this.localSizes[index] = local.compressedSize;
  }

  offset(index: number): number {
    return this.offsets[index] as number;
  }

  get(index: number): Listed {
    const kind = this.kinds[index] as number;
    const length = this.localLengths[index] as number;
    return {
      compressedSize: this.sizes[index] as number,
      method: kind & 0xffff,
      flags: kind >>> 16,
      local: length < 0 ? undefined : { length, compressedSize: this.localSizes[index] as number },
    };
  }

  /** Indices in the order of their local headers in the file. */
  order(): number[] {
    const indices = Array.from({ length: this.count }, (_, i) => i);
    return indices.sort((a, b) => (this.offsets[a] as number) - (this.offsets[b] as number));
  }

  /** By local header offset (made for a walk of the local headers only). */
  byOffset(): Map<number, Listed> {
    const map = new Map<number, Listed>();
    for (let i = 0; i < this.count; i++) map.set(this.offsets[i] as number, this.get(i));
    return map;
  }

  private grow(): void {
    const size = this.offsets.length * 2;
    const offsets = new Float64Array(size);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const sizes = new Float64Array(size);
    sizes.set(this.sizes);
    this.sizes = sizes;
    const kinds = new Int32Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const lengths = new Int32Array(size);
    lengths.set(this.localLengths);
    this.localLengths = lengths;
    const localSizes = new Float64Array(size);
    localSizes.set(this.localSizes);
    this.localSizes = localSizes;
  }
}

const DESCRIPTOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const DESCRIPTOR_WINDOW = 1024 * 1024;

/** A central directory as one end record locates it, and the extractors that read it. */
interface DirectoryView {
  offset: number;
  count: number;
  size: number;
  readers: number;
}

function directoryOf(end: ZipEndRecord): DirectoryView {
  const zip64 = end.zip64;
  return zip64
    ? { offset: zip64.directoryOffset, count: zip64.entries, size: zip64.directorySize, readers: ZIP_READERS }
    : { offset: end.directoryOffset, count: end.entries, size: end.directorySize, readers: ZIP_READERS };
}

class ZipReader {
  /** The extractors that list the entries being read, when not all do (another directory, records past the count). */
  private stamp: { by: number; divergence: Divergence } | undefined;
  private readonly listing: Divergence = { at: '.', what: 'which central directory lists the entries', readers: ZIP_READERS };
  /** The central records read, by the offset of their local header: what a reader of the local headers must find there. */
  private readonly listed = new ListedTable();
  private entries = 0;
  private bytes = 0;
  private firstLocalHeader: number | undefined;
  private readonly queue: Promise<Done>[] = [];
  private batch: Batch = emptyBatch();
  /** Windows the workers handed back, to be read into again. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(
    private readonly source: ByteSource,
    private readonly visitor: EntryVisitor,
    private readonly limits: Limits,
    private readonly options: ZipReadOptions,
    private readonly workers: ReadWorkers | undefined,
  ) {}

  async read(): Promise<{ entries: number; bytes: number; layout: ZipLayout }> {
    try {
      const { end, tail, tailOffset } = await this.readEnd();
      const views = await this.views(end, tail, tailOffset);
      // more than one central directory (hostile only): which extractors list each record, before any is read
      const plan = views.length > 1 ? await this.plan(views, end.offset) : undefined;
      const seen = new Set<number>();
      for (const view of views) await this.readView(view, end.offset, plan, seen);
      await this.flush();
      await this.drain(0);
      await this.walkLocalHeaders(views[0]?.offset ?? end.offset);
      return { entries: this.entries, bytes: this.bytes, layout: { end, firstLocalHeader: this.firstLocalHeader, size: this.source.size } };
    } finally {
      // batches still in flight after a failure: their outcome no longer matters, but must not go unhandled
      for (const done of this.queue) done.catch(() => undefined);
    }
  }

  /**
   * Where each extractor finds the central directory: the last end record's, its zip64
   * record's when there is one (bsdtar, libzip, Python), the classic one where it points
   * elsewhere and is no zip64 placeholder (unzip), and the first end record whose directory
   * holds together (libzip, where that is another one). An honest zip has one.
   */
  private async views(end: ZipEndRecord, tail: Buffer, tailOffset: number): Promise<DirectoryView[]> {
    const main: DirectoryView = directoryOf(end);
    const views: DirectoryView[] = [main];
    const classic: DirectoryView = { offset: end.directoryOffset, count: end.entries, size: end.directorySize, readers: UNZIP };
    const placeholder = end.entries === 0xffff || end.directoryOffset === 0xffffffff || end.directorySize === 0xffffffff;
    if (end.zip64 && !placeholder && classic.offset !== main.offset) {
      main.readers &= ~UNZIP;
      views.push(classic);
    }
    const libzip = await this.libzipEnd(tail, tailOffset);
    if (libzip && libzip.offset !== end.offset) {
      const other = directoryOf(libzip);
      for (const view of views) view.readers &= ~PHP_ZIP;
      other.readers = PHP_ZIP;
      views.push(other);
    }
    return views.filter((view) => view.readers !== 0);
  }

  /** libzip's end record: of those in the tail, front to back, the first whose directory starts with a central record. */
  private async libzipEnd(tail: Buffer, tailOffset: number): Promise<ZipEndRecord | undefined> {
    for (let at = 0; at + END_SIZE <= tail.length; at++) {
      if (tail[at] !== 0x50 || tail.readUInt32LE(at) !== END_SIGNATURE) continue;
      const end = parseEndRecord(tail, at, tailOffset);
      if (end.trailingBytes < 0) continue;
      if (end.entries === 0) return end;
      if (end.directoryOffset + 4 > tailOffset + at) continue;
      const head = await this.source.read(end.directoryOffset, 4);
      if (head.length === 4 && head.readUInt32LE(0) === CENTRAL_SIGNATURE) return end;
    }
    return undefined;
  }

  /** The readers of every central record of every view: a record several directories list is one entry. */
  private async plan(views: readonly DirectoryView[], endOffset: number): Promise<Map<number, number>> {
    const readers = new Map<number, number>();
    for (const view of views) {
      const cursor = new DirectoryCursor(this.source, view.offset);
      for (let index = 0; ; index++) {
        const who = await this.listedBy(view, cursor, index, endOffset);
        if (who === 0) break;
        readers.set(cursor.position, (readers.get(cursor.position) ?? 0) | who);
        await cursor.next(index);
      }
    }
    return readers;
  }

  /**
   * Who reads the record at the cursor as part of the view: all its readers up to the
   * count the end record gives; past it, bsdtar and Python up to the directory's size and
   * unzip on to the last central record; 0 where the directory ends for everyone.
   */
  private async listedBy(view: DirectoryView, cursor: DirectoryCursor, index: number, endOffset: number): Promise<number> {
    // bsdtar and Python stop at the directory's size, the count or not
    if (index < view.count) return cursor.position < view.offset + view.size ? view.readers : view.readers & ~(BSDTAR | PY_ZIP);
    if (cursor.position + CENTRAL_SIZE > endOffset || !(await cursor.atRecord())) return 0;
    return view.readers & (cursor.position < view.offset + view.size ? BSDTAR | PY_ZIP | UNZIP : UNZIP);
  }

  private async readView(view: DirectoryView, endOffset: number, plan: Map<number, number> | undefined, seen: Set<number>): Promise<void> {
    const cursor = new DirectoryCursor(this.source, view.offset);
    for (let index = 0; ; index++) {
      let readers = await this.listedBy(view, cursor, index, endOffset);
      if (readers === 0) break;
      if (plan) {
        if (seen.has(cursor.position)) {
          await cursor.next(index);
          continue;
        }
        seen.add(cursor.position);
        readers = plan.get(cursor.position) ?? readers;
      }
      this.stamp = readers === ZIP_READERS ? undefined : { by: readers, divergence: this.listing };
      {
        if (++this.entries > this.limits.maxEntries) throw new PackageFormatError(`more than ${this.limits.maxEntries} entries`);
        const central = await cursor.next(index);
        this.firstLocalHeader = Math.min(this.firstLocalHeader ?? central.localHeaderOffset, central.localHeaderOffset);
        const pending = this.admit(central);
        if (pending.data && (central.uncompressedSize >= STREAM_FROM || central.compressedSize >= STREAM_FROM)) {
          await this.flush();
          await this.drain(0);
          await this.stream(pending);
          continue;
        }
        if (!this.fits(pending)) await this.flush();
        this.add(pending);
      }
    }
  }

  private async readEnd(): Promise<{ end: ZipEndRecord; tail: Buffer; tailOffset: number }> {
    const tailOffset = Math.max(0, this.source.size - END_SEARCH);
    const tail = await this.source.read(tailOffset, this.source.size - tailOffset);
    const at = findEndRecord(tail);
    if (at < 0) throw new UnreadablePackageError('it has no end of central directory record: not a zip, or cut short');
    const end = parseEndRecord(tail, at, tailOffset);
    if (end.trailingBytes !== 0) {
      throw new UnreadablePackageError(`its end record declares a ${end.commentLength}-byte comment, but ${end.comment.length + Math.max(0, end.trailingBytes)} bytes follow it`);
    }
    const locator = parseZip64Locator(tail, at, tailOffset);
    if (locator) {
      const bytes = await this.source.read(locator.endOffset, ZIP64_END_SIZE);
      if (bytes.length < ZIP64_END_SIZE) throw new UnreadablePackageError('its zip64 end record lies past the end of the file');
      end.zip64 = parseZip64End(bytes, locator);
      if (!end.zip64.signatureValid) throw new UnreadablePackageError('its zip64 end record has a bad signature');
      if (end.zip64.disk !== 0) throw new UnreadablePackageError(`it spans several disks (this is disk ${end.zip64.disk}): multi-disk zips cannot be read`);
    } else if (end.disk !== 0) {
      throw new UnreadablePackageError(`it spans several disks (this is disk ${end.disk}): multi-disk zips cannot be read`);
    }
    return { end, tail, tailOffset };
  }

  /** The entry's header and every refusal its central record alone decides. */
  private admit(central: ZipCentralRecord): Pending {
    const where = `central directory record ${central.index + 1}`;
    if (central.flags & FLAG_STRONG_ENCRYPTION) throw new UnreadablePackageError(`${where} uses strong encryption, which cannot be read`);
    if (central.extraOverflow > 0) throw new UnreadablePackageError(`the extra field of ${where} runs past its end`);
    if (central.zip64Missing) throw new UnreadablePackageError(`the zip64 extra field of ${where} lacks its ${central.zip64Missing}`);
    const encrypted = (central.flags & FLAG_ENCRYPTED) !== 0;
    if (central.method === 0 && central.compressedSize !== central.uncompressedSize + (encrypted ? 12 : 0)) {
      throw new UnreadablePackageError(`${where} stores ${central.compressedSize} bytes for an entry of ${central.uncompressedSize}`);
    }
    const header = describeEntry(central, this.limits);
    // an entry every zip extractor writes alike (most) has the one header; else one reading per way they write it
    const facts = factsOf(central, undefined);
    const readings = plainZipEntry(facts) ? undefined : zipEntryReadings(facts, header);
    if (readings ? readings.files.length > 0 : header.type === 'file') {
      this.bytes += central.uncompressedSize;
      if (this.bytes > this.limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
    }
    let data = readings ? readings.files.length + readings.links.length > 0 : header.type === 'file' && header.size > 0;
    if (readings ? readings.links.length > 0 : header.type === 'symlink') {
      if (central.uncompressedSize > this.limits.maxNameBytes) {
        throw new PackageFormatError(`the link target of '${header.path}' is over the ${this.limits.maxNameBytes}-byte bound`);
      }
      data = true;
    }
    if (data) {
      if (encrypted) throw new PackageFormatError(`entry '${header.path}' is encrypted`);
      if (central.method !== 0 && central.method !== 8) {
        throw new PackageFormatError(`entry '${header.path}' uses compression method ${central.method}, only stored and deflate can be read`);
      }
      // an empty symlink target has no data to read
      if (central.uncompressedSize === 0) data = false;
    }
    this.stamped(header, readings, this.stamp);
    const pending: Pending = { central, header, sink: this.sinkFor(header, readings, central.uncompressedSize), data, readings, stamp: this.stamp, listed: this.listed.add(central) };
    if (central.localHeaderOffset < this.source.size) {
      pending.start = central.localHeaderOffset;
      pending.end = Math.min(
        this.source.size,
        central.localHeaderOffset + LOCAL_SIZE + central.name.length + central.extra.length + LOCAL_SLACK + (data ? central.compressedSize : 0),
      );
    } else if (data) {
      pending.problem = new UnreadablePackageError(`the local header of '${header.path}' lies past the end of the file`);
    }
    return pending;
  }

  /** The sink the entry's data is hashed in: the one header's, or one shared by the readings that are files of it. */
  private sinkFor(header: EntryHeader, readings: ZipEntryReadings | undefined, size: number): EntrySink {
    if (!readings) return new EntrySink(this.visitor, header);
    if (readings.files.length === 1 && readings.links.length === 0) return new EntrySink(this.visitor, readings.files[0] as EntryHeader);
    return new EntrySink(new FanOut(this.visitor, readings.files), FanOut.carrier(size));
  }

  /**
   * Its local header read: where it names the entry otherwise than the central record
   * (bsdtar reads the local name and its Unicode Path extra; Python refuses), the readings
   * are made again from both, before the data is inflated.
   */
  private withLocal(pending: Pending): void {
    if (!pending.local) return;
    const facts = factsOf(pending.central, pending.local);
    if (!localDiffers(facts)) return;
    pending.readings = zipEntryReadings(facts, pending.header);
    this.stamped(pending.header, pending.readings, pending.stamp);
    pending.sink = this.sinkFor(pending.header, pending.readings, pending.central.uncompressedSize);
  }

  /**
   * What bsdtar finds reading the zip from a pipe (it cannot seek): the local headers,
   * front to back, each entry's data as long as its local header says (or up to its data
   * descriptor), until something that is not a local header. In an honest zip they tile
   * the file up to the central directory and say what the central records say: that is
   * checked from what the central pass read. Otherwise the local headers are walked, and
   * every entry they hold that no central record read gives is a reading of its own.
   */
  private async walkLocalHeaders(directory: number): Promise<void> {
    const order = this.listed.order();
    let expected = 0;
    let tiles = true;
    for (let i = 0; i < order.length && tiles; i++) {
      const offset = this.listed.offset(order[i] as number);
      const listed = this.listed.get(order[i] as number);
      if (offset !== expected) tiles = false;
      else if (!listed.local) {
        const local = await this.localAt(offset);
        if (!local) tiles = false;
        else listed.local = { length: local.dataOffset - offset, compressedSize: local.compressedSize };
      }
      if (!tiles || !listed.local) break;
      const dataEnd = offset + listed.local.length + listed.compressedSize;
      if (listed.flags & FLAG_DATA_DESCRIPTOR) {
        // a stored entry with a descriptor is read to the first descriptor that fits: only a walk tells where
        if (listed.method === 0) tiles = false;
        const following = order[i + 1];
        const next = following === undefined ? directory : this.listed.offset(following);
        expected = [12, 16, 20, 24].includes(next - dataEnd) ? next : -1;
      } else {
        if (listed.local.compressedSize !== listed.compressedSize) tiles = false;
        expected = dataEnd;
      }
    }
    if (tiles && expected === directory) return;
    await this.walk();
  }

  private async localAt(offset: number): Promise<ZipLocalHeader | undefined> {
    const fixed = await this.source.read(offset, LOCAL_SIZE);
    if (fixed.length < LOCAL_SIZE || fixed.readUInt32LE(0) !== LOCAL_SIGNATURE) return undefined;
    const whole = await this.source.read(offset, LOCAL_SIZE + fixed.readUInt16LE(26) + fixed.readUInt16LE(28));
    if (whole.length < LOCAL_SIZE + fixed.readUInt16LE(26) + fixed.readUInt16LE(28)) return undefined;
    return parseLocalHeader(whole, 0, offset);
  }

  private async walk(): Promise<void> {
    const divergence: Divergence = { at: '.', what: 'what a reader of the local headers finds', readers: ZIP_READERS };
    const listedAt = this.listed.byOffset();
    let offset = 0;
    for (let count = 0; offset + LOCAL_SIZE <= this.source.size; count++) {
      if (count > this.limits.maxEntries) throw new PackageFormatError(`more than ${this.limits.maxEntries} entries`);
      const local = await this.localAt(offset);
      if (!local) return;
      const listed = listedAt.get(offset);
      let compressed: number;
      let next: number;
      if (local.flags & FLAG_DATA_DESCRIPTOR) {
        if (local.method !== 0) {
          // a deflate stream ends by itself; where a central record gives its size, that size (see the README)
          if (!listed) throw new UnreadablePackageError(`a local header at byte ${offset} has a data descriptor and no central record: what a streaming extractor reads there cannot be told`);
          compressed = listed.compressedSize;
        } else {
          const found = await this.descriptor(local.dataOffset);
          if (found === undefined) return;
          compressed = found;
        }
        next = await this.afterDescriptor(local.dataOffset + compressed);
      } else {
        compressed = local.compressedSize;
        next = local.dataOffset + compressed;
      }
      if (local.dataOffset + compressed > this.source.size) return;
      // the entry a central record read, with the same bytes: already judged, as bsdtar from a pipe writes it too
      const same = listed && listed.compressedSize === compressed;
      if (!same) await this.walked(local, compressed, listed, divergence);
      offset = next;
    }
  }

  /** A stored entry with a data descriptor: the first descriptor signature whose compressed size is the bytes before it. */
  private async descriptor(dataOffset: number): Promise<number | undefined> {
    // windows that overlap by a descriptor's length, so that none is missed at a seam
    for (let at = dataOffset; at < this.source.size; at += DESCRIPTOR_WINDOW - 16) {
      const window = await this.source.read(at, DESCRIPTOR_WINDOW);
      for (let i = window.indexOf(DESCRIPTOR_SIGNATURE); i >= 0 && i + 16 <= window.length; i = window.indexOf(DESCRIPTOR_SIGNATURE, i + 1)) {
        if (window.readUInt32LE(i + 8) === at + i - dataOffset) return at + i - dataOffset;
      }
      if (window.length < DESCRIPTOR_WINDOW) break;
    }
    return undefined;
  }

  /** Where the next local header starts after a data descriptor (with or without its signature). */
  private async afterDescriptor(at: number): Promise<number> {
    const head = await this.source.read(at, 4);
    return head.length === 4 && head.readUInt32LE(0) === 0x08074b50 ? at + 16 : at + 12;
  }

  /** An entry of the local headers that no central record read the same way: bsdtar reading from a pipe writes it (and, stored, bsdtar and unzip write the bytes its local size gives). */
  private async walked(local: ZipLocalHeader, compressed: number, listed: Listed | undefined, divergence: Divergence): Promise<void> {
    if (local.method !== 0 && local.method !== 8) return;
    const facts: ZipEntryFacts = { versionMadeBy: 0, externalAttributes: 0, flags: local.flags, centralName: local.name, centralExtra: [], localName: local.name, localExtra: parseExtraFields(local.extra).fields, size: local.uncompressedSize };
    const named = zipNameFor(BSDTAR_STREAM, facts);
    if (!named) return;
    const folder = named.name.endsWith('/');
    const path = zipLanding(BSDTAR_STREAM, named.name, folder);
    if (path === undefined) return;
    let by = BSDTAR_STREAM;
    // unzip and bsdtar take a stored entry's length from its local header too
    if (listed && local.method === 0 && listed.method === 0 && !(local.flags & FLAG_DATA_DESCRIPTOR)) by |= UNZIP | BSDTAR;
    const header: EntryHeader = { path, type: folder ? 'dir' : 'file', mode: folder ? 0o775 : 0o664, size: 0, by, divergence };
    const stored = storedPath(named.name);
    if (stored !== path) header.stored = stored;
    if (folder) {
      new EntrySink(this.visitor, header).end();
      return;
    }
    if (++this.entries > this.limits.maxEntries) throw new PackageFormatError(`more than ${this.limits.maxEntries} entries`);
    const bytes: Buffer[] = [];
    let total = 0;
    const take = (piece: Buffer): void => {
      total += piece.length;
      if (total > this.limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
      bytes.push(Buffer.from(piece));
    };
    const end = local.dataOffset + compressed;
    if (local.method === 0) {
      for await (const chunk of this.source.chunks(local.dataOffset, end)) take(chunk);
    } else {
      try {
        await pipeline(Readable.from(this.source.chunks(local.dataOffset, end)), createInflateRaw({ chunkSize: INFLATE_CHUNK }), async (inflated: AsyncIterable<Buffer>) => {
          for await (const piece of inflated) take(piece);
        });
      } catch (error) {
        if (error instanceof PackageFormatError) throw error;
        // data a streaming extractor cannot inflate: it stops there, writing nothing more
        return;
      }
    }
    this.bytes += total;
    header.size = total;
    const sink = new EntrySink(this.visitor, header);
    for (const piece of bytes) sink.data(piece);
    sink.end();
  }

  /** An entry only some extractors list: each of its readings written by those of them only. */
  private stamped(header: EntryHeader, readings: ZipEntryReadings | undefined, stamp: { by: number; divergence: Divergence } | undefined): void {
    if (!stamp) return;
    for (const one of readings ? [...readings.files, ...readings.links, ...readings.others] : [header]) {
      one.by = (one.by ?? ZIP_READERS) & stamp.by;
      one.divergence ??= stamp.divergence;
    }
  }

  /** Leading bytes of the data to hand over: what the visitor asked for, and a link's whole target. */
  private wantedOf(pending: Pending): number {
    const links = pending.readings ? pending.readings.links.length > 0 : pending.header.type === 'symlink';
    return links ? Math.max(pending.central.uncompressedSize, pending.sink.wanted) : pending.sink.wanted;
  }

  /** Visit the entry's readings (links with their target, then the files through the sink), or its one header. */
  private finish(pending: Pending, leading: Buffer | undefined): void {
    const readings = pending.readings;
    if (readings) {
      const target = leading ? decodeName(leading.subarray(0, pending.central.uncompressedSize)).text : '';
      for (const link of readings.links) link.link = target;
      for (const header of [...readings.links, ...readings.others]) new EntrySink(this.visitor, header).end();
    }
    pending.sink.end();
  }

  private fits(pending: Pending): boolean {
    const batch = this.batch;
    if (batch.entries.length === 0) return true;
    if (batch.entries.length >= BATCH_ENTRIES) return false;
    if (pending.data && batch.output + pending.central.uncompressedSize > BATCH_OUTPUT) return false;
    if (pending.start === undefined || pending.end === undefined) return true;
    return Math.max(batch.end, pending.end) - Math.min(batch.start, pending.start) <= WINDOW;
  }

  private add(pending: Pending): void {
    const batch = this.batch;
    batch.entries.push(pending);
    if (pending.data) batch.output += pending.central.uncompressedSize;
    if (pending.start !== undefined && pending.end !== undefined) {
      batch.start = Math.min(batch.start, pending.start);
      batch.end = Math.max(batch.end, pending.end);
    }
  }

  /** Send the batch being filled on its way (read, then inflate), keeping at most AHEAD a thread in flight. */
  private async flush(): Promise<void> {
    const batch = this.batch;
    if (batch.entries.length === 0) return;
    this.batch = emptyBatch();
    const done = this.submit(batch);
    done.catch(() => undefined);
    this.queue.push(done);
    await this.drain(this.workers ? AHEAD * this.workers.size + 1 : 0);
  }

  /** Visit the batches in flight, oldest first, until at most `keep` are left. */
  private async drain(keep: number): Promise<void> {
    while (this.queue.length > keep) this.visitBatch(await (this.queue.shift() as Promise<Done>));
  }

  private async submit(batch: Batch): Promise<Done> {
    const length = batch.end - batch.start;
    let window = length > 0 ? await this.source.read(batch.start, length, this.spareWindow(length)) : Buffer.alloc(0);
    const needed = this.findLocalHeaders(batch, window);
    if (needed > batch.start + window.length) {
      // local extra fields longer than the slack allowed for: read the rest, and the headers again from the whole
      const rest = await this.source.read(batch.start + window.length, needed - batch.start - window.length);
      const whole = Buffer.allocUnsafeSlow(window.length + rest.length);
      window.copy(whole, 0);
      rest.copy(whole, window.length);
      window = whole;
      this.findLocalHeaders(batch, window);
    }
    for (const pending of batch.entries) this.withLocal(pending);
    const jobs = new Float64Array(batch.entries.length * INFLATE_FIELDS).fill(-1);
    let any = false;
    for (const [index, pending] of batch.entries.entries()) {
      if (!pending.data || !pending.local || pending.problem) continue;
      const at = index * INFLATE_FIELDS;
      jobs[at] = window.byteOffset + pending.local.dataOffset - batch.start;
      jobs[at + 1] = pending.central.compressedSize;
      jobs[at + 2] = pending.central.uncompressedSize;
      jobs[at + 3] = pending.central.method;
      // a symlink's whole target; a file's leading bytes the visitor asked for
      jobs[at + 4] = this.wantedOf(pending);
      any = true;
    }
    if (!any) return { batch, reply: undefined };
    const task: InflateTask = { kind: 'inflate', window: window.buffer as ArrayBuffer, jobs };
    if (!this.workers) return { batch, reply: runHere(task) };
    // the window was read into a buffer of its own: hand it over rather than copy it, and take it back after
    const reply = await this.workers.run(task, [task.window]);
    this.spare.push(reply.window);
    return { batch, reply };
  }

  /** A window a worker handed back, large enough for `length` bytes (a file is read on worker threads only). */
  private spareWindow(length: number): ArrayBuffer | undefined {
    if (!this.workers) return undefined;
    const index = this.spare.findIndex((window) => window.byteLength >= length);
    if (index >= 0) return this.spare.splice(index, 1)[0];
    // new windows are made as large as a batch reads, so that any of them can be used again
    return new ArrayBuffer(Math.max(length, WINDOW + 64 * 1024));
  }

  /** Parse the local header of each entry of the batch from its window; the end of the file its data needs read. */
  private findLocalHeaders(batch: Batch, window: Buffer): number {
    let needed = batch.start + window.length;
    for (const pending of batch.entries) {
      // (an entry without a start lies past the end of the file: admit said so)
      if (pending.start === undefined) continue;
      pending.local = undefined;
      pending.problem = undefined;
      const at = pending.start - batch.start;
      if (at + LOCAL_SIZE > window.length) {
        if (pending.data) pending.problem = new UnreadablePackageError(`the local header of '${pending.header.path}' is cut short by the end of the file`);
        continue;
      }
      const local = parseLocalHeader(window, at, pending.start);
      if (!local.signatureValid) {
        if (pending.data) pending.problem = new UnreadablePackageError(`the local header of '${pending.header.path}' has a bad signature`);
        continue;
      }
      pending.local = local;
      this.listed.setLocal(pending.listed, local);
      if (!pending.data) continue;
      const dataEnd = local.dataOffset + pending.central.compressedSize;
      if (dataEnd > this.source.size) {
        pending.problem = new UnreadablePackageError(`the data of '${pending.header.path}' runs past the end of the file`);
        continue;
      }
      needed = Math.max(needed, dataEnd);
    }
    return needed;
  }

  private visitBatch({ batch, reply }: Done): void {
    const content = reply ? Buffer.from(reply.content) : undefined;
    let at = 0;
    for (const [index, pending] of batch.entries.entries()) {
      if (pending.problem) throw pending.problem;
      if (pending.data) {
        if (!reply || !content) throw new UnreadablePackageError(`entry '${pending.header.path}' was not read`);
        if (reply.failure?.index === index) throw new UnreadablePackageError(`entry '${pending.header.path}' ${reply.failure.message}`);
        const length = reply.lengths[index] ?? 0;
        const leading = content.subarray(at, at + length);
        at += length;
        if (pending.readings) {
          // a link's whole target came along: the files get what they asked for
          pending.sink.hashed(reply.digests[index] as string, leading.subarray(0, Math.min(leading.length, pending.sink.wanted)));
          this.options.onEntry?.({ central: pending.central, local: pending.local, header: pending.header });
          this.finish(pending, leading);
          continue;
        }
        if (pending.header.type === 'symlink') pending.header.link = decodeName(leading).text;
        else pending.sink.hashed(reply.digests[index] as string, leading);
      } else if (pending.header.type === 'symlink') {
        pending.header.link = '';
      }
      this.options.onEntry?.({ central: pending.central, local: pending.local, header: pending.header });
      this.finish(pending, undefined);
    }
  }

  /** An entry too big for a batch: read and inflated in pieces (on zlib's thread pool), hashed as they come. */
  private async stream(pending: Pending): Promise<void> {
    const { central, header } = pending;
    if (pending.problem) throw pending.problem;
    const fixed = await this.source.read(central.localHeaderOffset, LOCAL_SIZE);
    if (fixed.length < LOCAL_SIZE) throw new UnreadablePackageError(`the local header of '${header.path}' is cut short by the end of the file`);
    const lengths = fixed.readUInt16LE(26) + fixed.readUInt16LE(28);
    const whole = await this.source.read(central.localHeaderOffset, LOCAL_SIZE + lengths);
    const local = parseLocalHeader(whole, 0, central.localHeaderOffset);
    if (!local.signatureValid) throw new UnreadablePackageError(`the local header of '${header.path}' has a bad signature`);
    const dataEnd = local.dataOffset + central.compressedSize;
    if (dataEnd > this.source.size) throw new UnreadablePackageError(`the data of '${header.path}' runs past the end of the file`);
    pending.local = local;
    this.listed.setLocal(pending.listed, local);
    this.withLocal(pending);
    const sink = pending.sink;
    // a link's target read on the way (an entry this big is a link to no extractor but unzip and bsdtar)
    let leading: Buffer | undefined;
    const declared = central.uncompressedSize;
    let seen = 0;
    // the pipeline may report its own abort rather than the error that stopped it: keep that one
    let stopped: PackageFormatError | undefined;
    const take = (piece: Buffer): void => {
      seen += piece.length;
      if (seen > declared) throw (stopped = new UnreadablePackageError(`entry '${header.path}' inflates past the ${declared} bytes it declares`));
      if (pending.readings?.links.length && leading === undefined) leading = Buffer.from(piece.subarray(0, this.limits.maxNameBytes));
      sink.data(piece);
    };
    if (central.method === 0) {
      for await (const chunk of this.source.chunks(local.dataOffset, dataEnd)) take(chunk);
    } else {
      try {
        await pipeline(Readable.from(this.source.chunks(local.dataOffset, dataEnd)), createInflateRaw({ chunkSize: INFLATE_CHUNK }), async (inflated: AsyncIterable<Buffer>) => {
          for await (const piece of inflated) take(piece);
        });
      } catch (error) {
        if (stopped) throw stopped;
        if (error instanceof PackageFormatError) throw error;
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !code.startsWith('Z_')) throw error;
        throw new UnreadablePackageError(`entry '${header.path}' has damaged deflate data (${(error as Error).message})`, { cause: error });
      }
    }
    if (seen !== declared) throw new UnreadablePackageError(`entry '${header.path}' inflates to ${seen} bytes, not the ${declared} it declares`);
    this.options.onEntry?.({ central, local, header });
    this.finish(pending, leading);
  }
}

function emptyBatch(): Batch {
  return { entries: [], start: Number.POSITIVE_INFINITY, end: 0, output: 0 };
}

/** The central directory, read in pieces and parsed one record at a time. */
class DirectoryCursor {
  private chunk: Buffer = Buffer.alloc(0);
  private chunkAt = 0;

  constructor(
    private readonly source: ByteSource,
    private at: number,
  ) {}

  /** Where the next record starts in the file. */
  get position(): number {
    return this.at;
  }

  /** Does a central record's signature start at the position (false at the end of the file)? */
  async atRecord(): Promise<boolean> {
    if (!this.holds(4)) {
      this.chunk = await this.source.read(this.at, DIRECTORY_CHUNK);
      this.chunkAt = this.at;
      if (this.chunk.length < 4) return false;
    }
    return this.chunk.readUInt32LE(this.at - this.chunkAt) === CENTRAL_SIGNATURE;
  }

  async next(index: number): Promise<ZipCentralRecord> {
    if (!this.holds(CENTRAL_SIZE)) await this.fill(CENTRAL_SIZE, index);
    let offset = this.at - this.chunkAt;
    if (this.chunk.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw new UnreadablePackageError(`central directory record ${index + 1} has a bad signature (0x${this.chunk.readUInt32LE(offset).toString(16)})`);
    }
    const length = centralRecordLength(this.chunk, offset);
    if (!this.holds(length)) {
      await this.fill(length, index);
      offset = 0;
    }
    const record = parseCentralRecord(this.chunk, offset, this.at, index);
    this.at += length;
    return record;
  }

  private holds(length: number): boolean {
    return this.at >= this.chunkAt && this.at + length <= this.chunkAt + this.chunk.length;
  }

  private async fill(length: number, index: number): Promise<void> {
    this.chunk = await this.source.read(this.at, Math.max(DIRECTORY_CHUNK, length));
    this.chunkAt = this.at;
    if (this.chunk.length < length) throw new UnreadablePackageError(`central directory record ${index + 1} is cut short by the end of the file`);
  }
}

function describeEntry(central: ZipCentralRecord, limits: Limits): EntryHeader {
  if (central.name.length > limits.maxNameBytes) {
    throw new PackageFormatError(`an entry name of ${central.name.length} bytes is over the ${limits.maxNameBytes}-byte bound`);
  }
  const { text, bad } = entryName(central);
  const path = storedPath(text);
  const host = central.versionMadeBy >> 8;
  const unix = host === HOST_UNIX || host === HOST_OSX ? central.externalAttributes >>> 16 : 0;
  const format = unix & S_IFMT;
  const special = UNIX_SPECIALS.get(format);
  let type: EntryHeader['type'];
  if (special) type = 'other';
  else type = UNIX_TYPES.get(format) ?? (text.endsWith('/') || central.externalAttributes & DOS_DIRECTORY ? 'dir' : 'file');
  const permissions = unix & 0o7777;
  const mode = permissions !== 0 ? permissions : type === 'dir' ? 0o755 : 0o644;
  const header: EntryHeader = { path, type, mode, size: type === 'file' ? central.uncompressedSize : 0 };
  const owner = unixOwner(central);
  if (owner) {
    header.uid = owner.uid;
    header.gid = owner.gid;
  }
  if (special) header.special = special;
  if (bad) header.badName = true;
  return header;
}

function entryName(central: ZipCentralRecord): { text: string; bad: boolean } {
  const declaredUtf8 = (central.flags & FLAG_UTF8) !== 0;
  if (declaredUtf8) return decodeName(central.name);
  const hasUnicodeExtra = central.extraFields.some((field) => field.id === EXTRA_UNICODE_PATH);
  if (!hasUnicodeExtra) {
    // Info-ZIP on Unix stores UTF-8 without setting the flag; only fall back to CP437 when it is not UTF-8
    const utf8 = decodeName(central.name);
    if (!utf8.bad) return utf8;
  }
  // the Unicode Path extra field when its CRC matches the stored name, else CP437
  return { text: yauzl.getFileNameLowLevel(central.flags, central.name, central.extraFields, true), bad: false };
}

function unixOwner(central: ZipCentralRecord): { uid: number; gid: number } | undefined {
  const field = central.extraFields.find((candidate) => candidate.id === EXTRA_UNIX_OWNER);
  if (!field || field.data.length < 3 || field.data[0] !== 1) return undefined;
  const data = field.data;
  const uidSize = data[1] as number;
  const gidAt = 2 + uidSize;
  if (uidSize > 6 || gidAt >= data.length) return undefined;
  const gidSize = data[gidAt] as number;
  if (gidSize > 6 || gidAt + 1 + gidSize > data.length) return undefined;
  return {
    uid: uidSize === 0 ? 0 : data.readUIntLE(2, uidSize),
    gid: gidSize === 0 ? 0 : data.readUIntLE(gidAt + 1, gidSize),
  };
}

/** An entry's records as zip-readings.ts reads them. */
function factsOf(central: ZipCentralRecord, local: ZipLocalHeader | undefined): ZipEntryFacts {
  const facts: ZipEntryFacts = {
    versionMadeBy: central.versionMadeBy,
    externalAttributes: central.externalAttributes,
    flags: central.flags,
    centralName: central.name,
    centralExtra: central.extraFields,
    size: central.uncompressedSize,
  };
  if (local) {
    facts.localName = local.name;
    facts.localExtra = parseExtraFields(local.extra).fields;
  }
  return facts;
}
