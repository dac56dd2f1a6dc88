// How much of a text file the content checks read, and in what form: the one reach that
// the secrets and malicious-code checks share, so that neither has a blind spot the
// other lacks. A file is read whole up to WHOLE_BYTES; past that its first HEAD_BYTES
// and its last TAIL_BYTES (a backdoor is prepended, a skimmer appended) and the report
// says which part went unread. UTF-16 text (what PowerShell and some Windows editors
// write) is decoded; a source map's `sourcesContent` is read as the sources it holds.
import type { Content } from '../read/entry.js';

/** Read whole up to this. */
export const WHOLE_BYTES = 8 * 1024 * 1024;
/** Past WHOLE_BYTES: the first bytes read… */
export const HEAD_BYTES = 4 * 1024 * 1024;
/** …and the last. */
export const TAIL_BYTES = 4 * 1024 * 1024;
/** A source map is JSON: read whole up to this (a map of a large bundle runs to tens of MiB), else as plain text. */
export const SOURCE_MAP_BYTES = 32 * 1024 * 1024;
/** Sources of one map read, at most (a hostile map can list millions). */
const MAX_MAP_SOURCES = 10_000;

/** Leading bytes to ask the pass for, for a text file of this size. */
export function headBound(size: number, sourceMap = false): number {
  if (sourceMap && size <= SOURCE_MAP_BYTES) return size;
  return size <= WHOLE_BYTES ? size : HEAD_BYTES;
}

/** Trailing bytes to ask for as well (0 when the head covers the file). */
export function tailBound(size: number, sourceMap = false): number {
  if (sourceMap && size <= SOURCE_MAP_BYTES) return 0;
  return size <= WHOLE_BYTES ? 0 : TAIL_BYTES;
}

/** One piece of text to scan: the file, its head or tail, or one source of a source map. */
export interface TextPart {
  /** The text as bytes (UTF-8; UTF-16 input is transcoded). Scanners read them as latin1. */
  bytes: Buffer;
  /** Line of the part's first byte in the file; undefined when unknown (a tail after an unread middle). */
  firstLine: number | undefined;
  /** Byte offset of the part in the file (the tail's start); 0 for a source of a map. */
  offset: number;
  /** A source map's source (`webpack:///src/checkout.js`): where in the file the part came from. */
  source?: string;
}

/** What of a file was read, for the report: undefined when all of it was. */
export function partialNote(path: string, size: number, content: Content, bound: number): string | undefined {
  const head = Math.min(content.bytes.length, bound);
  const tail = content.tail?.length ?? 0;
  if (head + tail >= size) return undefined;
  const unread = size - head - tail;
  const tailWords = tail > 0 ? ` and its last ${mib(tail)}` : '';
  return `${path} (${mib(size)}) was read in part: its first ${mib(head)}${tailWords}; ${mib(unread)} in between were not scanned for secrets or malicious code`;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * The text parts of a file's content: its head (and tail), decoded from UTF-16 when it
 * is; a source map's sources. Returns [] for binary content (a NUL byte in the first KiB
 * of text that is not UTF-16) unless `binary` says to read it anyway (PHP keeps raw
 * deflate streams in its string literals, and a shell hides behind an image header).
 */
export function textParts(content: Content, size: number, bound: number, sourceMap = false, binary = false): TextPart[] {
  const head = content.bytes.length > bound ? content.bytes.subarray(0, bound) : content.bytes;
  const encoding = utf16Of(head);
  if (sourceMap && !content.truncated && encoding === undefined) {
    const sources = mapSources(head);
    if (sources) return sources;
  }
  if (encoding === undefined && !binary && hasNul(head)) return [];
  const parts: TextPart[] = [{ bytes: encoding ? transcode(head, encoding) : head, firstLine: 1, offset: 0 }];
  const tail = content.tail;
  if (tail && tail.length > 0) {
    // a UTF-16 tail starts on a code unit boundary only when its offset is even
    const start = size - tail.length;
    const aligned = encoding && start % 2 === 1 ? tail.subarray(1) : tail;
    parts.push({ bytes: encoding ? transcode(aligned, encoding) : aligned, firstLine: undefined, offset: start });
  }
  return parts;
}

/** A NUL byte in the first KiB: binary. */
function hasNul(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).indexOf(0) >= 0;
}

type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * UTF-16 by its byte-order mark, or, without one, by its shape: in the first KiB,
 * nearly every other byte is NUL and the bytes between are not (ASCII text in UTF-16).
 */
export function utf16Of(bytes: Buffer): Utf16 | undefined {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  }
  const n = Math.min(bytes.length, 1024) & ~1;
  // text without a NUL byte is not UTF-16 (a native search, not a loop over the first KiB of every file)
  if (n < 16 || bytes.subarray(0, n).indexOf(0) < 0) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units * 0.9 && evenNul <= units * 0.05) return 'utf-16le';
  if (evenNul >= units * 0.9 && oddNul <= units * 0.05) return 'utf-16be';
  return undefined;
}

function transcode(bytes: Buffer, encoding: Utf16): Buffer {
  return Buffer.from(new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes), 'utf8');
}

/** A source map's embedded sources, each a part of its own; undefined when it is not a map that holds any. */
function mapSources(bytes: Buffer): TextPart[] | undefined {
  // cheap test before a parse: maps without embedded sources are only names and mappings
  if (bytes.indexOf('"sourcesContent"', 0, 'latin1') < 0) return undefined;
  let map: unknown;
  try {
    map = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof map !== 'object' || map === null) return undefined;
  const contents = (map as { sourcesContent?: unknown }).sourcesContent;
  const names = (map as { sources?: unknown }).sources;
  if (!Array.isArray(contents)) return undefined;
  const parts: TextPart[] = [];
  for (let i = 0; i < contents.length && i < MAX_MAP_SOURCES; i++) {
    const text: unknown = contents[i];
    if (typeof text !== 'string' || text.length === 0) continue;
    const name: unknown = Array.isArray(names) ? names[i] : undefined;
    parts.push({ bytes: Buffer.from(text, 'utf8'), firstLine: 1, offset: 0, source: typeof name === 'string' ? name.slice(0, 200) : `sources[${i}]` });
  }
  return parts;
}
