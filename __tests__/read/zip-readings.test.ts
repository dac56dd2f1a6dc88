// What each zip extractor makes of an entry's records (zip-readings.ts), row by row of
// what unzip 6.0, bsdtar 3.6.2, libzip 1.7.3 and Python 3.11 were seen to write (the
// differential suite checks the reader against them where they are installed).
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readerNames } from '../../src/read/readers.js';
import { ZipSource, cp437, zipReadings, type ZipEntryFacts, type ZipExtra } from '../../src/read/zip-readings.js';

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function facts(name: string, options: Partial<ZipEntryFacts> & { host?: number; mode?: number; dos?: number } = {}): ZipEntryFacts {
  const { host = 3, mode = S_IFREG | 0o644, dos = 0, ...rest } = options;
  return { versionMadeBy: (host << 8) | 30, externalAttributes: ((mode << 16) | dos) >>> 0, flags: 0, centralName: Buffer.from(name), centralExtra: [], size: 10, ...rest };
}

function unicodeExtra(name: string, standsFor: string): ZipExtra {
  const data = Buffer.concat([Buffer.from([1]), Buffer.alloc(4), Buffer.from(name)]);
  data.writeUInt32LE(crc32(Buffer.from(standsFor)), 1);
  return { id: 0x7075, data };
}

/** `path type (extractors)` of each reading. */
function shown(entry: ZipEntryFacts): string[] {
  return zipReadings(entry).readings.map((reading) => `${reading.path} ${reading.type}${reading.source === ZipSource.LinkTarget ? ' link' : ''} ${reading.mode.toString(8)} (${readerNames(reading.by).join(', ')})`);
}

describe('zip readings', () => {
  it('an honest file: one place, one type, for every extractor', () => {
    const entry = facts('shop/index.php');
    expect(zipReadings(entry).readings).toHaveLength(1);
    expect(zipReadings(entry).disagreement).toBeUndefined();
  });

  it('an honest symlink: a link to unzip and bsdtar, a file of the target to the others (their policy, no disagreement)', () => {
    const entry = facts('shop/current', { mode: S_IFLNK | 0o777 });
    expect(shown(entry)).toEqual(['shop/current symlink link 777 (bsdtar, unzip)', 'shop/current file 664 (bsdtar-stream, python-zipfile, php-zip)']);
    expect(zipReadings(entry).disagreement).toBeUndefined();
  });

  it('a folder mode on an entry with data: a file to unzip, a folder to bsdtar', () => {
    const entry = facts('pub/media/x.php', { mode: S_IFDIR | 0o755 });
    expect(shown(entry)).toEqual(['pub/media/x.php dir 755 (bsdtar)', 'pub/media/x.php file 664 (bsdtar-stream, unzip, python-zipfile, php-zip)']);
    expect(zipReadings(entry).disagreement).toBe('what the host system and attributes make of the entry');
  });

  it('the MS-DOS folder bit on an entry with data: a folder to bsdtar only', () => {
    const entry = facts('pub/media/x.php', { host: 0, mode: 0, dos: 0x10 });
    expect(shown(entry)).toEqual(['pub/media/x.php dir 775 (bsdtar)', 'pub/media/x.php file 664 (bsdtar-stream, unzip, python-zipfile, php-zip)']);
  });

  it('unix modes from BeOS (a symlink, 0777) honoured by unzip alone; from OS X by none', () => {
    expect(shown(facts('var/ww.txt', { host: 16, mode: S_IFREG | 0o777 }))).toContain('var/ww.txt file 777 (unzip)');
    expect(shown(facts('pub/link', { host: 16, mode: S_IFLNK | 0o777 }))).toContain('pub/link symlink link 777 (unzip)');
    expect(shown(facts('pub/link', { host: 19, mode: S_IFLNK | 0o777 })).join(' | ')).not.toContain('symlink');
  });

  it('set-id bits: bsdtar keeps them, unzip drops them', () => {
    expect(shown(facts('bin/suid', { mode: S_IFREG | 0o4755 }))).toEqual(['bin/suid file 4755 (bsdtar)', 'bin/suid file 664 (bsdtar-stream, unzip, python-zipfile, php-zip)']);
  });

  it('the central and local names part: bsdtar takes the local one, Python refuses', () => {
    const entry = facts('assets/logo.txt', { localName: Buffer.from('pub/media/x.php'), localExtra: [] });
    expect(shown(entry)).toEqual(['pub/media/x.php file 644 (bsdtar, bsdtar-stream)', 'assets/logo.txt file 644 (unzip, php-zip)']);
    expect(zipReadings(entry).disagreement).toBe('which record names the entry');
  });

  it('a Unicode Path extra in the central record only: unzip and libzip take it', () => {
    const entry = facts('assets/logo.txt', { host: 0, mode: 0, centralExtra: [unicodeExtra('pub/media/x.php', 'assets/logo.txt')], localName: Buffer.from('assets/logo.txt'), localExtra: [] });
    expect(shown(entry)).toEqual(['assets/logo.txt file 664 (bsdtar, bsdtar-stream, python-zipfile)', 'pub/media/x.php file 644 (unzip, php-zip)']);
    expect(zipReadings(entry).disagreement).toBe('which record names the entry');
  });

  it("an honest Info-ZIP name that is not ASCII: Python decodes it as code page 437, the others take the extra field's UTF-8", () => {
    const name = 'shop/ünï.txt';
    const extra = [unicodeExtra(name, name)];
    const entry = facts(name, { centralExtra: extra, localName: Buffer.from(name), localExtra: extra });
    expect(shown(entry)).toEqual(['shop/ünï.txt file 644 (bsdtar, bsdtar-stream, unzip, php-zip)', `${cp437(Buffer.from(name))} file 644 (python-zipfile)`]);
    expect(zipReadings(entry).disagreement).toBeUndefined();
  });

  it('backslashes: separators to bsdtar, and to unzip from MS-DOS; characters to libzip and Python', () => {
    expect(shown(facts('pub\\media\\x.php', { host: 0, mode: 0 }))).toEqual(['pub/media/x.php file 664 (bsdtar, bsdtar-stream, unzip)', 'pub\\media\\x.php file 644 (python-zipfile, php-zip)']);
  });

  it('names with .. and a drive: dropped by unzip and Python, resolved by libzip, refused by bsdtar', () => {
    expect(shown(facts('var/../app/etc/env.php'))).toEqual(['var/app/etc/env.php file 644 (unzip, python-zipfile)', 'app/etc/env.php file 644 (php-zip)']);
    expect(shown(facts('C:/app/etc/env.php', { host: 0, mode: 0 }))).toEqual(['app/etc/env.php file 664 (bsdtar, bsdtar-stream)', 'C:/app/etc/env.php file 644 (unzip, python-zipfile, php-zip)']);
  });

  it('a NUL in a name: cut by most, a space to libzip', () => {
    const entry = facts('pub/media/x.php\0.txt');
    expect(shown(entry)).toContain('pub/media/x.php .txt file 644 (php-zip)');
    expect(zipReadings(entry).disagreement).toBe('how extractors read a name with a NUL in it');
  });
});
