// What each zip extractor makes of one entry's records: the name it takes (the central or
// the local one, the Info-ZIP Unicode Path extra field, how it decodes the bytes), where it
// places it, the type and mode it gives it from the host system and external attributes.
// Observed with unzip 6.0, bsdtar 3.6.2 (from a file and from a pipe), PHP 8.2 with libzip
// 1.7.3 and Python 3.11's zipfile on the differential cases (DESIGN §3.2, §3.3). Pure
// functions over the records as stored; the zip reader turns the readings into entries.
import { crc32 } from 'node:zlib';
import type { EntryType } from '../model.js';
import type { EntryHeader } from './entry.js';
import { BSDTAR, BSDTAR_STREAM, PHP_ZIP, PY_ZIP, UNZIP, ZIP_READERS, readerBits, type Divergence } from './readers.js';
import { storedPath } from './stored-path.js';

/** Info-ZIP Unicode Path extra field: version 1, CRC-32 of the name it stands for, the name in UTF-8. */
const EXTRA_UNICODE_PATH = 0x7075;
const FLAG_UTF8 = 0x800;
const DOS_DIRECTORY = 0x10;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

/** Host systems (the high byte of "version made by", Info-ZIP's numbering). */
const HOST_MSDOS = 0;
const HOST_UNIX = 3;
/** Whose external attributes unzip reads as a unix mode, symlinks included. */
const UNZIP_LINK_HOSTS = new Set([2, 3, 5, 16, 30]);
/** Whose external attributes unzip reads as unix permissions, but never as a symlink. */
const UNZIP_MODE_HOSTS = new Set([12, 13, 17, 18]);

export interface ZipExtra {
  id: number;
  data: Buffer;
}

/** One entry's records, as stored. */
export interface ZipEntryFacts {
  versionMadeBy: number;
  externalAttributes: number;
  flags: number;
  centralName: Buffer;
  centralExtra: readonly ZipExtra[];
  /** The local header's name and extra fields, when the reader read them. */
  localName?: Buffer;
  localExtra?: readonly ZipExtra[];
  /** Bytes of data (uncompressed). */
  size: number;
}

/** Where an extractor's entry gets what it writes: its data as a file, its data as a link target, or nothing. */
export const enum ZipSource {
  None,
  Data,
  LinkTarget,
}

export interface ZipReading {
  /** The zip extractors that write this (readers.ts bits). */
  by: number;
  /** Where they write it (landing): `/`-separated, no `..` left. */
  path: string;
  /** The name as they read it, before placing it. */
  name: string;
  type: EntryType;
  /** The mode they give it; for a judge of what lands, only the write and set-id bits matter. */
  mode: number;
  source: ZipSource;
}

export interface ZipInterpretation {
  readings: ZipReading[];
  /** Why extractors read this entry differently (not by their own policy); undefined when they agree. */
  disagreement?: string;
}

/** Does the Unicode Path extra stand for `name` (its CRC matches), and what name does it give? */
export function unicodePath(extra: readonly ZipExtra[] | undefined, name: Buffer): string | undefined {
  const field = extra?.find((candidate) => candidate.id === EXTRA_UNICODE_PATH);
  if (!field || field.data.length < 5 || field.data[0] !== 1) return undefined;
  if (field.data.readUInt32LE(1) !== crc32(name)) return undefined;
  return field.data.toString('utf8', 5);
}

const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** Bytes as code page 437 (what Python's zipfile does with a name whose UTF-8 flag is not set). */
export function cp437(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : (CP437_HIGH[byte - 0x80] as string);
  return text;
}

/** Bytes as UTF-8 when they are, else as code page 437 (libzip's guess, yauzl's too). */
function guessed(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.includes('\ufffd') && !Buffer.from(text, 'utf8').equals(bytes) ? cp437(bytes) : text;
}

/** Cut at the first NUL. */
function cut(name: string): string {
  const nul = name.indexOf('\0');
  return nul < 0 ? name : name.slice(0, nul);
}

/**
 * The name each zip extractor takes, as text, and the bytes it comes from (to tell a
 * name source apart from a decoding of the same bytes).
 */
export function zipNameFor(reader: number, facts: ZipEntryFacts): { name: string; source: Buffer } | undefined {
  const utf8 = (facts.flags & FLAG_UTF8) !== 0;
  const host = facts.versionMadeBy >> 8;
  switch (reader) {
    case UNZIP: {
      // the central name, its bytes as they are; the central Unicode Path extra when the name is not flagged UTF-8; `\` a separator from MS-DOS
      const unicode = utf8 ? undefined : unicodePath(facts.centralExtra, facts.centralName);
      let name = unicode ?? facts.centralName.toString('utf8');
      if (host === HOST_MSDOS) name = name.replaceAll('\\', '/');
      return { name: cut(name), source: unicode === undefined ? facts.centralName : Buffer.from(unicode) };
    }
    case BSDTAR:
    case BSDTAR_STREAM: {
      // the local name (the central one only where no local header was read), its bytes as they are; the local Unicode Path extra; `\` always a separator
      const bytes = facts.localName ?? facts.centralName;
      const unicode = unicodePath(facts.localExtra, bytes);
      const name = unicode ?? bytes.toString('utf8');
      return { name: cut(name).replaceAll('\\', '/'), source: unicode === undefined ? bytes : Buffer.from(unicode) };
    }
    case PHP_ZIP: {
      // libzip: the central name, its Unicode Path extra (flag or not); a NUL becomes a space
      const unicode = unicodePath(facts.centralExtra, facts.centralName);
      const name = unicode ?? (utf8 ? facts.centralName.toString('utf8') : guessed(facts.centralName));
      return { name: name.replaceAll('\0', ' '), source: unicode === undefined ? facts.centralName : Buffer.from(unicode) };
    }
    case PY_ZIP: {
      // the central name, UTF-8 when flagged, else code page 437; no extra field; a name differing from the local one stops the extraction
      if (facts.localName && !facts.localName.equals(facts.centralName)) return undefined;
      const name = utf8 ? facts.centralName.toString('utf8') : cp437(facts.centralName);
      return { name: cut(name), source: facts.centralName };
    }
    default:
      return undefined;
  }
}

/**
 * Where a zip extractor writes a name (or undefined: it refuses it). unzip and Python
 * drop `..`, `.` and empty components and a leading `/`; libzip resolves `..` inside the
 * tree; bsdtar refuses `..` and strips a drive letter.
 */
export function zipLanding(reader: number, name: string, isDir: boolean): string | undefined {
  let parts = name.split('/');
  switch (reader) {
    case UNZIP:
    case PY_ZIP:
      parts = parts.filter((part) => part !== '' && part !== '.' && part !== '..');
      break;
    case BSDTAR:
    case BSDTAR_STREAM: {
      if (parts.includes('..')) return undefined;
      if (/^[A-Za-z]:$/.test(parts[0] ?? '')) parts = parts.slice(1);
      parts = parts.filter((part) => part !== '' && part !== '.');
      break;
    }
    case PHP_ZIP: {
      const out: string[] = [];
      for (const part of parts) {
        if (part === '' || part === '.') continue;
        if (part === '..') out.pop();
        else out.push(part);
      }
      parts = out;
      break;
    }
    default:
      return undefined;
  }
  const path = parts.join('/');
  if (path === '') return isDir ? '.' : undefined;
  return path;
}

/** The type, mode and content source an extractor gives an entry, from the host system and external attributes. */
export function zipKind(reader: number, facts: ZipEntryFacts, name: string): { type: EntryType; mode: number; source: ZipSource } {
  const host = facts.versionMadeBy >> 8;
  const unix = facts.externalAttributes >>> 16;
  const format = unix & S_IFMT;
  const permissions = unix & 0o7777;
  if (name.endsWith('/')) return { type: 'dir', mode: host === HOST_UNIX && permissions ? permissions : 0o755, source: ZipSource.None };
  switch (reader) {
    case UNZIP: {
      if (UNZIP_LINK_HOSTS.has(host) && format === S_IFLNK) return { type: 'symlink', mode: 0o777, source: ZipSource.LinkTarget };
      // every other kind of unix entry (a folder, a FIFO) is a file; set-id bits are dropped without -K
      const mode = (UNZIP_LINK_HOSTS.has(host) || UNZIP_MODE_HOSTS.has(host)) && permissions ? permissions & ~0o6000 : 0o644;
      return { type: 'file', mode, source: ZipSource.Data };
    }
    case BSDTAR: {
      if (host === HOST_UNIX) {
        if (format === S_IFLNK) return { type: 'symlink', mode: 0o777, source: ZipSource.LinkTarget };
        if (format === S_IFDIR) return { type: 'dir', mode: permissions || 0o755, source: ZipSource.None };
        return { type: 'file', mode: permissions || 0o644, source: ZipSource.Data };
      }
      if (host === HOST_MSDOS && facts.externalAttributes & DOS_DIRECTORY) return { type: 'dir', mode: 0o775, source: ZipSource.None };
      return { type: 'file', mode: 0o664, source: ZipSource.Data };
    }
    case BSDTAR_STREAM:
      return { type: 'file', mode: 0o664, source: ZipSource.Data };
    default:
      // libzip and Python make no links and no modes: a file of the data
      return { type: 'file', mode: 0o644, source: ZipSource.Data };
  }
}

/** Every zip extractor's reading of one entry, grouped where they agree. */
export function zipReadings(facts: ZipEntryFacts): ZipInterpretation {
  const groups = new Map<string, ZipReading>();
  // which bytes name the entry (a `\` as a separator or a character is each one's policy: an honest Windows zip has them)
  const sources = new Set<string>();
  // what the extractors that read unix modes make of the attributes (libzip, Python and a pipe read none: a file of the data)
  const kinds = new Set<string>();
  for (const reader of readerBits(ZIP_READERS)) {
    const named = zipNameFor(reader, facts);
    if (named === undefined) continue;
    sources.add(named.source.toString('latin1').replaceAll('\\', '/'));
    const kind = zipKind(reader, facts, named.name);
    // (and whether it may be written by anyone: unzip reads 0777 from hosts bsdtar reads no mode from)
    if (reader === UNZIP || reader === BSDTAR) kinds.add(`${kind.type} ${kind.mode & 0o002}`);
    const path = zipLanding(reader, named.name, kind.type === 'dir');
    if (path === undefined) continue;
    const key = `${path}\0${kind.type}\0${kind.source}\0${kind.mode & 0o6002}`;
    const group = groups.get(key);
    if (group) group.by |= reader;
    else groups.set(key, { by: reader, path, name: named.name, type: kind.type, mode: kind.mode, source: kind.source });
  }
  const interpretation: ZipInterpretation = { readings: [...groups.values()] };
  if (sources.size > 1) interpretation.disagreement = 'which record names the entry';
  else if (facts.centralName.includes(0)) interpretation.disagreement = 'how extractors read a name with a NUL in it';
  else if (kinds.size > 1) interpretation.disagreement = 'what the host system and attributes make of the entry';
  return interpretation;
}

/**
 * A cheap first look: an ASCII name with no `\\`, `:`, `./`, `//`, leading `/` or trailing
 * `.`, no Unicode Path extra, and a host and mode every extractor reads alike (Unix or
 * MS-DOS, a file or a folder named as one, no write-for-all or set-id bits): then every zip
 * extractor writes the entry where the reader's one header says. Most entries end here.
 */
export function plainZipEntry(facts: ZipEntryFacts): boolean {
  const name = facts.centralName;
  if (name.length === 0 || name[0] === 0x2f) return false;
  for (const byte of name) if (byte < 0x20 || byte > 0x7e || byte === 0x5c || byte === 0x3a) return false;
  const text = name.toString('latin1');
  if (text.includes('./') || text.includes('//') || text.endsWith('.')) return false;
  if (facts.centralExtra.some((field) => field.id === EXTRA_UNICODE_PATH)) return false;
  const host = facts.versionMadeBy >> 8;
  const unix = facts.externalAttributes >>> 16;
  const format = unix & S_IFMT;
  const folder = text.endsWith('/');
  if (host === HOST_UNIX) {
    if (unix & 0o6002) return false;
    return format === 0 || (format === 0o100000 && !folder) || (format === S_IFDIR && folder);
  }
  // unzip reads a unix mode from these hosts, and a mode written by another host is a claim no extractor agrees on
  if (UNZIP_LINK_HOSTS.has(host) || UNZIP_MODE_HOSTS.has(host) || host === 19) return unix === 0 && (folder || !(facts.externalAttributes & DOS_DIRECTORY));
  return folder || !(facts.externalAttributes & DOS_DIRECTORY);
}

/** Does the local header name the entry otherwise than the central record (bsdtar and Python read it)? */
export function localDiffers(facts: ZipEntryFacts): boolean {
  if (facts.localName === undefined) return false;
  if (!facts.localName.equals(facts.centralName)) return true;
  return (facts.localExtra ?? []).some((field) => field.id === EXTRA_UNICODE_PATH);
}

/** An entry's readings as headers: files of its data, links to its data, and the rest (folders). */
export interface ZipEntryReadings {
  files: EntryHeader[];
  links: EntryHeader[];
  others: EntryHeader[];
}

/** The headers of every extractor's reading of an entry; `base` carries what they share (owner, a bad name). */
export function zipEntryReadings(facts: ZipEntryFacts, base: EntryHeader): ZipEntryReadings {
  const interpretation = zipReadings(facts);
  const display = base.path;
  const divergence: Divergence | undefined =
    interpretation.disagreement === undefined ? undefined : { at: display, what: interpretation.disagreement, readers: ZIP_READERS };
  const result: ZipEntryReadings = { files: [], links: [], others: [] };
  for (const reading of interpretation.readings) {
    const header: EntryHeader = { ...base, path: reading.path, type: reading.type, mode: reading.mode, size: reading.source === ZipSource.Data ? facts.size : 0 };
    delete header.link;
    delete header.special;
    if (reading.by !== ZIP_READERS) header.by = reading.by;
    const stored = storedPath(reading.name);
    if (reading.path !== stored) header.stored = stored;
    else if (reading.path !== display && interpretation.disagreement === undefined) header.stored = display;
    if (divergence) header.divergence = divergence;
    if (reading.source === ZipSource.Data) result.files.push(header);
    else if (reading.source === ZipSource.LinkTarget) result.links.push(header);
    else result.others.push(header);
  }
  // a name no extractor writes is still listed, as stored, so its name is judged
  if (interpretation.readings.length === 0) result.others.push({ ...base, type: 'other', special: 'unknown', size: 0, by: 0 });
  return result;
}
