// Where each extractor puts a name, before any rule runs: `pub/./media/x.php` lands at
// `pub/media/x.php` everywhere; `a/tmp/../b` is refused by GNU tar and bsdtar and written
// at `a/b` by Python and PharData; `/x` is stripped by all but Python's tarfile without a
// filter, which writes `/x` on the host. Observed with the differential cases (DESIGN §2.4).
import { BSDTAR, GNU_TAR, PHAR, PY_TAR, PY_TAR_DATA } from './readers.js';

/**
 * A cheap first look: a name with none of `./`, `//`, a trailing `.` or a leading `/` lands
 * where it is stored for every extractor (most names of a package end here).
 */
export function mayLandElsewhere(path: string): boolean {
  return path.charCodeAt(0) === 0x2f || path.includes('./') || path.includes('//') || path.endsWith('.');
}

/**
 * Where a tar extractor writes an entry stored as `name` (the whole name, before the
 * report's trimming of `./` and `/`), relative to its destination: `../x` above it, `/x`
 * for an absolute path on the host; undefined when it writes nothing there.
 */
export function tarLanding(reader: number, name: string, isDir: boolean): string | undefined {
  const absolute = name.charCodeAt(0) === 0x2f;
  const parts = name.split('/');
  // `x.php/.`: bsdtar and PharData write x.php; GNU tar and Python cannot open it as a file
  const trailingDot = parts[parts.length - 1] === '.' && parts.length > 1;
  if (trailingDot && !isDir && (reader === GNU_TAR || reader === PY_TAR || reader === PY_TAR_DATA)) return undefined;
  switch (reader) {
    case GNU_TAR:
    case BSDTAR: {
      // both strip the leading `/` and refuse a member with any `..`
      if (parts.includes('..')) return undefined;
      return landed(collapse(parts, 'refuse'), isDir);
    }
    case PY_TAR:
      // os.path.join(destination, name): an absolute name is a path on the host, `..` is followed
      return absolute ? `/${collapse(parts, 'clamp') ?? ''}` : landed(collapse(parts, 'keep'), isDir);
    case PY_TAR_DATA:
      // the data filter strips the leading `/` and refuses a name that leaves the destination
      return landed(collapse(parts, 'refuse'), isDir);
    case PHAR:
      // PharData strips the leading `/` and resolves `..` inside the archive, never above it
      return landed(collapse(parts, 'clamp'), isDir);
    default:
      return landed(collapse(parts, 'refuse'), isDir);
  }
}

/** The package root is `.`; a file cannot land on the destination folder itself. */
function landed(path: string | undefined, isDir: boolean): string | undefined {
  if (path === undefined) return undefined;
  if (path === '') return isDir ? '.' : undefined;
  return path;
}

/**
 * Components joined without empty and `.` ones, `..` resolved lexically. Above the
 * root: `refuse` gives undefined, `clamp` stays at the root, `keep` leaves `../` in front.
 */
function collapse(parts: readonly string[], above: 'refuse' | 'clamp' | 'keep'): string | undefined {
  const out: string[] = [];
  let up = 0;
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0) out.pop();
      else if (above === 'refuse') return undefined;
      else if (above === 'keep') up++;
      continue;
    }
    out.push(part);
  }
  return up > 0 ? [...Array<string>(up).fill('..'), ...out].join('/') : out.join('/');
}
