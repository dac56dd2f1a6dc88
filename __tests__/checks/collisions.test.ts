// Names that collide once folded, in a package that stores its folders as entries
// (GNU tar: whole names are compared) and in one that does not (every folder prefix
// is), reported once, where the names part.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { packTree } from '../helpers/store-package.js';
import { TarWriter } from '../helpers/tar-writer.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

async function collisions(target: string): Promise<string[]> {
  const report = await scan({ target, advisories: ['none'] });
  return report.findings
    .filter((finding) => finding.rule === 'case-collision' || finding.rule === 'unicode-collision')
    .map((finding) => `${finding.rule} ${finding.path ?? ''}`)
    .sort();
}

describe('names that collide once folded', () => {
  it('with folder entries (GNU tar): at the folders, not again at every file inside', async () => {
    const target = await packTree(work, 'folders', {
      'shop/Media/a.txt': 'a',
      'shop/media/b.txt': 'b',
      'shop/Media/c.txt': 'c',
      'shop/media/c.txt': 'c',
      'shop/Logo.svg': '<svg/>',
      'shop/logo.svg': '<svg/>',
      'shop/caf\u00e9.txt': 'nfc',
      'shop/cafe\u0301.txt': 'nfd',
      'shop/ok/README.md': '# fine: no twin',
    });
    // paths are relative to the package's single top folder (shop/)
    expect(await collisions(target)).toEqual(['case-collision Logo.svg', 'case-collision Media', 'unicode-collision cafe\u0301.txt']);
  });

  it('without folder entries: the folders implied by the names collide too', async () => {
    const archive = new TarWriter().file('app/Media/a.txt', 'a').file('app/media/b.txt', 'b').file('app/x/README', 'r').file('app/x/readme', 'r').end();
    const target = join(work, 'no-folders.tar.gz');
    await writeFile(target, gzipSync(archive));
    expect(await collisions(target)).toEqual(['case-collision Media', 'case-collision x/README']);
  });

  it('finds nothing in names that only look alike', async () => {
    const target = await packTree(work, 'distinct', { 'a/Readme.md': '1', 'a/readme.txt': '2', 'b/README.md': '3' });
    expect(await collisions(target)).toEqual([]);
  });
});
