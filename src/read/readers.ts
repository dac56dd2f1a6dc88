// The extractors whose writing the gate judges. An archive is read once, as each of them
// would write it: where they agree (every honest archive) an entry has one reading; where
// they part, each reading carries the set of extractors that write it (`by`), as bits.

/** Extractors of tar archives. */
export const GNU_TAR = 1 << 0;
export const BSDTAR = 1 << 1;
/** Python's tarfile with no filter (`fully_trusted`: the default before Python 3.14). */
export const PY_TAR = 1 << 2;
/** Python's tarfile with `filter='data'` (the default from Python 3.14). */
export const PY_TAR_DATA = 1 << 3;
/** PHP's PharData (what Composer extracts tar dists with). */
export const PHAR = 1 << 4;
/** Extractors of zip archives (bsdtar reads both). */
export const UNZIP = 1 << 5;
/** bsdtar reading a zip from a pipe: the local headers, front to back (`curl … | bsdtar -x`). */
export const BSDTAR_STREAM = 1 << 6;
export const PHP_ZIP = 1 << 7;
export const PY_ZIP = 1 << 8;

export const TAR_READERS = GNU_TAR | BSDTAR | PY_TAR | PY_TAR_DATA | PHAR;
export const ZIP_READERS = UNZIP | BSDTAR | BSDTAR_STREAM | PHP_ZIP | PY_ZIP;

/** Each extractor's name in the report, in a fixed order. */
const NAMES: readonly (readonly [number, string])[] = [
  [GNU_TAR, 'gnu-tar'],
  [BSDTAR, 'bsdtar'],
  [BSDTAR_STREAM, 'bsdtar-stream'],
  [UNZIP, 'unzip'],
  [PY_TAR, 'python-tarfile'],
  [PY_TAR_DATA, 'python-tarfile-data'],
  [PY_ZIP, 'python-zipfile'],
  [PHAR, 'php-phar'],
  [PHP_ZIP, 'php-zip'],
];

/** The report's names of the extractors in a set. */
export function readerNames(set: number): string[] {
  const names: string[] = [];
  for (const [bit, name] of NAMES) if (set & bit) names.push(name);
  return names;
}

/** The single bits of a set, in the report's order. */
export function readerBits(set: number): number[] {
  const bits: number[] = [];
  for (const [bit] of NAMES) if (set & bit) bits.push(bit);
  return bits;
}

/**
 * Readings of one entry, or of a stretch of the archive, that extractors interpret
 * differently (another name source, type, framing or content). Every reading of it points
 * to the same object; the report makes one `ambiguous-archive` finding of each.
 */
export interface Divergence {
  /** The stored name of the entry where the readings part (escaped when shown). */
  at: string;
  /** What parts them, in words: "which header names the entry", "where the next header starts"… */
  what: string;
  /** Every extractor of the format: those missing from the readings write nothing there. */
  readers: number;
}
