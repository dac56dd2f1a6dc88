// Browser libraries copied into a release by hand: `jquery-1.8.3.min.js` in a theme's
// web/js, Magento 1's js/prototype/prototype.js, a WordPress theme's
// assets/js/bootstrap.min.js, Magento 2's lib/web and pub/static. No manifest names
// them, so each is recognised from the file itself, as npm packages (the names OSV files
// the advisories under), so they are matched like any other npm package:
//   - every .js file outside node_modules by its SHA-256 (the pass has it already),
//     looked up in the table of files published on npm (browser-library-table.ts):
//     a byte-identical copy is known exactly, banner or not;
//   - a .js file whose folder or name makes a library copy plausible by its opening
//     comments (browser-library-banners.ts): only the first HEAD_BYTES are read, and
//     for the few names whose builds keep the version near the end (minified Lodash,
//     Moment, React 18) the whole file up to TAIL_FILE_BYTES, of which the last
//     TAIL_BYTES are searched.
// Files under node_modules are left to their package.json. A file is at most one
// package; the same version found in several files is one package with every location.
// Nothing here is an error: a file that says nothing is no package, whatever its size.
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { recogniseLibrary, WANTS_TAIL, type LibraryMatch } from './browser-library-banners.js';
import { DIGEST_DIGITS, publishedFiles, type PublishedFiles } from './browser-library-table.js';

/** Leading bytes read for the banner (and for the versions a few libraries write in their first lines of code). */
export const HEAD_BYTES = 8 * 1024;
/** The largest file read whole for a version near its end (react-dom.development.js is about 1 MiB). */
export const TAIL_FILE_BYTES = 2 * 1024 * 1024;
/** How much of the end of such a file is searched. */
export const TAIL_BYTES = 16 * 1024;

/** Folders that copied front-end code is kept in. */
const ASSET_FOLDERS = new Set([
  'js', 'javascript', 'javascripts', 'scripts', 'script', 'lib', 'libs', 'vendor', 'vendors', 'assets', 'static', 'web',
  'www', 'public', 'pub', 'dist', 'skin', 'skins', 'theme', 'themes', 'plugins', 'plugin', 'modules', 'components',
  'bower_components', 'external', 'third-party', 'third_party', 'thirdparty', '3rdparty', 'resources', 'wp-includes',
  'wp-content', 'frontend', 'adminhtml', 'base',
]);

/** Library names in a folder or file name (`jquery/`, `bootstrap.min.js`, `tiny_mce/`). */
const LIBRARY_WORDS =
  /jquery|bootstrap|moment|lodash|underscore|backbone|handlebars|angular|vue|react|purify|knockout|require|tinymce|tiny_mce|ckeditor|select2|chosen|swiper|slick|owl|prototype|scriptaculous|modernizr|highcharts|highstock|chart|plupload|datatables|video|marked|highlight/;

/** A copy of a library is plausible here: an asset folder on the way, or a library's name in the path. */
export function plausibleCopy(path: string): boolean {
  const lower = path.toLowerCase();
  if (LIBRARY_WORDS.test(lower)) return true;
  const segments = lower.split('/');
  for (let i = 0; i < segments.length - 1; i++) if (ASSET_FOLDERS.has(segments[i] as string)) return true;
  return false;
}

function inNodeModules(path: string): boolean {
  return path.startsWith('node_modules/') || path.includes('/node_modules/');
}

/** Other npm names the same code was published under: CKEditor 4 was `ckeditor` until 4.12 and `ckeditor4` since. */
const ALIASES: Readonly<Record<string, string[]>> = { ckeditor4: ['ckeditor'], ckeditor: ['ckeditor4'] };

/** `files`: the table of published files (the bundled one unless a test brings its own). */
export function browserLibrariesExtractor(files?: PublishedFiles): Extractor {
  return {
    name: 'javascript/browser-library',
    installed: true,
    maxBytes: TAIL_FILE_BYTES,
    matches(path, base) {
      return base.endsWith('.js') && !inNodeModules(path);
    },
    headBytes(path, base, size) {
      if (!plausibleCopy(path)) return 1; // the digest is all it needs
      return size <= TAIL_FILE_BYTES && WANTS_TAIL.test(base.toLowerCase()) ? Math.max(size, 1) : HEAD_BYTES;
    },
    extract({ path, content, sha256, size }) {
      try {
        const known = sha256 === undefined ? undefined : (files ?? publishedFiles()).get(sha256.slice(0, DIGEST_DIGITS));
        const found = known ?? fromContent(path, content, size ?? content.length);
        return found ? [asPackage(found)] : [];
      } catch {
        // a best-effort inventory: a file it cannot make sense of is no package, never an error
        return [];
      }
    },
  };
}

function fromContent(path: string, content: Buffer, size: number): LibraryMatch | undefined {
  if (!plausibleCopy(path)) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const head = content.toString('latin1', 0, Math.min(content.length, HEAD_BYTES));
  const whole = content.length >= size && WANTS_TAIL.test(base.toLowerCase());
  const tail = whole ? content.toString('latin1', Math.max(0, content.length - TAIL_BYTES)) : undefined;
  return recogniseLibrary(head, tail, base);
}

function asPackage({ name, version }: LibraryMatch): ExtractedPackage {
  const aliases = ALIASES[name];
  return { ecosystem: 'npm', name, version, installed: true, ...(aliases ? { aliases } : {}) };
}
