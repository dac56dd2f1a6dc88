// Decoding of one 512-byte tar header: ustar, GNU and old V7, numbers in octal or
// GNU base-256. Pure functions over the block; the streaming parser owns the state.

import { isUtf8 } from 'node:buffer';

export const BLOCK = 512;

export { PackageFormatError as TarFormatError } from './package-format-error.js';
import { PackageFormatError as TarFormatError } from './package-format-error.js';

/**
 * Fields of a raw header, before PAX and GNU long-name records are applied. Names are
 * kept as byte ranges of the block: most entries need no view and no copy of them.
 */
export interface RawHeader {
  nameEnd: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  typeflag: number;
  linkEnd: number;
  /** End of the ustar `prefix` (POSIX ustar only; GNU headers reuse that space), 0 when there is none. */
  prefixEnd: number;
}

export const NAME_AT = 0;
export const LINK_AT = 157;
export const PREFIX_AT = 345;

/** True when the 512 bytes at `offset` are all zero (an end-of-archive block). */
export function isZeroBlock(block: Buffer, offset: number): boolean {
  for (let i = offset, end = offset + BLOCK; i < end; i++) {
    if (block[i] !== 0) return false;
  }
  return true;
}

/** The stored checksum matches the header (unsigned sum, or the signed sum old tars wrote). */
export function checksumMatches(block: Buffer, offset: number): boolean {
  const stored = readNumber(block, offset + 148, 8);
  if (stored === undefined) return false;
  // the checksum field itself counts as eight spaces
  let unsigned = 8 * 0x20;
  for (let i = offset, end = offset + BLOCK; i < end; i++) unsigned += block[i] as number;
  for (let i = offset + 148, end = offset + 156; i < end; i++) unsigned -= block[i] as number;
  if (stored === unsigned) return true;
  let signed = 8 * 0x20;
  for (let i = offset, end = offset + BLOCK; i < end; i++) {
    if (i >= offset + 148 && i < offset + 156) continue;
    const byte = block[i] as number;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === signed;
}

export function decodeHeader(block: Buffer, offset: number): RawHeader {
  if (!checksumMatches(block, offset)) {
    throw new TarFormatError('bad header checksum');
  }
  const size = requireNumber(block, offset + 124, 12, 'size');
  const prefixEnd = isPosixUstar(block, offset) ? stringEnd(block, offset + PREFIX_AT, 155) : 0;
  return {
    nameEnd: stringEnd(block, offset + NAME_AT, 100),
    mode: requireNumber(block, offset + 100, 8, 'mode'),
    uid: readNumber(block, offset + 108, 8) ?? 0,
    gid: readNumber(block, offset + 116, 8) ?? 0,
    size,
    typeflag: block[offset + 156] as number,
    linkEnd: stringEnd(block, offset + LINK_AT, 100),
    prefixEnd: prefixEnd > offset + PREFIX_AT ? prefixEnd : 0,
  };
}

/** `ustar\0` + version: the POSIX format, where bytes 345..500 hold a name prefix. */
function isPosixUstar(block: Buffer, offset: number): boolean {
  return (
    block[offset + 257] === 0x75 && // u
    block[offset + 258] === 0x73 && // s
    block[offset + 259] === 0x74 && // t
    block[offset + 260] === 0x61 && // a
    block[offset + 261] === 0x72 && // r
    block[offset + 262] === 0
  );
}

/** Where a NUL-terminated (or full-width) string field ends. */
function stringEnd(block: Buffer, start: number, length: number): number {
  let end = start;
  const limit = start + length;
  while (end < limit && block[end] !== 0) end++;
  return end;
}

function requireNumber(block: Buffer, start: number, length: number, field: string): number {
  const value = readNumber(block, start, length);
  if (value === undefined) throw new TarFormatError(`header field '${field}' is not a number`);
  return value;
}

/**
 * A numeric field: octal digits padded with spaces or NULs, or GNU base-256 (high bit
 * of the first byte set). Undefined when the field holds anything else or is negative.
 */
export function readNumber(block: Buffer, start: number, length: number): number | undefined {
  const first = block[start] as number;
  if (first & 0x80) {
    if (first === 0xff) return undefined; // negative base-256
    let value = first & 0x7f;
    for (let i = start + 1; i < start + length; i++) {
      value = value * 256 + (block[i] as number);
      if (value > Number.MAX_SAFE_INTEGER) return undefined;
    }
    return value;
  }
  let i = start;
  const end = start + length;
  while (i < end && (block[i] === 0x20 || block[i] === 0)) i++;
  if (i === end) return 0;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = block[i] as number;
    if (c === 0x20 || c === 0) break;
    if (c < 0x30 || c > 0x37) return undefined;
    value = value * 8 + (c - 0x30);
    digits++;
  }
  for (; i < end; i++) {
    const c = block[i] as number;
    if (c !== 0x20 && c !== 0) return undefined;
  }
  return digits > 0 ? value : 0;
}

/** Decode a stored name; `bad` when the bytes are not valid UTF-8. */
export function decodeName(bytes: Buffer, start = 0, end = bytes.length): { text: string; bad: boolean } {
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) >= 0x80) {
      return { text: bytes.toString('utf8', start, end), bad: !isUtf8(bytes.subarray(start, end)) };
    }
  }
  return { text: bytes.toString('latin1', start, end), bad: false };
}
