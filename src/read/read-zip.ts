import * as yauzl from 'yauzl';
import type { SpecialKind } from '../model.js';
import type { Limits } from '../limits.js';
import type { EntryHeader, EntryVisitor } from './entry.js';
import { EntrySink } from './entry-sink.js';
import { decodeName } from './tar-header.js';
import { storedPath } from './stored-path.js';

import { PackageFormatError as ZipFormatError } from './package-format-error.js';

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
const MADE_BY_UNIX = new Set([3, 19]); // Unix, OS X
const DOS_DIRECTORY = 0x10;
const UTF8_FLAG = 0x800;
const EXTRA_UNIX_OWNER = 0x7875; // Info-ZIP "ux": uid and gid of any size
const EXTRA_UNICODE_PATH = 0x7075;

export interface ZipReadResult {
  entries: number;
  bytes: number;
}

/** One pass over a zip (a file path, or bytes already in memory for an archive inside the package). */
export async function readZip(source: string | Buffer, visitor: EntryVisitor, limits: Limits): Promise<ZipReadResult> {
  const options = { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true, strictFileNames: true };
  const zip = typeof source === 'string' ? await yauzl.openPromise(source, options) : await yauzl.fromBufferPromise(source, options);
  let entries = 0;
  let bytes = 0;
  try {
    for await (const raw of zip.eachEntry()) {
      if (++entries > limits.maxEntries) throw new ZipFormatError(`more than ${limits.maxEntries} entries`);
      const header = describeEntry(raw, limits);
      if (header.type === 'file') {
        bytes += header.size;
        if (bytes > limits.maxTotalBytes) throw new ZipFormatError(`the content expands past the ${limits.maxTotalBytes}-byte bound`);
      }
      if (header.type === 'symlink') header.link = await readLinkTarget(zip, raw, header.path, limits);
      const sink = new EntrySink(visitor, header);
      if (header.type === 'file' && header.size > 0) {
        const stream = await openContent(zip, raw, header.path);
        for await (const chunk of stream) sink.data(chunk as Buffer);
      }
      sink.end();
    }
  } finally {
    zip.close();
  }
  return { entries, bytes };
}

function describeEntry(raw: yauzl.Entry, limits: Limits): EntryHeader {
  const nameBytes = raw.fileNameRaw;
  if (nameBytes.length > limits.maxNameBytes) {
    throw new ZipFormatError(`an entry name of ${nameBytes.length} bytes is over the ${limits.maxNameBytes}-byte bound`);
  }
  const { text, bad } = entryName(raw);
  const path = storedPath(text);
  const unix = MADE_BY_UNIX.has(raw.versionMadeBy >> 8) ? raw.externalFileAttributes >>> 16 : 0;
  const format = unix & S_IFMT;
  const special = UNIX_SPECIALS.get(format);
  let type: EntryHeader['type'];
  if (special) type = 'other';
  else type = UNIX_TYPES.get(format) ?? (text.endsWith('/') || raw.externalFileAttributes & DOS_DIRECTORY ? 'dir' : 'file');
  const permissions = unix & 0o7777;
  const mode = permissions !== 0 ? permissions : type === 'dir' ? 0o755 : 0o644;
  const header: EntryHeader = { path, type, mode, size: type === 'file' ? raw.uncompressedSize : 0 };
  const owner = unixOwner(raw.extraFields);
  if (owner) {
    header.uid = owner.uid;
    header.gid = owner.gid;
  }
  if (special) header.special = special;
  if (bad) header.badName = true;
  return header;
}

function entryName(raw: yauzl.Entry): { text: string; bad: boolean } {
  const declaredUtf8 = (raw.generalPurposeBitFlag & UTF8_FLAG) !== 0;
  const hasUnicodeExtra = raw.extraFields.some((field) => field.id === EXTRA_UNICODE_PATH);
  if (declaredUtf8) return decodeName(raw.fileNameRaw);
  if (!hasUnicodeExtra) {
    // Info-ZIP on Unix stores UTF-8 without setting the flag; only fall back to CP437 when it is not UTF-8
    const utf8 = decodeName(raw.fileNameRaw);
    if (!utf8.bad) return utf8;
  }
  return { text: yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, true), bad: false };
}

function unixOwner(fields: yauzl.ExtraField[]): { uid: number; gid: number } | undefined {
  const field = fields.find((candidate) => candidate.id === EXTRA_UNIX_OWNER);
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

async function openContent(zip: yauzl.ZipFile, raw: yauzl.Entry, path: string): Promise<NodeJS.ReadableStream> {
  if (raw.isEncrypted()) throw new ZipFormatError(`entry '${path}' is encrypted`);
  if (!raw.canDecodeFileData()) {
    throw new ZipFormatError(`entry '${path}' uses compression method ${raw.compressionMethod}, only stored and deflate can be read`);
  }
  return zip.openReadStreamPromise(raw);
}

async function readLinkTarget(zip: yauzl.ZipFile, raw: yauzl.Entry, path: string, limits: Limits): Promise<string> {
  if (raw.uncompressedSize > limits.maxNameBytes) {
    throw new ZipFormatError(`the link target of '${path}' is over the ${limits.maxNameBytes}-byte bound`);
  }
  const pieces: Buffer[] = [];
  for await (const chunk of await openContent(zip, raw, path)) pieces.push(chunk as Buffer);
  return decodeName(Buffer.concat(pieces)).text;
}
