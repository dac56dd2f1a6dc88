// Is what an extractor wrote judged by the report? Every landed entry must be in files[]
// under the path it landed at: a file with its content (a hardlink record carrying the
// same SHA-256 counts: it is the content the link puts there), a symlink with its
// target, a FIFO or device as `other` of that kind; a world-writable, setuid or setgid
// bit that landed must be on a record of that path. Folders count by their mode only
// (a folder is implied by what is in it).
import type { FileRecord } from '../../../src/model.js';
import { ustarStandIn } from '../../../src/read/tar-names.js';
import type { Extraction, Landed } from './extractors.js';

export interface Miss {
  extractor: string;
  path: string;
  landed: string;
  why: string;
}

export interface Judged {
  /** Landed entries the report does not cover: the goal is none. */
  unjudged: Miss[];
  /** Landed entries left out on purpose, with the reason (see LEFT). */
  left: Miss[];
}

/**
 * What is deliberately not listed: PharData writes every symlink, hardlink, device and
 * FIFO whose size field is 0 as an empty regular file (with the entry's mode: 0777 for
 * a symlink). Every honest archive with a link would otherwise carry an extra record per
 * link; the file holds nothing to judge, and its name is judged as the link's.
 */
export const LEFT = 'PharData writes a link or device of size 0 as an empty file';

/**
 * Also left on purpose: PharData reads no PAX header, so for a long or non-ASCII name an
 * honest writer put in one it writes the writer's stand-in from the ustar fields (the name
 * cut to 100 bytes, `?` for what is not ASCII). Listing those would give every pax archive
 * with a long name a cut name per long one; the content is judged under the real name.
 */
export const LEFT_STAND_IN = 'PharData writes the ustar stand-in of a long or non-ASCII PAX name';

/**
 * And: Python's zipfile creates a file, then fails to read the entry into it (a CRC that
 * does not match, sizes it reads from other fields): an empty file lands, where every other
 * extractor writes the content the report lists. An empty file holds nothing to judge.
 */
export const LEFT_EMPTY = "Python's zipfile leaves an empty file where its read of an entry fails";

const SPECIAL: Partial<Record<Landed['type'], FileRecord['special']>> = {
  fifo: 'fifo',
  'char-device': 'char-device',
  'block-device': 'block-device',
  socket: 'socket',
};

export function judge(extraction: Extraction, files: readonly FileRecord[]): Judged {
  const byPath = new Map<string, FileRecord[]>();
  for (const file of files) byPath.set(file.path, [...(byPath.get(file.path) ?? []), file]);
  const unjudged: Miss[] = [];
  const left: Miss[] = [];
  for (const entry of extraction.landed) {
    const seen = byPath.get(entry.path) ?? [];
    const why = reason(entry, seen);
    if (why === undefined) continue;
    const miss = { extractor: extraction.extractor, path: entry.path, landed: describe(entry), why };
    const phar = extraction.extractor === 'php-phar' && entry.type === 'file';
    const phantom = phar && entry.size === 0 && seen.some((file) => file.type === 'symlink' || file.type === 'hardlink' || file.type === 'other');
    const standIn = phar && seen.length === 0 && files.some((file) => file.sha256 === entry.sha256 && ustarStandIn(entry.path, file.path));
    const failedRead = extraction.extractor === 'python-zipfile' && entry.type === 'file' && entry.size === 0 && seen.some((file) => file.type === 'file' && (file.size ?? 0) > 0);
    if (phantom) left.push({ ...miss, why: LEFT });
    else if (failedRead) left.push({ ...miss, why: LEFT_EMPTY });
    else if (standIn) left.push({ ...miss, why: LEFT_STAND_IN });
    else unjudged.push(miss);
  }
  return { unjudged, left };
}

function reason(entry: Landed, seen: readonly FileRecord[]): string | undefined {
  if (entry.type === 'dir') {
    if (seen.length === 0) return undefined;
    if (entry.mode & 0o002 && !seen.some((file) => modeOf(file) & 0o002)) return 'world-writable folder recorded without that bit';
    return undefined;
  }
  if (seen.length === 0) return 'path not in files[]';
  let matching: readonly FileRecord[];
  if (entry.type === 'file') {
    if (entry.hardlinks?.includes('outside')) {
      // a hardlink to a file outside the package: its content is not the package's to judge, the link is
      matching = seen.filter((file) => file.type === 'hardlink');
      if (matching.length === 0) return `hardlink to a file outside recorded as ${types(seen)}`;
    } else {
      matching = seen.filter((file) => (file.type === 'file' || file.type === 'hardlink') && file.sha256 === entry.sha256);
      if (matching.length === 0) {
        return seen.some((file) => file.sha256 !== undefined) ? `content differs from files[] (${types(seen)})` : `recorded as ${types(seen)}: content never judged`;
      }
    }
  } else if (entry.type === 'symlink') {
    matching = seen.filter((file) => file.type === 'symlink' && file.link === entry.link);
    if (matching.length === 0) return `recorded as ${types(seen)}`;
  } else {
    matching = seen.filter((file) => file.type === 'other' && file.special === SPECIAL[entry.type]);
    if (matching.length === 0) return `recorded as ${types(seen)}`;
  }
  const bits = entry.mode & 0o6002;
  if (bits && !matching.some((file) => (modeOf(file) & bits) === bits)) {
    return `mode ${octal(entry.mode)} more permissive than files[] (${matching.map((file) => file.mode).join(', ')})`;
  }
  return undefined;
}

function modeOf(file: FileRecord): number {
  return Number.parseInt(file.mode, 8);
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

function types(records: readonly FileRecord[]): string {
  return [...new Set(records.map((file) => (file.special ? `${file.type} (${file.special})` : file.type)))].join(', ');
}

function describe(entry: Landed): string {
  const mode = ` [${octal(entry.mode)}]`;
  if (entry.type === 'file') return `file${mode} ${entry.size ?? 0} B sha256 ${entry.sha256?.slice(0, 12) ?? '?'}${entry.hardlinks?.length ? ` (hardlink of ${entry.hardlinks.join(', ')})` : ''}`;
  if (entry.type === 'symlink') return `symlink → ${entry.link ?? '?'}`;
  return `${entry.type}${mode}`;
}
