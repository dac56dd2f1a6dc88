import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { parsePax, type PaxFields } from './pax.js';
import { BLOCK, LINK_AT, NAME_AT, PREFIX_AT, TarFormatError, decodeHeader, decodeName, isZeroBlock, type RawHeader } from './tar-header.js';
import { storedPath } from './stored-path.js';
import { FanOut } from './fan-out.js';
import { mayLandElsewhere, tarLanding } from './landing.js';
import { TAR_READERS, readerBits, type Divergence } from './readers.js';
import {
  Source,
  T_AFILE,
  T_CONTIGUOUS,
  T_DIR,
  T_FILE,
  T_GNU_LONGLINK,
  T_GNU_LONGNAME,
  T_GNU_SPARSE,
  T_HARDLINK,
  T_PAX,
  T_PAX_GLOBAL,
  T_SYMLINK,
  tarOutcome,
} from './tar-types.js';

const TAR_READER_LIST = readerBits(TAR_READERS);

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
    const link = typeflag === T_SYMLINK || typeflag === T_HARDLINK ? (linkBytes ? decodeName(linkBytes).text : decodeName(block, at + LINK_AT, raw.linkEnd).text) : undefined;

    if (!isPlain(typeflag, name.text) || mayLandElsewhere(path)) {
      this.readings(header, typeflag, name.text, size, link);
      return;
    }
    // the usual entry: every extractor writes it as stored
    let dataBytes = size;
    let hashed = false;
    switch (typeflag) {
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
      case T_GNU_SPARSE: {
        header.type = 'other';
        header.special = 'unknown';
        if (block[at + 482] !== 0) {
          // extension blocks of the sparse map come before the data
          new EntrySink(this.visitor, header).end();
          this.state = State.SparseExtension;
          this.remaining = dataBytes + padding(dataBytes);
          return;
        }
        break;
      }
      default:
        // '0', NUL, and '7' (contiguous), which every extractor writes as a regular file
        header.size = size;
        hashed = true;
        break;
    }
    if (link !== undefined) header.link = link;
    this.content(new EntrySink(this.visitor, header), hashed, dataBytes);
  }

  /** Feed the entry's data to `sink` (when it is content), or skip it; the sink ends with the data. */
  private content(sink: EntrySink, hashed: boolean, dataBytes: number): void {
    if (hashed) {
      this.bytes += dataBytes;
      if (this.bytes > this.limits.maxTotalBytes) {
        throw new TarFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
      }
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

  /**
   * An entry the extractors may write differently: what each makes of its type
   * (tar-types.ts) and where each puts its name (landing.ts), grouped into readings, each
   * with the extractors that write it. The data is hashed once, for every reading that
   * is a file of it.
   */
  private readings(base: EntryHeader, typeflag: number, name: string, size: number, link: string | undefined): void {
    const groups = new Map<string, { by: number; header: EntryHeader; source: Source }>();
    const kinds = new Set<string>();
    let unplaced = false;
    for (const reader of TAR_READER_LIST) {
      const outcome = tarOutcome(reader, typeflag, name, size);
      if (!outcome.write) {
        if (!outcome.policy) kinds.add('nothing');
        continue;
      }
      // not yet read: the bytes after a link's header, and sparse maps
      if (outcome.source === Source.Following || outcome.source === Source.Expanded) continue;
      kinds.add(`${outcome.type} ${outcome.special ?? ''}`);
      const place = tarLanding(reader, name, outcome.type === 'dir');
      if (place === undefined) {
        unplaced = true;
        continue;
      }
      const key = `${place}\0${outcome.type}\0${outcome.special ?? ''}\0${outcome.source}`;
      const group = groups.get(key);
      if (group) {
        group.by |= reader;
        continue;
      }
      const header: EntryHeader = { ...base, path: place, type: outcome.type, size: outcome.source === Source.Data ? size : 0 };
      if (outcome.special !== undefined) header.special = outcome.special;
      if (link !== undefined && (outcome.type === 'symlink' || outcome.type === 'hardlink')) header.link = link;
      if (place !== base.path) header.stored = base.path;
      groups.set(key, { by: reader, header, source: outcome.source });
    }
    const what =
      kinds.size > 1
        ? `what typeflag ${describeTypeflag(typeflag)} makes of the entry`
        : unplaced && name.endsWith('/.')
          ? 'how extractors open a name that ends in /.'
          : undefined;
    const divergence: Divergence | undefined = what === undefined ? undefined : { at: base.path, what, readers: TAR_READERS };
    const files: EntryHeader[] = [];
    for (const { by, header, source } of groups.values()) {
      if (by !== TAR_READERS) header.by = by;
      if (divergence) header.divergence = divergence;
      if (source === Source.Data) files.push(header);
      else new EntrySink(this.visitor, header).end();
    }
    // a name no extractor writes is still listed, as stored, so its name is judged
    if (groups.size === 0) new EntrySink(this.visitor, { ...base, type: 'other', special: 'unknown', by: 0 }).end();
    const dataBytes = listedDataBytes(typeflag, name, size);
    if (files.length === 0) {
      this.skip(dataBytes + padding(dataBytes));
      return;
    }
    const sink = files.length === 1 ? new EntrySink(this.visitor, files[0] as EntryHeader) : new EntrySink(new FanOut(this.visitor, files), FanOut.carrier(size));
    this.content(sink, true, dataBytes);
  }
}

/** A typeflag every extractor writes the same way (given a name that does not end in `/`). */
function isPlain(typeflag: number, name: string): boolean {
  switch (typeflag) {
    case T_FILE:
    case T_AFILE:
    case T_CONTIGUOUS:
      return !name.endsWith('/');
    case T_HARDLINK:
    case T_SYMLINK:
    case T_DIR:
    case T_GNU_SPARSE:
      return true;
    default:
      return false;
  }
}

/** Data after the header as `tar -t` skips it: all but hardlinks, folders and V7 folders (a trailing `/`). */
function listedDataBytes(typeflag: number, name: string, size: number): number {
  if (typeflag === T_HARDLINK || typeflag === T_DIR || (typeflag === T_AFILE && name.endsWith('/'))) return 0;
  return size;
}

function describeTypeflag(typeflag: number): string {
  return typeflag >= 0x21 && typeflag <= 0x7e ? `'${String.fromCharCode(typeflag)}'` : `0x${typeflag.toString(16).padStart(2, '0')}`;
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
