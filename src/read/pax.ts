import { TarFormatError } from './tar-header.js';

/** The PAX keys we honour; the rest (times, uname, xattrs) do not change what is extracted where. */
export interface PaxFields {
  path?: Buffer;
  linkpath?: Buffer;
  size?: number;
  uid?: number;
  gid?: number;
}

/**
 * Parse PAX extended header records: `<length> <key>=<value>\n`, the length counting
 * the whole record. Values stay bytes: names are decoded once, by the caller.
 */
export function parsePax(data: Buffer, into: PaxFields = {}): PaxFields {
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
    const value = data.subarray(equals + 1, end - 1);
    applyRecord(into, key, value);
    offset = end;
  }
  return into;
}

function applyRecord(fields: PaxFields, key: string, value: Buffer): void {
  switch (key) {
    case 'path':
      fields.path = Buffer.from(value);
      break;
    case 'linkpath':
      fields.linkpath = Buffer.from(value);
      break;
    case 'size':
      fields.size = decimal(value, key);
      break;
    case 'uid':
      fields.uid = decimal(value, key);
      break;
    case 'gid':
      fields.gid = decimal(value, key);
      break;
    default:
      break;
  }
}

function decimal(value: Buffer, key: string): number {
  const text = value.toString('latin1');
  if (!/^\d{1,16}$/.test(text)) throw new TarFormatError(`corrupt PAX record: ${key} is not a number`);
  const number = Number(text);
  if (!Number.isSafeInteger(number)) throw new TarFormatError(`corrupt PAX record: ${key} is too large`);
  return number;
}
