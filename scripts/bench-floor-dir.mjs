// The floor of a directory scan: a plain walk that lstats, reads and SHA-256s every
// file one at a time, synchronously, links never followed. No checks, no bounds, no
// thread pool: the least work a scan of a deployed tree must do, done the plain way.
//   usage: node scripts/bench-floor-dir.mjs <directory>
import { createHash, hash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const all = createHash('sha256');
let entries = 0;
let bytes = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stats = lstatSync(path);
    entries++;
    if (stats.isDirectory()) walk(path);
    else if (stats.isFile()) {
      const content = readFileSync(path);
      all.update(hash('sha256', content, 'hex'));
      bytes += content.length;
    }
  }
};
walk(process.argv[2]);
process.stdout.write(`${entries} entries, ${bytes} bytes ${all.digest('hex')}\n`);
