import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { TransformOptions } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import type { Limits } from '../limits.js';
import type { EntryVisitor } from './entry.js';
import { TarParser } from './tar-parser.js';

// Sizes measured with `npm run bench`: big inflate chunks and a read-ahead of a few of
// them let zlib inflate on the thread pool while the main thread parses and hashes.
const FILE_CHUNK = 1024 * 1024;
const INFLATE_CHUNK = 256 * 1024;
const INFLATE_AHEAD = 1024 * 1024;

export interface TarReadResult {
  sha256: string;
  entries: number;
  bytes: number;
}

/** One pass over a .tar or .tar.gz file: the package hash, and every entry to the visitor. */
export async function readTarFile(
  path: string,
  compressed: boolean,
  visitor: EntryVisitor,
  limits: Limits,
): Promise<TarReadResult> {
  const parser = new TarParser(visitor, limits);
  const input = createReadStream(path, { highWaterMark: FILE_CHUNK });
  try {
    if (compressed) {
      const packageHash = createHash('sha256');
      input.on('data', (chunk) => packageHash.update(chunk as Buffer));
      // zlib hands its options to the Transform underneath, read-ahead included
      const options: ZlibOptions & TransformOptions = { chunkSize: INFLATE_CHUNK, highWaterMark: INFLATE_AHEAD };
      const gunzip = createGunzip(options);
      input.on('error', (error) => gunzip.destroy(error));
      input.pipe(gunzip);
      try {
        for await (const chunk of gunzip) parser.write(chunk as Buffer);
      } finally {
        gunzip.destroy();
      }
      parser.end();
      return { sha256: packageHash.digest('hex'), entries: parser.entries, bytes: parser.bytes };
    }
    const fileHash = createHash('sha256');
    for await (const chunk of input) {
      fileHash.update(chunk as Buffer);
      parser.write(chunk as Buffer);
    }
    parser.end();
    return { sha256: fileHash.digest('hex'), entries: parser.entries, bytes: parser.bytes };
  } finally {
    input.destroy();
  }
}
