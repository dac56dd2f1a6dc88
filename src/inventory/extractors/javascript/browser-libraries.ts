// Browser libraries copied into a release by hand: `jquery-1.8.3.min.js` in a theme's
// web/js, Magento 1's js/prototype/prototype.js, a WordPress theme's
// assets/js/bootstrap.min.js, Magento 2's lib/web and pub/static. No manifest names
// them, so each is recognised from the file itself, as npm packages (the names OSV files
// the advisories under), so they are matched like any other npm package:
//   - every .js file outside node_modules by its SHA-256 (the pass has it already),
//     looked up in the table of files published on npm (browser-library-table.ts):
//     a byte-identical copy is known exactly, banner or not;
//   - a .js file whose folder or name makes a library copy plausible by its opening
//     comments (browser-library-banners.ts): only the first BANNER_BYTES are read; the
//     first HEAD_BYTES of the few names whose builds write the version in their first
//     lines of code (Lodash, Underscore, DOMPurify…); and for the names whose minified
//     builds keep it near the end (Lodash, Moment, React 18) the whole file up to
//     TAIL_FILE_BYTES, of which the last TAIL_BYTES are searched.
// Files under node_modules are left to their package.json. A file is at most one
// package; the same version found in several files is one package with every location.
// Nothing here is an error: a file that says nothing is no package, whatever its size.
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { CODE_NAMES, recogniseLibrary, WANTS_TAIL, type LibraryMatch } from './browser-library-banners.js';
import { DIGEST_DIGITS, publishedFiles, type PublishedFiles } from './browser-library-table.js';

/** Leading bytes read for the banner: every banner of every release of the libraries sits in the first 2 KiB. */
export const BANNER_BYTES = 2 * 1024;
/** Leading bytes read of a file named like a library that writes its version in its first lines of code (`var VERSION = '1.13.1'`). */
export const HEAD_BYTES = 8 * 1024;
/** The largest file read whole for a version near its end (react-dom.development.js is about 1 MiB). */
export const TAIL_FILE_BYTES = 2 * 1024 * 1024;
/** How much of the end of such a file is searched. */
export const TAIL_BYTES = 16 * 1024;

/** A folder that copied front-end code is kept in, anywhere on the path. */
const ASSET_FOLDER =
  /(?:^|\/)(?:js|javascripts?|scripts?|libs?|vendors?|assets|static|web|www|public|pub|dist|skins?|themes?|plugins?|modules|components|bower_components|external|third[-_]?party|3rdparty|resources|wp-includes|wp-content|frontend|adminhtml|base)\//i;

/** Library names in a folder or file name (`jquery/`, `bootstrap.min.js`, `tiny_mce/`). */
const LIBRARY_WORD =
  /jquery|bootstrap|moment|lodash|underscore|backbone|handlebars|angular|vue|react|purify|knockout|require|tinymce|tiny_mce|ckeditor|select2|chosen|swiper|slick|owl|prototype|scriptaculous|modernizr|highcharts|highstock|chart|plupload|datatables|video|marked|highlight/i;

/** A copy of a library is plausible here: an asset folder on the way, or a library's name in the path. */
export function plausibleCopy(path: string): boolean {
  return ASSET_FOLDER.test(path) || LIBRARY_WORD.test(path);
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
      const lower = base.toLowerCase();
      if (size <= TAIL_FILE_BYTES && WANTS_TAIL.test(lower)) return Math.max(size, 1);
      return CODE_NAMES.test(lower) ? HEAD_BYTES : BANNER_BYTES;
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
  // most files open with code, not a comment: no banner, and only a few names have their version in code
  const lower = base.toLowerCase();
  const code = CODE_NAMES.test(lower);
  if (!code && !opensWithComment(content)) return undefined;
  const head = content.toString('latin1', 0, Math.min(content.length, code ? HEAD_BYTES : BANNER_BYTES));
  const whole = content.length >= size && WANTS_TAIL.test(lower);
  const tail = whole ? content.toString('latin1', Math.max(0, content.length - TAIL_BYTES)) : undefined;
  return recogniseLibrary(head, tail, base);
}

/** After a byte-order mark, white space, `;` or `!`, the file opens with `/*` or `//`. */
function opensWithComment(content: Buffer): boolean {
  let at = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
  for (; at < content.length; at++) {
    const byte = content[at];
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c || byte === 0x3b || byte === 0x21) continue;
    return byte === 0x2f && (content[at + 1] === 0x2a || content[at + 1] === 0x2f);
  }
  return false;
}

function asPackage({ name, version }: LibraryMatch): ExtractedPackage {
  const aliases = ALIASES[name];
  return { ecosystem: 'npm', name, version, installed: true, ...(aliases ? { aliases } : {}) };
}
