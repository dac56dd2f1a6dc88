import { TarFormatError } from './tar-header.js';

/** One PAX record: a key and its value as bytes (names are decoded once, by the caller). */
export type PaxRecord = readonly [key: string, value: Buffer];

/**
 * The keys that change what is extracted where, or how much data follows: the rest
 * (times, user names, extended attributes) are dropped as they are read.
 */
function kept(key: string): boolean {
  return key === 'path' || key === 'linkpath' || key === 'size' || key === 'uid' || key === 'gid' || key.startsWith('GNU.sparse.');
}

/**
 * Parse PAX extended header records: `<length> <key>=<value>\n`, the length counting
 * the whole record. The records stay in order, repeated keys included: extractors
 * disagree on which of two records (or two headers) wins, and each one's rule is applied
 * to the sequence (tar-names.ts).
 */
export function parsePax(data: Buffer): PaxRecord[] {
  const records: PaxRecord[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (data[offset] === 0) break; // NUL padding after the last record
    const space = data.indexOf(0x20, offset);
    if (space < 0 || space - offset > 20) throw new TarFormatError('corrupt PAX record: no length');
    const length = Number(data.toString('latin1', offset, space));
    const end = offset + length;
    if (!Number.isInteger(length) || length <= space - offset + 1 || end > data.length || data[end - 1] !== 0x0a) {
      throw new TarFormatError('corrupt PAX record: bad length');
    }
    const equals = data.indexOf(0x3d, space + 1);
    if (equals < 0 || equals >= end) throw new TarFormatError('corrupt PAX record: no key');
    const key = data.toString('utf8', space + 1, equals);
    if (kept(key)) {
      const value = Buffer.from(data.subarray(equals + 1, end - 1));
      if (key === 'size' || key === 'uid' || key === 'gid') decimal(value, key);
      records.push([key, value]);
    }
    offset = end;
  }
  return records;
}

/** A numeric record's value (checked when read: a corrupt one fails the scan). */
export function decimal(value: Buffer, key: string): number {
  const text = value.toString('latin1');
  if (!/^\d{1,16}$/.test(text)) throw new TarFormatError(`corrupt PAX record: ${key} is not a number`);
  const number = Number(text);
  if (!Number.isSafeInteger(number)) throw new TarFormatError(`corrupt PAX record: ${key} is too large`);
  return number;
}
