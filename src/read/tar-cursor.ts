import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { FanOut } from './fan-out.js';
import { mayLandElsewhere, tarLanding } from './landing.js';
import type { LinkWalk } from './link-walk.js';
import { parsePax, type PaxRecord } from './pax.js';
import { BSDTAR, GNU_TAR, PHAR, TAR_READERS, readerBits, type Divergence } from './readers.js';
import { storedPath } from './stored-path.js';
import { BLOCK, LINK_AT, NAME_AT, PREFIX_AT, TarFormatError, decodeHeader, decodeName, isZeroBlock, readNumber, type RawHeader } from './tar-header.js';
import { MetaKind, cString, nameFor, ustarStandIn, type HeaderNames, type Meta, type Named } from './tar-names.js';
import { Expander, oldGnuChunks, paxSparse, type DataTarget, type Sparse } from './tar-sparse.js';
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
  T_SOLARIS_ACL,
  T_SOLARIS_PAX,
  T_SYMLINK,
  tarDataBytes,
  tarOutcome,
} from './tar-types.js';

/** Extended headers in a row before an entry, at most: honest archives have two or three. */
const MAX_PENDING = 1000;

const enum State {
  Header,
  Data,
  Skip,
  Meta,
  SparseExtension,
}

/** What the cursors of one archive share: the visitor, the bounds and counts, the following-bytes taps, the other cursors. */
export interface Stream {
  readonly visitor: EntryVisitor;
  readonly limits: Limits;
  /** The symlinks made so far, and where each extractor writes through them. */
  readonly links: LinkWalk;
  /** PharData reads the whole archive as pre-POSIX when its first header has no ustar magic: then a PAX header is a file to it. */
  pharOld: boolean | undefined;
  /** One more entry: the bound on entries. */
  counted(): void;
  /** Bytes of content, for the bound on the whole. */
  content(bytes: number): void;
  /** Feed the `bytes` that follow `offset` in the stream (this chunk's rest, then the next chunks) to `target`. */
  tap(target: DataTarget, bytes: number, chunk: Buffer, offset: number): void;
  /** A cursor for `readers`, which read the stream from here on as `setup` says (another framing). */
  split(from: Cursor, readers: number, divergence: Divergence, setup: (cursor: Cursor) => void): void;
}

/** An extended header being read: for whom it is metadata, for whom an entry. */
interface PendingMeta {
  kind: MetaKind;
  metaFor: number;
  entryFor: number;
  typeflag: number;
  mode: number;
  names: HeaderNames;
}

/** Several content targets fed the same bytes (the stored data of a sparse file, and its expansion). */
class Tee implements DataTarget {
  constructor(private readonly targets: readonly DataTarget[]) {}
  data(chunk: Buffer): void {
    for (const target of this.targets) target.data(chunk);
  }
  end(): void {
    for (const target of this.targets) target.end();
  }
}

/** A reading of an entry, as it is being grouped: the extractors that write it, and where its content comes from. */
interface Reading {
  by: number;
  header: EntryHeader;
  source: Source;
  /** Bytes of data the extractors of this reading read after the header. */
  framing: number;
  sparse?: Sparse;
}

/**
 * One way of framing the stream: which bytes are headers and which are data. An honest
 * archive is read by one cursor for every extractor; where extractors disagree on how
 * much data follows an entry (a symlink with a size, a volume label, a PAX size only
 * bsdtar honours), the stream is read by one cursor per framing (`Stream.split`), each
 * with the extractors that frame it so, until they meet at a header again.
 */
export class Cursor {
  state = State.Header;
  remaining = 0;
  private padding = 0;
  /** The bytes being skipped are only the padding after complete content. */
  private onlyPadding = false;
  private target: DataTarget | undefined;
  private readonly carry = Buffer.alloc(BLOCK);
  carryLength = 0;
  zeroBlocks = 0;
  ended = false;
  private meta: Buffer | undefined;
  private metaLength = 0;
  private pendingMeta: PendingMeta | undefined;
  /** Extended records since the last entry, in order; each extractor's own start in it (an entry to some ends theirs). */
  private metas: Meta[] = [];
  private readonly since = new Map<number, number>();
  /** Every pending record is one every extractor reads alike (one `L`, one `K`, PAX times and owners). */
  private simple = true;
  private longName: Buffer | undefined;
  private longLink: Buffer | undefined;
  private paxUid: number | undefined;
  private paxGid: number | undefined;
  globals: readonly PaxRecord[] = [];
  /** Old GNU sparse: the map read so far, and what to do once its extension blocks are read. */
  private sparseChunks: [number, number][] = [];
  private afterExtension: (() => void) | undefined;
  private current = '';
  /** Where this cursor stopped in the chunk being written: set when it splits. */
  private stop: number | undefined;
  private chunk: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(
    private readonly stream: Stream,
    /** The extractors that frame the stream this way. */
    public readers: number,
    /** Set on a cursor of some of the extractors only: the place where the framings parted. */
    public divergence?: Divergence,
  ) {}

  /** A cursor at a header boundary with nothing pending, like this one, for other extractors. */
  fork(readers: number, divergence: Divergence): Cursor {
    const cursor = new Cursor(this.stream, readers, divergence);
    cursor.globals = this.globals;
    cursor.simple = this.globals.length === 0;
    cursor.zeroBlocks = this.zeroBlocks;
    return cursor;
  }

  /** Nothing pending at a header boundary: two such cursors at one place read the rest alike. */
  get idle(): boolean {
    return this.state === State.Header && this.carryLength === 0 && this.metas.length === 0 && !this.ended;
  }

  /** Bytes this cursor can take before it must decide something (a header, the end of data). */
  get quantum(): number {
    return this.state === State.Header || this.state === State.SparseExtension ? BLOCK - this.carryLength : this.remaining;
  }

  /** Take data for an entry of another framing that this cursor was split off for. */
  startData(target: DataTarget | undefined, dataBytes: number, current: string): void {
    this.current = current;
    if (target && dataBytes > 0) {
      this.target = target;
      this.remaining = dataBytes;
      this.padding = padding(dataBytes);
      this.state = State.Data;
      return;
    }
    target?.end();
    this.skip(dataBytes + padding(dataBytes));
  }

  /**
   * Read `chunk` from `from` to `to` (`base`: the chunk's place in the stream); returns
   * where it stopped: `to`, or right after a header where it split.
   */
  write(chunk: Buffer, from: number, to: number, base: number): number {
    let offset = from;
    this.chunk = chunk;
    this.stop = undefined;
    while (offset < to && !this.ended && this.stop === undefined) {
      switch (this.state) {
        case State.Data: {
          const n = Math.min(this.remaining, to - offset);
          (this.target as DataTarget).data(offset === 0 && n === chunk.length ? chunk : chunk.subarray(offset, offset + n));
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            (this.target as DataTarget).end();
            this.target = undefined;
            this.skip(this.padding, true);
          }
          break;
        }
        case State.Skip: {
          const n = Math.min(this.remaining, to - offset);
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = State.Header;
          break;
        }
        case State.Meta: {
          const meta = this.meta as Buffer;
          const n = Math.min(this.remaining, to - offset);
          chunk.copy(meta, this.metaLength, offset, offset + n);
          this.metaLength += n;
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.skip(this.padding, true);
            this.offset = offset;
            this.finishMeta(meta);
          }
          break;
        }
        case State.Header:
        case State.SparseExtension: {
          let block: Buffer;
          let at: number;
          if (this.carryLength > 0 || to - offset < BLOCK) {
            const n = Math.min(BLOCK - this.carryLength, to - offset);
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
          this.offset = offset;
          if (this.state === State.SparseExtension) this.sparseExtension(block, at);
          else this.header(block, at, base + offset - BLOCK);
          break;
        }
      }
    }
    return this.stop ?? offset;
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
      throw new TarFormatError(blockStart === 0 ? `not a tar archive (${what})` : `${what} at byte ${blockStart}`);
    }
    this.stream.pharOld ??= !hasUstarMagic(block, at);
    const typeflag = raw.typeflag;
    const metaFor = this.metaReaders(typeflag) & this.readers;
    if (metaFor === 0) this.entry(raw, typeflag, block, at);
    else this.startMeta(raw, typeflag, block, at, metaFor);
  }

  /** The extractors that read a header of this typeflag as metadata for the next entry (the others: as an entry). */
  private metaReaders(typeflag: number): number {
    switch (typeflag) {
      case T_PAX:
      case T_PAX_GLOBAL:
        return this.stream.pharOld ? TAR_READERS & ~PHAR : TAR_READERS;
      case T_SOLARIS_PAX:
        return TAR_READERS & ~PHAR;
      case T_GNU_LONGNAME:
        // PharData takes the first `L` for the next header's name, and a second one for that header
        return this.pending(PHAR).some((meta) => meta.kind === MetaKind.LongName) ? TAR_READERS & ~PHAR : TAR_READERS;
      case T_GNU_LONGLINK:
        return TAR_READERS;
      case T_SOLARIS_ACL:
        return BSDTAR;
      default:
        return 0;
    }
  }

  private pending(reader: number): Meta[] {
    const start = this.since.get(reader) ?? 0;
    return start === 0 ? this.metas : this.metas.slice(start);
  }

  private startMeta(raw: RawHeader, typeflag: number, block: Buffer, at: number, metaFor: number): void {
    const isName = typeflag === T_GNU_LONGNAME || typeflag === T_GNU_LONGLINK;
    const bound = isName ? this.stream.limits.maxNameBytes : this.stream.limits.maxPaxBytes;
    if (raw.size > bound) {
      throw new TarFormatError(`a ${isName ? 'GNU long name' : 'PAX header'} of ${raw.size} bytes is over the ${bound}-byte bound`);
    }
    const kind =
      typeflag === T_PAX || typeflag === T_SOLARIS_PAX
        ? MetaKind.Pax
        : typeflag === T_PAX_GLOBAL
          ? MetaKind.Global
          : typeflag === T_GNU_LONGNAME
            ? MetaKind.LongName
            : typeflag === T_GNU_LONGLINK
              ? MetaKind.LongLink
              : MetaKind.Inert;
    const entryFor = this.readers & ~metaFor;
    this.pendingMeta = { kind, metaFor, entryFor, typeflag, mode: raw.mode & 0o7777, names: entryFor === 0 ? NO_NAMES : headerNames(raw, block, at, true) };
    this.meta = Buffer.allocUnsafe(raw.size);
    this.metaLength = 0;
    this.padding = padding(raw.size);
    this.current = 'an extended header';
    if (raw.size === 0) {
      this.skip(0);
      this.finishMeta(this.meta);
    } else {
      this.remaining = raw.size;
      this.state = State.Meta;
    }
  }

  private finishMeta(bytes: Buffer): void {
    const pending = this.pendingMeta as PendingMeta;
    this.pendingMeta = undefined;
    this.meta = undefined;
    if (pending.kind === MetaKind.Global) {
      this.globals = [...this.globals, ...parsePax(bytes)];
      if (this.globals.length > 0) this.simple = false;
    } else {
      if (this.metas.length >= MAX_PENDING) throw new TarFormatError(`more than ${MAX_PENDING} extended headers in a row`);
      const meta: Meta = { kind: pending.kind, records: pending.kind === MetaKind.Pax ? parsePax(bytes) : NO_RECORDS };
      if (pending.kind === MetaKind.LongName || pending.kind === MetaKind.LongLink) meta.value = Buffer.from(bytes);
      this.push(meta);
    }
    // a header some extractors read as an entry of its own: its data is that entry's content
    if (pending.entryFor !== 0) this.emit(pending.names, pending.typeflag, pending.mode, pending.entryFor, bytes);
  }

  private push(meta: Meta): void {
    this.metas.push(meta);
    if (!this.simple) return;
    switch (meta.kind) {
      case MetaKind.LongName:
        if (this.longName !== undefined) this.simple = false;
        this.longName = cString(meta.value ?? Buffer.alloc(0));
        break;
      case MetaKind.LongLink:
        if (this.longLink !== undefined) this.simple = false;
        this.longLink = cString(meta.value ?? Buffer.alloc(0));
        break;
      case MetaKind.Pax:
        for (const [key, value] of meta.records) {
          if (key === 'uid') this.paxUid = Number(value.toString('latin1'));
          else if (key === 'gid') this.paxGid = Number(value.toString('latin1'));
          else this.simple = false;
        }
        break;
      default:
        this.simple = false;
    }
  }

  /** The records before an entry are used up, for the extractors that read it as an entry. */
  private consume(readers: number): void {
    if (readers === this.readers || this.metas.length === 0) {
      this.metas = [];
      this.since.clear();
      this.simple = this.globals.length === 0;
      this.longName = undefined;
      this.longLink = undefined;
      this.paxUid = undefined;
      this.paxGid = undefined;
      return;
    }
    for (const reader of readerBits(readers)) this.since.set(reader, this.metas.length);
    this.simple = false;
  }

  private entry(raw: RawHeader, typeflag: number, block: Buffer, at: number): void {
    if (typeflag === T_GNU_SPARSE && block[at + 482] !== 0) {
      // the old GNU sparse map goes on in extension blocks, before the data
      const names = headerNames(raw, block, at, true);
      this.sparseChunks = [];
      oldGnuChunks(block, at, 386, 4, this.sparseChunks);
      if (this.sparseChunks.length < 4) {
        // GNU tar reads extension blocks only after four entries in the header; bsdtar and Python read them anyway
        throw new TarFormatError('an old GNU sparse map goes on in an extension block after fewer than four entries, which GNU tar reads as data and bsdtar and Python as more of the map');
      }
      const realSize = octalField(block, at + 483);
      this.afterExtension = () => this.emit(names, typeflag, raw.mode & 0o7777, this.readers, undefined, { map: { size: realSize, chunks: this.sparseChunks } });
      this.state = State.SparseExtension;
      return;
    }
    const sized = typeflag === T_SYMLINK || typeflag === T_HARDLINK ? raw.size === 0 : true;
    if (!this.simple || this.since.size > 0 || (block[at + PREFIX_AT] !== 0 && !hasPosixMagic(block, at)) || !isPlain(typeflag) || !sized) {
      let sparse: Sparse | undefined;
      if (typeflag === T_GNU_SPARSE) {
        const chunks: [number, number][] = [];
        oldGnuChunks(block, at, 386, 4, chunks);
        sparse = { map: { size: octalField(block, at + 483), chunks } };
      }
      this.emit(headerNames(raw, block, at, false), typeflag, raw.mode & 0o7777, this.readers, undefined, sparse);
      return;
    }
    // the usual entry: every extractor takes the same name (tar-names.ts agrees when the records are this simple)
    const name =
      this.longName !== undefined
        ? decodeName(this.longName)
        : raw.prefixEnd === 0
          ? decodeName(block, at + NAME_AT, raw.nameEnd)
          : joinedName(decodeName(block, at + PREFIX_AT, raw.prefixEnd), decodeName(block, at + NAME_AT, raw.nameEnd));
    const path = storedPath(name.text);
    if ((name.text.endsWith('/') && typeflag !== T_DIR) || mayLandElsewhere(path) || this.stream.links.mayRoute(path)) {
      // a file whose name ends in `/` (a folder to some extractors, a file to others), a name that lands elsewhere, or below a symlink
      this.emit(headerNames(raw, block, at, false), typeflag, raw.mode & 0o7777, this.readers);
      return;
    }
    const linkBytes = typeflag === T_SYMLINK || typeflag === T_HARDLINK ? (this.longLink ?? block.subarray(at + LINK_AT, raw.linkEnd)) : undefined;
    checkNames(this.stream.limits, this.longName?.length ?? 0, linkBytes?.length ?? 0);
    const header: EntryHeader = { path, type: 'file', mode: raw.mode & 0o7777, uid: this.paxUid ?? raw.uid, gid: this.paxGid ?? raw.gid, size: 0 };
    if (name.bad) header.badName = true;
    if (this.readers !== TAR_READERS) {
      header.by = this.readers;
      if (this.divergence) header.divergence = this.divergence;
    }
    this.consume(this.readers);
    this.counted(path);
    let dataBytes = raw.size;
    let hashed = false;
    switch (typeflag) {
      case T_HARDLINK:
        header.type = 'hardlink';
        dataBytes = 0;
        break;
      case T_SYMLINK:
        header.type = 'symlink';
        dataBytes = 0;
        break;
      case T_DIR:
        header.type = 'dir';
        dataBytes = 0;
        break;
      default:
        // '0', NUL, and '7' (contiguous), which every extractor writes as a regular file
        header.size = raw.size;
        hashed = true;
        break;
    }
    if (linkBytes !== undefined) header.link = decodeName(linkBytes).text;
    if (header.type === 'symlink' || !this.stream.links.empty) this.stream.links.note(path, this.readers, header.type, header.link);
    if (hashed) this.stream.content(raw.size);
    this.startData(hashed ? new EntrySink(this.stream.visitor, header) : undefined, dataBytes, path);
    if (!hashed) new EntrySink(this.stream.visitor, header).end();
  }

  /**
   * Readings below a symlink an earlier entry made land where each extractor follows it
   * (link-walk.ts): one reading per place, the stored name kept. Then the links know what
   * each reading put where.
   */
  private route(readings: Reading[]): Reading[] {
    const links = this.stream.links;
    if (links.empty) {
      for (const { header, by } of readings) if (header.type === 'symlink') links.note(header.path, by, header.type, header.link);
      return readings;
    }
    const routed: Reading[] = [];
    for (const reading of readings) {
      const header = reading.header;
      if (header.type === 'dir' || !links.mayRoute(header.path)) {
        routed.push(reading);
        continue;
      }
      for (const [place, by] of links.route(header.path, reading.by, header.type)) {
        if (place === undefined) continue;
        if (place === header.path) routed.push({ ...reading, by });
        else routed.push({ ...reading, by, header: { ...header, path: place, stored: header.stored ?? header.path } });
      }
    }
    for (const { header, by } of routed) links.note(header.path, by, header.type, header.link);
    return routed;
  }

  private counted(path: string): void {
    this.current = path;
    this.stream.counted();
  }

  private sparseExtension(block: Buffer, at: number): void {
    oldGnuChunks(block, at, 0, 21, this.sparseChunks);
    if (this.sparseChunks.length > 1_000_000) throw new TarFormatError('an old GNU sparse map of more than 1,000,000 chunks');
    // the map goes on while byte 504 ("isextended") is set
    if (block[at + 504] !== 0) return;
    this.state = State.Header;
    const then = this.afterExtension as () => void;
    this.afterExtension = undefined;
    then();
  }

  /**
   * An entry the extractors may write differently: the name each takes (tar-names.ts),
   * what each makes of its type and how much data each reads after it (tar-types.ts), and
   * where each places the name (landing.ts), grouped into readings, each with the
   * extractors that write it. The data is hashed once for every reading that is a file of
   * it, and expanded once for the readings of a sparse file. Extractors that frame the
   * data differently go on with a cursor of their own. `buffered`: the content, already
   * read (a header some extractors take for metadata); else it streams.
   */
  private emit(names: HeaderNames, typeflag: number, mode: number, readers: number, buffered?: Buffer, oldSparse?: Sparse): void {
    const named = new Map<number, Named | undefined>();
    let longest = 0;
    for (const reader of readerBits(readers)) {
      const one = nameFor(reader, names, this.pending(reader), this.globals);
      named.set(reader, one);
      if (one) longest = Math.max(longest, one.name.length, one.link.length);
    }
    checkNames(this.stream.limits, longest, 0);
    this.consume(readers);
    const first = named.get(GNU_TAR) ?? [...named.values()].find((one) => one !== undefined);
    const phar = named.get(PHAR);
    if (phar && first && phar !== first) {
      // PharData reads no PAX header: where the ustar name is an honest writer's stand-in for
      // the PAX path (cut to the field, `?` for what is not ASCII), it is taken as agreeing (left
      // out on purpose: every pax archive with a long name would list a cut name per long one);
      // and the target of a link it writes as an empty file does not matter
      const pharName = storedPath(decodeName(phar.name).text);
      const firstName = storedPath(decodeName(first.name).text);
      if (pharName !== firstName && ustarStandIn(pharName, firstName)) named.set(PHAR, { ...phar, name: first.name });
      if ((typeflag === T_SYMLINK || typeflag === T_HARDLINK) && names.size === 0) named.set(PHAR, { ...(named.get(PHAR) ?? phar), link: first.link });
    }
    const display = first ? storedPath(decodeName(first.name).text) : storedPath(decodeName(names.name).text);
    this.counted(display);

    // how much data each extractor reads after this header: those that differ go on with a cursor of their own
    const framings = new Map<number, number>();
    for (const reader of readerBits(readers)) {
      const one = named.get(reader);
      const bytes = buffered ? buffered.length : tarDataBytes(reader, typeflag, decodeName(one?.name ?? names.name).text, names.size, one?.paxSize);
      framings.set(reader, bytes);
    }

    const groups = new Map<string, Reading>();
    // a header the other extractors read as metadata for the next entry
    const kinds = new Set<string>(readers === this.readers ? [] : ['metadata']);
    const storedNames = new Map<number, string>();
    const links = new Set<string>();
    const sources = new Set<Source>();
    const taps: Reading[] = [];
    let unplaced = false;
    for (const [reader, one] of named) {
      if (one === undefined) continue;
      const decoded = decodeName(one.name);
      const text = decoded.text;
      const framing = framings.get(reader) ?? 0;
      let outcome = tarOutcome(reader, typeflag, text, names.size);
      // a hardlink with data (a PAX size): bsdtar writes the data as the file, not a link
      if (reader === BSDTAR && typeflag === T_HARDLINK && framing > 0) outcome = { write: true, type: 'file', source: Source.Data };
      if (!outcome.write) {
        if (!outcome.policy) kinds.add('nothing');
        continue;
      }
      let sparse: Sparse | undefined = outcome.source === Source.Expanded ? oldSparse : undefined;
      if (outcome.source === Source.Data && one.sparse.length > 0) {
        sparse = paxSparse(one.sparse);
        if (sparse) outcome = { ...outcome, source: Source.Expanded };
      }
      if (outcome.source === Source.Expanded && sparse === undefined) outcome = { ...outcome, source: Source.Data };
      kinds.add(`${outcome.type} ${outcome.special ?? ''}`);
      // PharData knows no sparse file: its stored chunks are listed and judged, but an honest `tar --sparse` makes them too
      if (reader !== PHAR) sources.add(outcome.source === Source.Following ? Source.Data : outcome.source);
      const stored = storedPath(text);
      storedNames.set(reader, stored);
      const place = tarLanding(reader, text, outcome.type === 'dir');
      if (place === undefined) {
        unplaced = true;
        continue;
      }
      const link = outcome.type === 'symlink' || outcome.type === 'hardlink' ? decodeName(one.link).text : undefined;
      if (link !== undefined) links.add(link);
      const key = `${place}\0${outcome.type}\0${outcome.special ?? ''}\0${outcome.source}\0${link ?? ''}\0${outcome.source === Source.Following ? '' : framing}`;
      const group = groups.get(key);
      if (group) {
        group.by |= reader;
        continue;
      }
      const expanded = sparse === undefined ? 0 : 'map' in sparse ? sparse.map.size : sparse.size;
      const size = outcome.source === Source.Data ? framing : outcome.source === Source.Expanded ? expanded : outcome.source === Source.Following ? names.size : 0;
      const header: EntryHeader = { path: place, type: outcome.type, mode, uid: one.uid, gid: one.gid, size };
      if (decoded.bad) header.badName = true;
      if (outcome.special !== undefined) header.special = outcome.special;
      if (link !== undefined) header.link = link;
      if (place !== stored) header.stored = stored;
      const reading: Reading = { by: reader, header, source: outcome.source, framing };
      if (sparse) reading.sparse = sparse;
      groups.set(key, reading);
    }
    const routed = this.route([...groups.values()]);
    const parts = new Map<number, number>();
    for (const [reader, bytes] of framings) parts.set(bytes, (parts.get(bytes) ?? 0) | reader);
    const what = parts.size > 1 ? 'where the next header starts' : disagreement(typeflag, kinds, storedNames, links, sources, unplaced);
    const divergence: Divergence | undefined = what === undefined ? this.divergence : { at: display, what, readers: TAR_READERS };
    const contents = new Map<number, { files: EntryHeader[]; expanded: EntryHeader[]; sparse?: Sparse }>();
    for (const reading of routed) {
      const header = reading.header;
      if (reading.by !== TAR_READERS) header.by = reading.by;
      if (divergence) header.divergence = divergence;
      if (reading.source === Source.Following) taps.push(reading);
      else if (reading.source === Source.None) new EntrySink(this.stream.visitor, header).end();
      else {
        const content = contents.get(reading.framing) ?? { files: [], expanded: [] };
        contents.set(reading.framing, content);
        if (reading.source === Source.Data) content.files.push(header);
        else {
          content.expanded.push(header);
          if (reading.sparse) content.sparse = reading.sparse;
        }
      }
    }
    // a name no extractor writes is still listed, as stored, so its name is judged
    if (routed.length === 0) new EntrySink(this.stream.visitor, { path: display, type: 'other', special: 'unknown', mode, size: 0, by: 0 }).end();
    // PharData's file of the bytes after a link's header: what the others read as the next header
    for (const reading of taps) {
      this.stream.content(reading.header.size);
      this.stream.tap(new EntrySink(this.stream.visitor, reading.header), reading.header.size, this.chunk, this.offset);
    }

    const targetOf = (bytes: number): DataTarget | undefined => {
      const content = contents.get(bytes);
      if (!content) return undefined;
      const targets: DataTarget[] = [];
      if (content.files.length > 0) targets.push(sinkFor(this.stream.visitor, content.files));
      if (content.expanded.length > 0 && content.sparse) {
        targets.push(new Expander(sinkFor(this.stream.visitor, content.expanded), content.sparse, bytes, this.stream.limits.maxPaxBytes));
        this.stream.content(content.expanded[0]?.size ?? 0);
      }
      this.stream.content(bytes);
      return targets.length === 1 ? targets[0] : new Tee(targets);
    };
    if (buffered) {
      const target = targetOf(buffered.length);
      if (target) {
        if (buffered.length > 0) target.data(buffered);
        target.end();
      }
      return;
    }
    // this cursor goes on with GNU tar's framing (or its first extractor's); the others split off
    const mine = readerBits(this.readers).map((reader) => framings.get(reader)).find((bytes) => bytes !== undefined) ?? 0;
    const keep = framings.get(GNU_TAR) ?? mine;
    for (const [bytes, part] of parts) {
      if (bytes === keep) continue;
      const framing: Divergence = divergence ?? { at: display, what: 'where the next header starts', readers: TAR_READERS };
      this.stream.split(this, part, this.divergence ?? framing, (cursor) => cursor.startData(targetOf(bytes), bytes, display));
      this.readers &= ~part;
      this.divergence ??= framing;
      // the stream goes on from here in every framing at once
      this.stop = this.offset;
    }
    this.startData(targetOf(keep), keep, display);
  }
}

/** A sink for the readings of one content: one reading, or several sharing it. */
function sinkFor(visitor: EntryVisitor, readings: readonly EntryHeader[]): EntrySink {
  return readings.length === 1 ? new EntrySink(visitor, readings[0] as EntryHeader) : new EntrySink(new FanOut(visitor, readings), FanOut.carrier(readings[0]?.size ?? 0));
}

/** Why the readings of an entry part, when they part by reading the bytes differently (not by an extractor's policy). */
function disagreement(
  typeflag: number,
  kinds: ReadonlySet<string>,
  storedNames: ReadonlyMap<number, string>,
  links: ReadonlySet<string>,
  sources: ReadonlySet<Source>,
  unplaced: boolean,
): string | undefined {
  if (kinds.size > 1) return `what typeflag ${describeTypeflag(typeflag)} makes of the entry`;
  const others = new Set([...storedNames].filter(([reader]) => reader !== PHAR).map(([, stored]) => stored));
  if (others.size > 1) return 'which header names the entry';
  const phar = storedNames.get(PHAR);
  const other = others.values().next().value;
  if (phar !== undefined && other !== undefined && phar !== other && !ustarStandIn(phar, other)) return 'which header names the entry';
  if (links.size > 1) return 'which header gives the link target';
  if (sources.size > 1) return 'whether the entry is a sparse file';
  if (unplaced && [...storedNames.values()].some((stored) => stored.endsWith('/.'))) return 'how extractors open a name that ends in /.';
  return undefined;
}

function checkNames(limits: Limits, name: number, link: number): void {
  const longest = Math.max(name, link);
  if (longest > limits.maxNameBytes) {
    throw new TarFormatError(`an entry name of ${longest} bytes is over the ${limits.maxNameBytes}-byte bound`);
  }
}

/** No header names: a header every extractor reads as metadata. */
const NO_NAMES: HeaderNames = { name: Buffer.alloc(0), prefix: Buffer.alloc(0), posix: true, link: Buffer.alloc(0), typeflag: 0, size: 0, uid: 0, gid: 0 };
const NO_RECORDS: readonly PaxRecord[] = [];

/** The header's name fields as bytes (copied when the block will be gone by the time they are read). */
function headerNames(raw: RawHeader, block: Buffer, at: number, copy: boolean): HeaderNames {
  const field = (start: number, length: number): Buffer => {
    let end = start;
    while (end < start + length && block[end] !== 0) end++;
    const view = block.subarray(start, end);
    return copy ? Buffer.from(view) : view;
  };
  return {
    name: field(at + NAME_AT, 100),
    prefix: field(at + PREFIX_AT, 155),
    posix: hasPosixMagic(block, at),
    link: field(at + LINK_AT, 100),
    typeflag: raw.typeflag,
    size: raw.size,
    uid: raw.uid,
    gid: raw.gid,
  };
}

/** `ustar\0`: the POSIX magic (whatever the version bytes). */
function hasPosixMagic(block: Buffer, at: number): boolean {
  return block[at + 257] === 0x75 && block[at + 258] === 0x73 && block[at + 259] === 0x74 && block[at + 260] === 0x61 && block[at + 261] === 0x72 && block[at + 262] === 0;
}

/** `ustar` at the magic, POSIX or GNU. */
function hasUstarMagic(block: Buffer, at: number): boolean {
  return block[at + 257] === 0x75 && block[at + 258] === 0x73 && block[at + 259] === 0x74 && block[at + 260] === 0x61 && block[at + 261] === 0x72;
}

function octalField(block: Buffer, start: number): number {
  const value = readNumber(block, start, 12);
  if (value === undefined) throw new TarFormatError('an old GNU sparse header with a real size that is not a number');
  return value;
}

/** A typeflag every extractor writes the same way (given a name that does not end in `/`, and no size for a link). */
function isPlain(typeflag: number): boolean {
  switch (typeflag) {
    case T_FILE:
    case T_AFILE:
    case T_CONTIGUOUS:
    case T_HARDLINK:
    case T_SYMLINK:
    case T_DIR:
      return true;
    default:
      return false;
  }
}

function describeTypeflag(typeflag: number): string {
  return typeflag >= 0x21 && typeflag <= 0x7e ? `'${String.fromCharCode(typeflag)}'` : `0x${typeflag.toString(16).padStart(2, '0')}`;
}

function joinedName(prefix: { text: string; bad: boolean }, name: { text: string; bad: boolean }): { text: string; bad: boolean } {
  return { text: `${prefix.text}/${name.text}`, bad: prefix.bad || name.bad };
}

function padding(size: number): number {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}
