import type { SpecialKind } from '../model.js';
import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { parsePax, type PaxFields } from './pax.js';
import { BLOCK, LINK_AT, NAME_AT, PREFIX_AT, TarFormatError, decodeHeader, decodeName, isZeroBlock, type RawHeader } from './tar-header.js';
import { storedPath } from './stored-path.js';
import { FanOut } from './fan-out.js';
import { mayLandElsewhere, tarLanding } from './landing.js';
import { TAR_READERS, readerBits, type Divergence } from './readers.js';

const enum State {
  Header,
  Data,
  Skip,
  Meta,
  SparseExtension,
}

const enum MetaKind {
  PaxLocal,
  PaxGlobal,
  LongName,
  LongLink,
}

const CHAR = (c: string): number => c.charCodeAt(0);
const T_FILE = CHAR('0');
const T_AFILE = 0;
const T_HARDLINK = CHAR('1');
const T_SYMLINK = CHAR('2');
const T_CHAR = CHAR('3');
const T_BLOCK = CHAR('4');
const T_DIR = CHAR('5');
const T_FIFO = CHAR('6');
const T_CONTIGUOUS = CHAR('7');
const T_PAX = CHAR('x');
const T_PAX_GLOBAL = CHAR('g');
const T_GNU_LONGNAME = CHAR('L');
const T_GNU_LONGLINK = CHAR('K');
const T_GNU_DUMPDIR = CHAR('D');
const T_GNU_SPARSE = CHAR('S');

/**
 * A streaming tar parser: feed it chunks with `write`, then `end`. It calls the
 * visitor for every entry, hashing file content as it passes and never holding more
 * than one header and the content a visitor asked for.
 *
 * What counts as an entry's data follows GNU tar, the extractor most deployments run:
 * data follows every type but hardlinks and directories, whatever their size field says.
 * After a lone zero block it keeps reading (as `tar -i` does), so nothing a lenient
 * extractor would write can hide behind one.
 */
export class TarParser {
  private state = State.Header;
  private remaining = 0;
  private padding = 0;
  /** The bytes being skipped are only the padding after complete content. */
  private onlyPadding = false;
  private sink: EntrySink | undefined;
  private readonly carry = Buffer.alloc(BLOCK);
  private carryLength = 0;
  private position = 0;
  private zeroBlocks = 0;
  private ended = false;
  private meta: Buffer | undefined;
  private metaLength = 0;
  private metaKind = MetaKind.PaxLocal;
  private local: PaxFields = {};
  private hasLocal = false;
  private global: PaxFields = {};
  private longName: Buffer | undefined;
  private longLink: Buffer | undefined;
  private current = '';
  entries = 0;
  bytes = 0;

  constructor(
    private readonly visitor: EntryVisitor,
    private readonly limits: Limits,
  ) {}

  write(chunk: Buffer): void {
    let offset = 0;
    const length = chunk.length;
    while (offset < length && !this.ended) {
      switch (this.state) {
        case State.Data: {
          const n = Math.min(this.remaining, length - offset);
          (this.sink as EntrySink).data(offset === 0 && n === length ? chunk : chunk.subarray(offset, offset + n));
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            (this.sink as EntrySink).end();
            this.sink = undefined;
            this.skip(this.padding, true);
          }
          break;
        }
        case State.Skip: {
          const n = Math.min(this.remaining, length - offset);
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = State.Header;
          break;
        }
        case State.Meta: {
          const meta = this.meta as Buffer;
          const n = Math.min(this.remaining, length - offset);
          chunk.copy(meta, this.metaLength, offset, offset + n);
          this.metaLength += n;
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.applyMeta(meta);
            this.skip(this.padding, true);
          }
          break;
        }
        case State.Header:
        case State.SparseExtension: {
          let block: Buffer;
          let at: number;
          if (this.carryLength > 0 || length - offset < BLOCK) {
            const n = Math.min(BLOCK - this.carryLength, length - offset);
            chunk.copy(this.carry, this.carryLength, offset, offset + n);
            this.carryLength += n;
            offset += n;
            if (this.carryLength < BLOCK) break;
            this.carryLength = 0;
            block = this.carry;
            at = 0;
          } else {
            block = chunk;
            at = offset;
            offset += BLOCK;
          }
          const blockStart = this.position + offset - BLOCK;
          if (this.state === State.SparseExtension) {
            // old GNU sparse maps continue while byte 504 ("isextended") is set
            if (block[at + 504] === 0) this.skip(this.remaining);
          } else {
            this.header(block, at, blockStart);
          }
          break;
        }
      }
    }
    this.position += length;
  }

  /** The input is complete: anything but a header boundary means the archive was cut short. */
  end(): void {
    if (this.ended) return;
    if (this.state === State.Data || this.state === State.Meta || (this.state === State.Skip && !this.onlyPadding)) {
      throw new TarFormatError(`the archive ends inside '${this.current}' (${this.remaining} bytes missing)`);
    }
    if (this.carryLength > 0 || this.state === State.SparseExtension) {
      throw new TarFormatError('the archive ends inside a header');
    }
  }

  private skip(bytes: number, onlyPadding = false): void {
    this.onlyPadding = onlyPadding;
    this.remaining = bytes;
    this.state = bytes > 0 ? State.Skip : State.Header;
  }

  private header(block: Buffer, at: number, blockStart: number): void {
    if (block[at] === 0 && isZeroBlock(block, at)) {
      if (++this.zeroBlocks >= 2) this.ended = true;
      return;
    }
    this.zeroBlocks = 0;
    let raw: RawHeader;
    try {
      raw = decodeHeader(block, at);
    } catch (error) {
      const what = error instanceof Error ? error.message : String(error);
      throw new TarFormatError(
        this.entries === 0 && blockStart === 0 ? `not a tar archive (${what})` : `${what} at byte ${blockStart}`,
      );
    }
    const type = raw.typeflag;
    if (type === T_PAX || type === T_PAX_GLOBAL || type === T_GNU_LONGNAME || type === T_GNU_LONGLINK) {
      this.startMeta(raw, type);
      return;
    }
    this.entry(raw, type, block, at);
  }

  private startMeta(raw: RawHeader, type: number): void {
    const isName = type === T_GNU_LONGNAME || type === T_GNU_LONGLINK;
    const bound = isName ? this.limits.maxNameBytes : this.limits.maxPaxBytes;
    if (raw.size > bound) {
      throw new TarFormatError(`a ${isName ? 'GNU long name' : 'PAX header'} of ${raw.size} bytes is over the ${bound}-byte bound`);
    }
    this.metaKind =
      type === T_PAX ? MetaKind.PaxLocal : type === T_PAX_GLOBAL ? MetaKind.PaxGlobal : type === T_GNU_LONGNAME ? MetaKind.LongName : MetaKind.LongLink;
    this.meta = Buffer.allocUnsafe(raw.size);
    this.metaLength = 0;
    this.padding = padding(raw.size);
    this.current = 'an extended header';
    if (raw.size === 0) {
      this.applyMeta(this.meta);
      this.skip(0);
    } else {
      this.remaining = raw.size;
      this.state = State.Meta;
    }
  }

  private applyMeta(meta: Buffer): void {
    switch (this.metaKind) {
      case MetaKind.PaxLocal:
        parsePax(meta, this.local);
        this.hasLocal = true;
        break;
      case MetaKind.PaxGlobal:
        parsePax(meta, this.global);
        break;
      case MetaKind.LongName:
        this.longName = trimNul(meta);
        break;
      case MetaKind.LongLink:
        this.longLink = trimNul(meta);
        break;
    }
    this.meta = undefined;
  }

  private entry(raw: RawHeader, typeflag: number, block: Buffer, at: number): void {
    const local = this.local;
    const global = this.global;
    const longName = local.path ?? this.longName ?? global.path;
    const linkBytes = local.linkpath ?? this.longLink ?? global.linkpath;
    const longest = Math.max(longName?.length ?? 0, linkBytes?.length ?? 0);
    if (longest > this.limits.maxNameBytes) {
      throw new TarFormatError(`an entry name of ${longest} bytes is over the ${this.limits.maxNameBytes}-byte bound`);
    }
    const name = entryName(raw, block, at, longName);
    const size = local.size ?? global.size ?? raw.size;
    const uid = local.uid ?? global.uid ?? raw.uid;
    const gid = local.gid ?? global.gid ?? raw.gid;
    if (this.hasLocal) {
      this.local = {};
      this.hasLocal = false;
    }
    this.longName = undefined;
    this.longLink = undefined;

    if (++this.entries > this.limits.maxEntries) {
      throw new TarFormatError(`more than ${this.limits.maxEntries} entries`);
    }
    const path = storedPath(name.text);
    this.current = path;
    const header: EntryHeader = { path, type: 'file', mode: raw.mode & 0o7777, uid, gid, size: 0 };
    if (name.bad) header.badName = true;

    let dataBytes = size;
    let hashed = false;
    switch (typeflag) {
      case T_FILE:
      case T_AFILE:
        if (typeflag === T_AFILE && name.text.endsWith('/')) {
          header.type = 'dir'; // V7 archives marked directories with a trailing slash
          dataBytes = 0;
        } else {
          header.size = size;
          hashed = true;
        }
        break;
      case T_HARDLINK:
        header.type = 'hardlink';
        dataBytes = 0;
        break;
      case T_SYMLINK:
        header.type = 'symlink';
        break;
      case T_DIR:
        header.type = 'dir';
        dataBytes = 0;
        break;
      case T_GNU_DUMPDIR:
        header.type = 'dir';
        break;
      default:
        header.type = 'other';
        header.special = specialKind(typeflag);
        break;
    }
    if (header.type === 'symlink' || header.type === 'hardlink') {
      header.link = linkBytes ? decodeName(linkBytes).text : decodeName(block, at + LINK_AT, raw.linkEnd).text;
    }
    if (hashed) {
      this.bytes += size;
      if (this.bytes > this.limits.maxTotalBytes) {
        throw new TarFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
      }
    }

    const readings = mayLandElsewhere(path) ? landings(header, name.text) : undefined;
    const sink = readings === undefined ? new EntrySink(this.visitor, header) : this.readingsSink(readings, hashed, dataBytes);
    if (typeflag === T_GNU_SPARSE && block[at + 482] !== 0) {
      // extension blocks of the sparse map come before the data
      sink.end();
      this.state = State.SparseExtension;
      this.remaining = dataBytes + padding(dataBytes);
      return;
    }
    if (hashed && dataBytes > 0) {
      this.sink = sink;
      this.remaining = dataBytes;
      this.padding = padding(dataBytes);
      this.state = State.Data;
      return;
    }
    sink.end();
    this.skip(dataBytes + padding(dataBytes));
  }

  /** Several readings of one entry: the content (if any) hashed once for all of them; the others visited now. */
  private readingsSink(readings: readonly EntryHeader[], hashed: boolean, size: number): EntrySink {
    if (readings.length === 1) return new EntrySink(this.visitor, readings[0] as EntryHeader);
    if (hashed) return new EntrySink(new FanOut(this.visitor, readings), FanOut.carrier(size));
    for (let i = 1; i < readings.length; i++) new EntrySink(this.visitor, readings[i] as EntryHeader).end();
    return new EntrySink(this.visitor, readings[0] as EntryHeader);
  }
}

/**
 * An entry whose name may land elsewhere than it reads: one reading per place the tar
 * extractors put it (landing.ts), each with the extractors that do, and the stored name.
 */
function landings(header: EntryHeader, name: string): EntryHeader[] {
  const places = new Map<string | undefined, number>();
  for (const reader of readerBits(TAR_READERS)) {
    const place = tarLanding(reader, name, header.type === 'dir');
    places.set(place, (places.get(place) ?? 0) | reader);
  }
  const written = [...places].filter((place): place is [string, number] => place[0] !== undefined);
  // a name no extractor writes is still listed, as stored, so its name is judged
  if (written.length === 0) return [{ ...header, by: 0 }];
  // `x.php/.`: a name extractors open differently (a file for some, nothing for others)
  const divergence: Divergence | undefined =
    name.endsWith('/.') && places.size > 1 ? { at: header.path, what: 'how extractors open a name that ends in /.', readers: TAR_READERS } : undefined;
  return written.map(([path, by]) => {
    const reading: EntryHeader = { ...header, path };
    if (by !== TAR_READERS) reading.by = by;
    if (path !== header.path) reading.stored = header.path;
    if (divergence) reading.divergence = divergence;
    return reading;
  });
}

/** The entry's name: a PAX or GNU long name when one was given, else the ustar prefix and name fields. */
function entryName(raw: RawHeader, block: Buffer, at: number, long: Buffer | undefined): { text: string; bad: boolean } {
  if (long) return decodeName(long);
  const name = decodeName(block, at + NAME_AT, raw.nameEnd);
  if (raw.prefixEnd === 0) return name;
  const prefix = decodeName(block, at + PREFIX_AT, raw.prefixEnd);
  return { text: `${prefix.text}/${name.text}`, bad: prefix.bad || name.bad };
}

function padding(size: number): number {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}

function trimNul(bytes: Buffer): Buffer {
  const nul = bytes.indexOf(0);
  return Buffer.from(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

function specialKind(typeflag: number): SpecialKind {
  switch (typeflag) {
    case T_CHAR:
      return 'char-device';
    case T_BLOCK:
      return 'block-device';
    case T_FIFO:
      return 'fifo';
    case T_CONTIGUOUS:
      return 'contiguous';
    default:
      return 'unknown';
  }
}
