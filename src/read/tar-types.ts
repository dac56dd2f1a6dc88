// What each tar extractor makes of an entry's typeflag: the type it writes, where the
// content comes from, and how many bytes of data follow the header in its reading of the
// stream. Observed on GNU tar 1.34, bsdtar 3.6.2, Python 3.11/3.12 and PHP 8.2 with the
// differential cases (DESIGN §2.1, §2.3); an extractor refusing an entry by policy (the
// data filter refusing a device) differs from one reading the bytes as something else
// (bsdtar taking a volume label for a header of no data).
import type { EntryType, SpecialKind } from '../model.js';
import { BSDTAR, GNU_TAR, PHAR, PY_TAR, PY_TAR_DATA } from './readers.js';

const CHAR = (c: string): number => c.charCodeAt(0);
export const T_FILE = CHAR('0');
export const T_AFILE = 0;
export const T_HARDLINK = CHAR('1');
export const T_SYMLINK = CHAR('2');
export const T_CHAR = CHAR('3');
export const T_BLOCK = CHAR('4');
export const T_DIR = CHAR('5');
export const T_FIFO = CHAR('6');
export const T_CONTIGUOUS = CHAR('7');
export const T_PAX = CHAR('x');
export const T_PAX_GLOBAL = CHAR('g');
export const T_SOLARIS_PAX = CHAR('X');
export const T_GNU_LONGNAME = CHAR('L');
export const T_GNU_LONGLINK = CHAR('K');
export const T_GNU_DUMPDIR = CHAR('D');
export const T_GNU_SPARSE = CHAR('S');
export const T_GNU_VOLUME = CHAR('V');
export const T_GNU_MULTIVOLUME = CHAR('M');
export const T_SOLARIS_ACL = CHAR('A');

/** Where a reading's content comes from. */
export const enum Source {
  /** No content: a folder, a link, a device. */
  None,
  /** The entry's data. */
  Data,
  /** The bytes after the header, whatever they are (PharData's reading of a link or device with a size). */
  Following,
  /** The data expanded by the entry's sparse map (holes as zeros). */
  Expanded,
}

export type Outcome =
  | { write: true; type: EntryType; special?: SpecialKind; source: Source }
  /** Writes nothing: `policy` when it refuses the entry (its own rule), else it reads the bytes as something that is no file. */
  | { write: false; policy: boolean };

const FILE: Outcome = { write: true, type: 'file', source: Source.Data };
const DIR: Outcome = { write: true, type: 'dir', source: Source.None };
const HARDLINK: Outcome = { write: true, type: 'hardlink', source: Source.None };
const SYMLINK: Outcome = { write: true, type: 'symlink', source: Source.None };
const EXPANDED: Outcome = { write: true, type: 'file', source: Source.Expanded };
const FOLLOWING: Outcome = { write: true, type: 'file', source: Source.Following };
const REFUSED: Outcome = { write: false, policy: true };
const NOTHING: Outcome = { write: false, policy: false };
const SPECIALS = new Map<number, Outcome>([
  [T_CHAR, { write: true, type: 'other', special: 'char-device', source: Source.None }],
  [T_BLOCK, { write: true, type: 'other', special: 'block-device', source: Source.None }],
  [T_FIFO, { write: true, type: 'other', special: 'fifo', source: Source.None }],
]);

/**
 * What `reader` writes for an entry of this typeflag (not an extended header), named
 * `name` in its own reading, with `size` bytes in the size field.
 *
 * PharData writes a link or device as a regular file of the `size` bytes that follow the
 * header, which every other extractor reads as the next header: a reading of its own. With
 * no size that is an empty file in place of every link of every honest archive; it is
 * taken as the link here (left out of the report on purpose: it holds nothing to judge, and
 * its name is judged as the link's).
 */
export function tarOutcome(reader: number, typeflag: number, name: string, size: number): Outcome {
  const slash = name.endsWith('/');
  switch (typeflag) {
    case T_FILE:
    case T_AFILE:
    case T_CONTIGUOUS:
      // a regular file whose name ends in `/` is a folder to GNU tar and bsdtar; to Python only without a typeflag
      if (slash && (reader === GNU_TAR || reader === BSDTAR || ((reader === PY_TAR || reader === PY_TAR_DATA) && typeflag === T_AFILE))) return DIR;
      return FILE;
    case T_DIR:
      return DIR;
    case T_HARDLINK:
      return reader === PHAR && size > 0 ? FOLLOWING : HARDLINK;
    case T_SYMLINK:
      return reader === PHAR && size > 0 ? FOLLOWING : SYMLINK;
    case T_CHAR:
    case T_BLOCK:
    case T_FIFO:
      if (reader === PHAR && size > 0) return FOLLOWING;
      return reader === PY_TAR_DATA ? REFUSED : (SPECIALS.get(typeflag) as Outcome);
    case T_GNU_SPARSE:
      return reader === PHAR ? FILE : EXPANDED;
    case T_GNU_DUMPDIR:
      if (reader === GNU_TAR || reader === BSDTAR) return DIR;
      return reader === PY_TAR_DATA ? REFUSED : FILE;
    case T_GNU_VOLUME:
      // a volume label: GNU tar and bsdtar write nothing, Python and PharData a file
      if (reader === GNU_TAR || reader === BSDTAR) return NOTHING;
      return reader === PY_TAR_DATA ? REFUSED : FILE;
    case T_GNU_MULTIVOLUME:
      // GNU tar takes it for the rest of a file begun on another volume and refuses it
      if (reader === GNU_TAR) return NOTHING;
      return reader === PY_TAR_DATA ? REFUSED : FILE;
    case T_SOLARIS_ACL:
      // bsdtar reads a Solaris ACL for the next entry
      if (reader === BSDTAR) return NOTHING;
      return reader === PY_TAR_DATA ? REFUSED : FILE;
    default:
      // any other letter: GNU tar ("extracted as normal file"), bsdtar, Python and PharData write a file
      return reader === PY_TAR_DATA ? REFUSED : FILE;
  }
}

/**
 * Bytes of data after the header in `reader`'s reading of the stream: what it skips to
 * find the next header. `pax` is the size a PAX header gave, if any.
 */
export function tarDataBytes(reader: number, typeflag: number, name: string, ustar: number, pax: number | undefined): number {
  const slash = name.endsWith('/');
  switch (typeflag) {
    case T_HARDLINK:
    case T_SYMLINK:
    case T_CHAR:
    case T_BLOCK:
    case T_DIR:
    case T_FIFO:
      // no data, whatever the size field says; bsdtar alone honours a PAX size here
      return reader === BSDTAR ? (pax ?? 0) : 0;
    case T_GNU_VOLUME:
      if (reader === BSDTAR) return pax ?? 0;
      return reader === PHAR ? ustar : (pax ?? ustar);
    case T_FILE:
    case T_AFILE:
    case T_CONTIGUOUS:
      if (slash && (reader === GNU_TAR || reader === BSDTAR || ((reader === PY_TAR || reader === PY_TAR_DATA) && typeflag === T_AFILE))) {
        return reader === BSDTAR ? (pax ?? 0) : 0;
      }
      return reader === PHAR ? ustar : (pax ?? ustar);
    default:
      // PharData reads no PAX header
      return reader === PHAR ? ustar : (pax ?? ustar);
  }
}
