// The records of a zip as they are stored: the end of central directory record (with
// zip64's), the central directory records and the local file headers, each field by
// its offset, nothing interpreted and nothing refused. Pure functions over bytes the
// reader has read; read-zip.ts decides what it accepts and what an entry means.
//
// They are kept apart, and whole, so that a check of archive differentials (where
// unzip, PHP's ZipArchive or Python's zipfile would read the same bytes differently:
// the central name against the local one, the Unicode Path extra field, the host
// system, data before the first local header or after the end record) can look at
// the same facts the reader used.

/** "PK\x05\x06" */
export const END_SIGNATURE = 0x06054b50;
/** "PK\x06\x07" */
export const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
/** "PK\x06\x06" */
export const ZIP64_END_SIGNATURE = 0x06064b50;
/** "PK\x01\x02" */
export const CENTRAL_SIGNATURE = 0x02014b50;
/** "PK\x03\x04" */
export const LOCAL_SIGNATURE = 0x04034b50;

export const END_SIZE = 22;
export const ZIP64_LOCATOR_SIZE = 20;
export const ZIP64_END_SIZE = 56;
export const CENTRAL_SIZE = 46;
export const LOCAL_SIZE = 30;
/** How far from the end an end record can start: its comment is at most 65,535 bytes, and a zip64 locator precedes it. */
export const END_SEARCH = ZIP64_LOCATOR_SIZE + END_SIZE + 0xffff;

export const EXTRA_ZIP64 = 0x0001;
/** Info-ZIP Unicode Path: version, CRC-32 of the stored name, the name in UTF-8. */
export const EXTRA_UNICODE_PATH = 0x7075;
/** Info-ZIP "ux": uid and gid of any size. */
export const EXTRA_UNIX_OWNER = 0x7875;

/** General-purpose flag bits. */
export const FLAG_ENCRYPTED = 0x1;
export const FLAG_DATA_DESCRIPTOR = 0x8;
export const FLAG_STRONG_ENCRYPTION = 0x40;
export const FLAG_UTF8 = 0x800;

/** Host systems of "version made by" (its high byte) whose external attributes carry a unix mode. */
export const HOST_UNIX = 3;
export const HOST_OSX = 19;

export interface ZipExtraField {
  id: number;
  /** A view into the record's bytes. */
  data: Buffer;
}

/** The end of central directory record, with the zip64 end record's values when there is one. */
export interface ZipEndRecord {
  /** Where the end record starts in the file. */
  offset: number;
  disk: number;
  directoryDisk: number;
  entriesOnDisk: number;
  /** Entries in the central directory (the zip64 record's count when there is one). */
  entries: number;
  directorySize: number;
  directoryOffset: number;
  /** The comment length the record declares. */
  commentLength: number;
  /** The bytes after the fixed record, up to the declared comment length (fewer when the file ends first). */
  comment: Buffer;
  /** Bytes after the end record and its declared comment (negative: the file ends inside the comment). */
  trailingBytes: number;
  zip64?: Zip64EndRecord;
}

export interface Zip64Locator {
  /** Where the locator starts in the file (20 bytes before the end record). */
  offset: number;
  directoryDisk: number;
  /** Where the locator says the zip64 end record is. */
  endOffset: number;
  disks: number;
}

export interface Zip64EndRecord {
  locator: Zip64Locator;
  /** False when the bytes at the locator's offset do not start with the zip64 end signature (the other fields are then meaningless). */
  signatureValid: boolean;
  recordSize: number;
  versionMadeBy: number;
  versionNeeded: number;
  disk: number;
  directoryDisk: number;
  entriesOnDisk: number;
  entries: number;
  directorySize: number;
  directoryOffset: number;
}

/** One central directory record, as stored. */
export interface ZipCentralRecord {
  /** Position in the central directory, from 0. */
  index: number;
  /** Where the record starts in the file. */
  offset: number;
  /** Bytes the record takes (46 + name + extra + comment). */
  length: number;
  /** All 16 bits: the host system is the high byte, the spec version the low one. */
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  modTime: number;
  modDate: number;
  crc32: number;
  /** The zip64 extra field's value when the 32-bit field is 0xffffffff and the extra field has it. */
  compressedSize: number;
  uncompressedSize: number;
  diskStart: number;
  internalAttributes: number;
  externalAttributes: number;
  localHeaderOffset: number;
  /** Views into the directory bytes: copy what you keep. */
  name: Buffer;
  extra: Buffer;
  comment: Buffer;
  extraFields: ZipExtraField[];
  /** Bytes at the end of the extra area too short to be a field, or a field declared longer than the area (0 when the area parses). */
  extraOverflow: number;
  /** A 32-bit field was 0xffffffff and the zip64 extra field did not hold its value. */
  zip64Missing?: 'uncompressed size' | 'compressed size' | 'local header offset';
}

/** One local file header, as stored. */
export interface ZipLocalHeader {
  offset: number;
  /** False when the four bytes at `offset` are not a local header signature (the other fields are then meaningless). */
  signatureValid: boolean;
  versionNeeded: number;
  flags: number;
  method: number;
  modTime: number;
  modDate: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Views into the bytes read: copy what you keep. */
  name: Buffer;
  extra: Buffer;
  /** Where the entry's data starts: right after the local name and extra field. */
  dataOffset: number;
}

/** Where the last end record signature in `tail` (the last END_SEARCH bytes of the file) starts, or -1. */
export function findEndRecord(tail: Buffer): number {
  for (let at = tail.length - END_SIZE; at >= 0; at--) {
    if (tail[at] === 0x50 && tail.readUInt32LE(at) === END_SIGNATURE) return at;
  }
  return -1;
}

/** The end record at `at` in `tail`, whose first byte is at file offset `tailOffset`; zip64 values are added by `withZip64`. */
export function parseEndRecord(tail: Buffer, at: number, tailOffset: number): ZipEndRecord {
  const commentLength = tail.readUInt16LE(at + 20);
  const commentStart = at + END_SIZE;
  return {
    offset: tailOffset + at,
    disk: tail.readUInt16LE(at + 4),
    directoryDisk: tail.readUInt16LE(at + 6),
    entriesOnDisk: tail.readUInt16LE(at + 8),
    entries: tail.readUInt16LE(at + 10),
    directorySize: tail.readUInt32LE(at + 12),
    directoryOffset: tail.readUInt32LE(at + 16),
    commentLength,
    comment: tail.subarray(commentStart, Math.min(tail.length, commentStart + commentLength)),
    trailingBytes: tail.length - commentStart - commentLength,
  };
}

/** The zip64 locator right before the end record at `at`, when there is one. */
export function parseZip64Locator(tail: Buffer, at: number, tailOffset: number): Zip64Locator | undefined {
  const locatorAt = at - ZIP64_LOCATOR_SIZE;
  if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR_SIGNATURE) return undefined;
  return {
    offset: tailOffset + locatorAt,
    directoryDisk: tail.readUInt32LE(locatorAt + 4),
    endOffset: readUInt64(tail, locatorAt + 8),
    disks: tail.readUInt32LE(locatorAt + 16),
  };
}

/** The zip64 end record in `bytes` (at least ZIP64_END_SIZE of them, read at the locator's offset). */
export function parseZip64End(bytes: Buffer, locator: Zip64Locator): Zip64EndRecord {
  return {
    locator,
    signatureValid: bytes.readUInt32LE(0) === ZIP64_END_SIGNATURE,
    recordSize: readUInt64(bytes, 4),
    versionMadeBy: bytes.readUInt16LE(12),
    versionNeeded: bytes.readUInt16LE(14),
    disk: bytes.readUInt32LE(16),
    directoryDisk: bytes.readUInt32LE(20),
    entriesOnDisk: readUInt64(bytes, 24),
    entries: readUInt64(bytes, 32),
    directorySize: readUInt64(bytes, 40),
    directoryOffset: readUInt64(bytes, 48),
  };
}

const NONE = Buffer.alloc(0);
const NO_FIELDS: { fields: ZipExtraField[]; overflow: number } = Object.freeze({ fields: Object.freeze([]) as unknown as ZipExtraField[], overflow: 0 });

/** The central record's length from its fixed part at `at` (46 bytes must be there). */
export function centralRecordLength(bytes: Buffer, at: number): number {
  return CENTRAL_SIZE + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
}

/** The central record at `at` in `bytes` (the whole record must be there; the signature is the caller's to check). */
export function parseCentralRecord(bytes: Buffer, at: number, fileOffset: number, index: number): ZipCentralRecord {
  const nameLength = bytes.readUInt16LE(at + 28);
  const extraLength = bytes.readUInt16LE(at + 30);
  const commentLength = bytes.readUInt16LE(at + 32);
  const nameAt = at + CENTRAL_SIZE;
  const extraAt = nameAt + nameLength;
  const commentAt = extraAt + extraLength;
  // most records have no extra field and no comment: those share one empty view (fewer objects an entry)
  const extra = extraLength === 0 ? NONE : bytes.subarray(extraAt, commentAt);
  const { fields, overflow } = extraLength === 0 ? NO_FIELDS : parseExtraFields(extra);
  const record: ZipCentralRecord = {
    index,
    offset: fileOffset,
    length: CENTRAL_SIZE + nameLength + extraLength + commentLength,
    versionMadeBy: bytes.readUInt16LE(at + 4),
    versionNeeded: bytes.readUInt16LE(at + 6),
    flags: bytes.readUInt16LE(at + 8),
    method: bytes.readUInt16LE(at + 10),
    modTime: bytes.readUInt16LE(at + 12),
    modDate: bytes.readUInt16LE(at + 14),
    crc32: bytes.readUInt32LE(at + 16),
    compressedSize: bytes.readUInt32LE(at + 20),
    uncompressedSize: bytes.readUInt32LE(at + 24),
    diskStart: bytes.readUInt16LE(at + 34),
    internalAttributes: bytes.readUInt16LE(at + 36),
    externalAttributes: bytes.readUInt32LE(at + 38),
    localHeaderOffset: bytes.readUInt32LE(at + 42),
    name: bytes.subarray(nameAt, extraAt),
    extra,
    comment: commentLength === 0 ? NONE : bytes.subarray(commentAt, commentAt + commentLength),
    extraFields: fields,
    extraOverflow: overflow,
  };
  applyZip64(record);
  return record;
}

/** Values of the zip64 extra field, in its fixed order, for the 32-bit fields that are 0xffffffff. */
function applyZip64(record: ZipCentralRecord): void {
  if (record.uncompressedSize !== 0xffffffff && record.compressedSize !== 0xffffffff && record.localHeaderOffset !== 0xffffffff) return;
  const field = record.extraFields.find((candidate) => candidate.id === EXTRA_ZIP64);
  if (!field) return;
  const data = field.data;
  let at = 0;
  // the field holds only the values whose 32-bit field is full, in this order
  for (const [key, name] of ZIP64_ORDER) {
    if (record[key] !== 0xffffffff) continue;
    if (at + 8 > data.length) {
      record.zip64Missing = name;
      return;
    }
    record[key] = readUInt64(data, at);
    at += 8;
  }
}

const ZIP64_ORDER = [
  ['uncompressedSize', 'uncompressed size'],
  ['compressedSize', 'compressed size'],
  ['localHeaderOffset', 'local header offset'],
] as const;

/** The local header at `at` in `bytes`, whose first byte is at file offset `fileOffset`: its fixed 30 bytes must be there; the name and extra field are clipped to `bytes`. */
export function parseLocalHeader(bytes: Buffer, at: number, fileOffset: number): ZipLocalHeader {
  const nameLength = bytes.readUInt16LE(at + 26);
  const extraLength = bytes.readUInt16LE(at + 28);
  const nameAt = at + LOCAL_SIZE;
  const extraAt = nameAt + nameLength;
  return {
    offset: fileOffset,
    signatureValid: bytes.readUInt32LE(at) === LOCAL_SIGNATURE,
    versionNeeded: bytes.readUInt16LE(at + 4),
    flags: bytes.readUInt16LE(at + 6),
    method: bytes.readUInt16LE(at + 8),
    modTime: bytes.readUInt16LE(at + 10),
    modDate: bytes.readUInt16LE(at + 12),
    crc32: bytes.readUInt32LE(at + 14),
    compressedSize: bytes.readUInt32LE(at + 18),
    uncompressedSize: bytes.readUInt32LE(at + 22),
    name: bytes.subarray(nameAt, extraAt),
    extra: bytes.subarray(extraAt, extraAt + extraLength),
    dataOffset: fileOffset + LOCAL_SIZE + nameLength + extraLength,
  };
}

/** The fields of an extra area: id, length, data, in order; a field declared past the end stops the parse. */
export function parseExtraFields(extra: Buffer): { fields: ZipExtraField[]; overflow: number } {
  const fields: ZipExtraField[] = [];
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const end = at + 4 + extra.readUInt16LE(at + 2);
    if (end > extra.length) return { fields, overflow: extra.length - at };
    fields.push({ id, data: extra.subarray(at + 4, end) });
    at = end;
  }
  // up to three bytes too short to be a field header are padding some writers leave
  return { fields, overflow: 0 };
}

/** A little-endian 64-bit number; exact up to 2^53, which no file reaches. */
export function readUInt64(bytes: Buffer, at: number): number {
  return bytes.readUInt32LE(at + 4) * 0x100000000 + bytes.readUInt32LE(at);
}
