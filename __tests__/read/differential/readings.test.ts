// What the reader makes of the crafted cases, reading by reading (path, type and the
// extractors that write it): the model of each extractor (tar-names.ts, tar-types.ts,
// landing.ts, link-walk.ts) pinned to what GNU tar 1.34, bsdtar 3.6.2, Python 3.11 and
// PHP 8.2 were seen to write (tar.test.ts checks it against them where they are installed;
// this runs wherever python3 can build the cases).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../helpers/collect.js';
import { tempDir } from '../../helpers/temp.js';

const GENERATOR = join(import.meta.dirname, '../../helpers/differential/gen_cases.py');

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  't-pax-two-x': [
    'pub/media/x.php file gnu-tar,bsdtar',
    'assets/logo.txt file python-tarfile,python-tarfile-data,php-phar',
  ],
  't-L-then-pax': [
    'assets/logo.txt file gnu-tar',
    'pub/media/x.php file bsdtar,python-tarfile,python-tarfile-data,php-phar',
  ],
  't-two-L': [
    'pub/media/x.php file php-phar',
    'assets/logo.txt file gnu-tar,bsdtar,php-phar',
    'pub/media/x.php file python-tarfile,python-tarfile-data',
  ],
  't-prefix-gnu-magic': [
    'x.php file gnu-tar,bsdtar',
    'pub/media/x.php file python-tarfile,python-tarfile-data,php-phar',
  ],
  't-pax-global-path': [
    'pub/media/x.php file gnu-tar,python-tarfile,python-tarfile-data',
    'assets/logo.txt file bsdtar,php-phar',
  ],
  't-pax-empty-path': [
    'pub/media/x.php file bsdtar,php-phar',
  ],
  't-pax-path-nul': [
    'pub/media/x.php file gnu-tar,bsdtar',
    'assets/logo.txt file php-phar',
  ],
  't-pax-sparse-10': [
    'assets/logo.txt file php-phar',
    'pub/media/x.php file gnu-tar,bsdtar,python-tarfile,python-tarfile-data',
  ],
  't-type-S': [
    'pub/media/x.php file php-phar',
    'pub/media/x.php file gnu-tar,bsdtar,python-tarfile,python-tarfile-data',
  ],
  't-type-A': [
    'pub/media/x.php file gnu-tar,python-tarfile,php-phar',
  ],
  't-type-X': [
    'pub/media/x.php file php-phar',
    'assets/logo.txt file',
  ],
  't-data-reg-slash': [
    'pub/media file python-tarfile,python-tarfile-data,php-phar',
    'assets/notes.txt file python-tarfile,python-tarfile-data,php-phar',
    'pub/media/a.php file gnu-tar,bsdtar',
    'README.txt file',
  ],
  't-data-symlink': [
    'pub/link symlink gnu-tar,bsdtar,python-tarfile,python-tarfile-data',
    'pub/link file php-phar',
    'pub/media/a.php file',
    'README.txt file',
  ],
  't-pax-size-symlink': [
    'pub/link symlink gnu-tar,python-tarfile,python-tarfile-data,php-phar',
    'pub/link symlink bsdtar',
    'assets/notes.txt file bsdtar',
    'pub/media/a.php file gnu-tar,python-tarfile,python-tarfile-data,php-phar',
    'README.txt file',
  ],
  't-pax-two-size': [
    'assets/logo.txt file python-tarfile,python-tarfile-data',
    'assets/logo.txt file gnu-tar,bsdtar,php-phar',
    'assets/notes.txt file gnu-tar,bsdtar,php-phar',
    'pub/media/a.php file python-tarfile,python-tarfile-data',
    'README.txt file',
  ],
  't-symlink-dir-shell': [
    'uploads symlink',
    'pub/media/x.php file gnu-tar,python-tarfile,python-tarfile-data',
  ],
  't-symlink-then-file': [
    'pub/media/logo.txt symlink',
    'pub/media/logo.txt file gnu-tar,bsdtar,php-phar',
    'app/etc/env.php file python-tarfile,python-tarfile-data',
  ],
  't-path-absolute': [
    'escape/pub/media/x.php file gnu-tar,bsdtar,python-tarfile-data,php-phar',
    '/escape/pub/media/x.php file python-tarfile',
  ],
  't-hardlink-env': [
    'config/notes.txt file',
    'config/handlers.txt file',
    '.env hardlink',
    'app/etc/env.php hardlink',
    'pub/media/.htaccess hardlink',
  ],
  't-control': [
    'pub/media/x.php file',
    'app/etc/env.php file',
    '.env file',
  ],
};

let cases: string | undefined;
let why = '';
beforeAll(async () => {
  const dir = await tempDir('release-gate-readings-');
  try {
    execFileSync('python3', [GENERATOR, dir, '--only', Object.keys(EXPECTED).join(',')], { env: { ...process.env, RG_ESCAPE_DIR: '/escape' }, stdio: 'ignore' });
    cases = dir;
  } catch (error) {
    why = (error as Error).message.split('\n')[0] ?? '';
  }
});

describe('each extractor\'s reading of the crafted tar cases', () => {
  it.each(Object.entries(EXPECTED))('%s', async (id, expected) => {
    if (cases === undefined) {
      console.log(`skipped: python3 could not build the cases (${why})`);
      return;
    }
    const { records } = await collect(join(cases, `${id}.tar`));
    const readings = records.filter((record) => record.type !== 'dir').map((record) => `${record.path} ${record.type}${record.by ? ` ${record.by.join(',')}` : ''}`);
    expect(readings).toEqual(expected);
  });
});
