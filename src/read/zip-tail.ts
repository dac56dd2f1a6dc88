import { open } from 'node:fs/promises';

// A zip is found from its end: an end of central directory record in the last 64 KiB, its
// comment reaching the end of the file, its central directory inside the file. A tar (or
// tar.gz) with one after it is a tar to GNU tar and bsdtar, which read from the front,
// and a zip to unzip, libzip and Python's zipfile, which read from the back.

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIZE = 22;
const SEARCH = END_SIZE + 0xffff + 20;

/** Does the file end with a zip's end record that points at a central directory inside it? */
export async function endsWithZip(path: string, size: number): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const start = Math.max(0, size - SEARCH);
    const tail = Buffer.alloc(size - start);
    await handle.read(tail, 0, tail.length, start);
    for (let at = tail.length - END_SIZE; at >= 0; at--) {
      if (tail.readUInt32LE(at) !== END_SIGNATURE) continue;
      // the comment must reach the end of the file exactly, as unzip and libzip require
      if (at + END_SIZE + tail.readUInt16LE(at + 20) !== tail.length) continue;
      const entries = tail.readUInt16LE(at + 10);
      const directorySize = tail.readUInt32LE(at + 12);
      const directoryOffset = tail.readUInt32LE(at + 16);
      const endOffset = start + at;
      // offsets from the start of the file, or (a zip glued after other bytes, unzip and Python adjust) from the zip's own start
      for (const base of [0, endOffset - directorySize - directoryOffset]) {
        const directory = base + directoryOffset;
        if (base < 0 || directory + directorySize > endOffset) continue;
        if (entries === 0) return directorySize === 0;
        const first = Buffer.alloc(4);
        await handle.read(first, 0, 4, directory);
        if (first.readUInt32LE(0) === CENTRAL_SIGNATURE) return true;
      }
    }
    return false;
  } finally {
    await handle.close();
  }
}
