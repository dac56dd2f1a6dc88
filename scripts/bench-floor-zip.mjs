// The floor of a .zip scan: read the central directory, then inflate every entry on the
// main thread and SHA-256 it, one after another, reading the file in large windows.
// No checks, no bounds, no thread pool: the least work any scan of a zip must do.
//   usage: node scripts/bench-floor-zip.mjs <package.zip>
import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const WINDOW = 8 * 1024 * 1024;
const fd = openSync(process.argv[2], 'r');
const size = fstatSync(fd).size;
const read = (position, length) => {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const got = readSync(fd, bytes, done, length - done, position + done);
    if (got === 0) throw new Error('unexpected end of file');
    done += got;
  }
  return bytes;
};

// the end record (with its comment), then zip64's when the counts overflow
const tail = read(Math.max(0, size - 65557), Math.min(size, 65557));
let end = tail.length - 22;
while (end >= 0 && tail.readUInt32LE(end) !== 0x06054b50) end--;
if (end < 0) throw new Error('no end of central directory');
let count = tail.readUInt16LE(end + 10);
let cdSize = tail.readUInt32LE(end + 12);
let cdOffset = tail.readUInt32LE(end + 16);
if (count === 0xffff || cdOffset === 0xffffffff) {
  const locator = end - 20;
  const at = Number(tail.readBigUInt64LE(locator + 8));
  const z64 = read(at, 56);
  count = Number(z64.readBigUInt64LE(32));
  cdSize = Number(z64.readBigUInt64LE(40));
  cdOffset = Number(z64.readBigUInt64LE(48));
}
const cd = read(cdOffset, cdSize);
const entries = [];
for (let at = 0, i = 0; i < count; i++) {
  const method = cd.readUInt16LE(at + 10);
  let compressed = cd.readUInt32LE(at + 20);
  let uncompressed = cd.readUInt32LE(at + 24);
  const nameLength = cd.readUInt16LE(at + 28);
  const extraLength = cd.readUInt16LE(at + 30);
  const commentLength = cd.readUInt16LE(at + 32);
  let offset = cd.readUInt32LE(at + 42);
  if (compressed === 0xffffffff || uncompressed === 0xffffffff || offset === 0xffffffff) {
    for (let e = at + 46 + nameLength; e < at + 46 + nameLength + extraLength; ) {
      const id = cd.readUInt16LE(e);
      const length = cd.readUInt16LE(e + 2);
      if (id === 1) {
        let f = e + 4;
        if (uncompressed === 0xffffffff) {
          uncompressed = Number(cd.readBigUInt64LE(f));
          f += 8;
        }
        if (compressed === 0xffffffff) {
          compressed = Number(cd.readBigUInt64LE(f));
          f += 8;
        }
        if (offset === 0xffffffff) offset = Number(cd.readBigUInt64LE(f));
      }
      e += 4 + length;
    }
  }
  entries.push({ method, compressed, offset });
  at += 46 + nameLength + extraLength + commentLength;
}

let window = Buffer.alloc(0);
let windowAt = 0;
/** Bytes [offset, offset + length) of the file, from the current window or a new one. */
const slice = (offset, length) => {
  if (offset < windowAt || offset + length > windowAt + window.length) {
    window = read(offset, Math.min(size - offset, Math.max(WINDOW, length)));
    windowAt = offset;
  }
  return window.subarray(offset - windowAt, offset - windowAt + length);
};
let bytes = 0;
const all = createHash('sha256');
for (const entry of entries) {
  const local = slice(entry.offset, 30);
  const data = slice(entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28), entry.compressed);
  const content = entry.method === 8 ? inflateRawSync(data) : data;
  all.update(hash('sha256', content, 'hex'));
  bytes += content.length;
}
closeSync(fd);
process.stdout.write(`${entries.length} entries, ${bytes} bytes ${all.digest('hex')}\n`);
