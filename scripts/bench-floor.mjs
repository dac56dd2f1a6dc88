// The floor of a .tar.gz scan: the least work any scan must do, which is to inflate
// the package and SHA-256 every byte of it. Tuned as well as the scan's own reader
// (1 MiB reads, 256 KiB inflate chunks), so the ratio is against Node at its best.
//   usage: node scripts/bench-floor.mjs <package.tar.gz>
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

const hash = createHash('sha256');
const gunzip = createGunzip({ chunkSize: 256 * 1024 });
createReadStream(process.argv[2], { highWaterMark: 1024 * 1024 }).pipe(gunzip);
let bytes = 0;
for await (const chunk of gunzip) {
  hash.update(chunk);
  bytes += chunk.length;
}
process.stdout.write(`${bytes} ${hash.digest('hex')}\n`);
