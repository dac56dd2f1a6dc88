import { FormatError } from '../../util/decode.js';
// A zip reader for archives held in memory (a .jar inside the package, a .jar inside
// that), made to be handed hostile bytes: it reads the central directory itself, so
// it can refuse an entry by its declared size before inflating a byte, and it inflates
// through fflate's streaming inflater in small steps, so an entry that inflates past
// what it declares is stopped there, not after it has filled memory.
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';

/** One file of a zip as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** Where its local header starts (already shifted by any bytes prepended to the zip). */
  localOffset: number;
}

/**
 * Bytes an archive and everything inside it may make us read: the inflated and the
 * stored bytes of every entry read. One budget is shared by a whole nest of archives,
 * so neither a deep nest nor many entries can add up past it.
 */
export class ReadBudget {
  constructor(private remaining: number) {}

  /** Take `bytes` from the budget, or throw naming what asked for them. */
  take(bytes: number, what: string): void {
    if (bytes > this.remaining) throw new FormatError(`${what} would take the bytes read from this archive past its bound (${bytes} bytes asked, ${this.remaining} left)`);
    this.remaining -= bytes;
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ENCRYPTED = 0x1;
// A step of deflate inflates to at most ~1032 times its size: 64 KiB steps bound what
// one step can allocate past the declared size to about 66 MiB, and are large enough
// not to slow ordinary inflating down.
const INFLATE_STEP = 64 * 1024;

/** Every entry of the zip, in central-directory order; throws FormatError when the bytes are not a readable zip. */
export function zipEntries(archive: Uint8Array): ZipEntry[] {
  const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const end = findEndRecord(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let directorySize = bytes.readUInt32LE(end + 12);
  let directoryOffset = bytes.readUInt32LE(end + 16);
  // where the directory really starts: the end record follows it (or the zip64 records do)
  let directoryEnd = end;
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const zip64 = readZip64End(bytes, end);
    if (zip64) ({ count, directorySize, directoryOffset, directoryEnd } = zip64);
  }
  // Bytes prepended to the zip (a launch script before an executable jar) shift every
  // offset by the same amount, as Info-ZIP's unzip allows.
  const shift = directoryEnd - directorySize - directoryOffset;
  if (shift < 0) throw new FormatError('not a readable zip: its central directory lies outside the file');
  let at = directoryOffset + shift;
  const entries: ZipEntry[] = [];
  const seenData = new Set<number>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || bytes.readUInt32LE(at) !== CENTRAL) throw new FormatError(`not a readable zip: central directory entry ${i + 1} of ${count} is damaged`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    let compressedSize = bytes.readUInt32LE(at + 20);
    let size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let localOffset = bytes.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directoryEnd) throw new FormatError(`not a readable zip: central directory entry ${i + 1} runs past the directory`);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const extra = zip64Extra(bytes, at + 46 + nameLength, extraLength);
      if (size === 0xffffffff) size = extra.shift() ?? size;
      if (compressedSize === 0xffffffff) compressedSize = extra.shift() ?? compressedSize;
      if (localOffset === 0xffffffff) localOffset = extra.shift() ?? localOffset;
    }
    localOffset += shift;
    // Two names over the same bytes are the plainest way an "overlapping" zip bomb
    // multiplies its output without growing; no zip tool writes them. (Entries that
    // overlap only in part are caught by the budget: each one read pays for its size.)
    if (seenData.has(localOffset)) throw new FormatError(`not a readable zip: ${name} shares its data with an earlier entry`);
    seenData.add(localOffset);
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
    at = next;
  }
  return entries;
}

/**
 * The content of one entry. Its declared size is taken from the budget before a byte
 * is inflated; inflating stops as soon as the output passes that size; the CRC is checked.
 */
export function zipEntryContent(archive: Uint8Array, entry: ZipEntry, budget: ReadBudget): Uint8Array {
  if (entry.flags & ENCRYPTED) throw new FormatError(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw new FormatError(`${entry.name} uses compression method ${entry.method}, not stored or deflate`);
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw new FormatError(`${entry.name} is stored, yet its sizes differ`);
  budget.take(entry.size, entry.name);
  const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new FormatError(`not a readable zip: the local header of ${entry.name} is missing`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new FormatError(`not a readable zip: ${entry.name} runs past the end of the archive`);
  const data = archive.subarray(start, end);
  const content = entry.method === 0 ? data : inflateBounded(data, entry);
  if (crc32(content) !== entry.crc) throw new FormatError(`not a readable zip: ${entry.name} fails its CRC check`);
  return content;
}

function inflateBounded(compressed: Uint8Array, entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > entry.size) throw new FormatError(`${entry.name} inflates past its declared ${entry.size} bytes`);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    let at = 0;
    do {
      inflater.push(compressed.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= compressed.length);
      at += INFLATE_STEP;
    } while (at < compressed.length);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(`not a readable zip: ${entry.name} does not inflate (${error instanceof Error ? error.message : String(error)})`);
  }
  if (written !== entry.size) throw new FormatError(`not a readable zip: ${entry.name} inflates to ${written} bytes, not the ${entry.size} it declares`);
  return out;
}

function findEndRecord(bytes: Buffer): number {
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === EOCD && at + 22 + bytes.readUInt16LE(at + 20) <= bytes.length) return at;
  }
  throw new FormatError(bytes.length < 22 ? `not a zip: ${bytes.length} bytes are too few` : 'not a zip: it has no end of central directory record');
}

function readZip64End(bytes: Buffer, end: number): { count: number; directorySize: number; directoryOffset: number; directoryEnd: number } | undefined {
  const locator = end - 20;
  if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) return undefined;
  // Where the locator says the zip64 end record is; with bytes prepended to the zip that
  // offset is short by their length, and the record (56 bytes when it carries no
  // extensible data, as every zip tool writes it) sits right before the locator.
  const recorded = bytes.readBigUInt64LE(locator + 8);
  const record = [recorded < BigInt(locator) ? Number(recorded) : -1, locator - 56].find((at) => at >= 0 && bytes.readUInt32LE(at) === ZIP64_EOCD);
  if (record === undefined) throw new FormatError('not a readable zip: its zip64 end record is missing');
  return {
    count: safeNumber(bytes.readBigUInt64LE(record + 32)),
    directorySize: safeNumber(bytes.readBigUInt64LE(record + 40)),
    directoryOffset: safeNumber(bytes.readBigUInt64LE(record + 48)),
    directoryEnd: record,
  };
}

/** The 64-bit values of a zip64 extra field (id 1), in the order the spec lists them. */
function zip64Extra(bytes: Buffer, start: number, length: number): number[] {
  for (let at = start; at + 4 <= start + length; ) {
    const id = bytes.readUInt16LE(at);
    const size = bytes.readUInt16LE(at + 2);
    if (at + 4 + size > start + length) break;
    if (id === 1) {
      const values: number[] = [];
      for (let v = at + 4; v + 8 <= at + 4 + size; v += 8) values.push(safeNumber(bytes.readBigUInt64LE(v)));
      return values;
    }
    at += 4 + size;
  }
  throw new FormatError('not a readable zip: a zip64 entry lacks its zip64 sizes');
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError('not a readable zip: a zip64 size is out of range');
  return Number(value);
}
