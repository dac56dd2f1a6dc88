// Which name, link target and size each tar extractor takes for an entry, from the
// extended headers before it (PAX `x`, Solaris `X`, global `g`, GNU `L` and `K`) and the
// header's own fields. The parser keeps the sequence of those records since the last
// entry, not a merged object, since each extractor reads the sequence its own way
// (DESIGN §2.2, observed on GNU tar 1.34, bsdtar 3.6.2, Python 3.11/3.12, PHP 8.2):
//
//                          GNU tar      bsdtar        Python        PharData
//   two `x` in a row       last wins    last wins     first wins    ignores PAX
//   a global `g` path      applies      ignored       applies       ignored
//   `L` and `x` path       `x` wins     first wins    first wins    `L` wins
//   two `L`                last wins    last wins     first wins    the second is a file
//   prefix, GNU/V7 magic   ignored      ignored       used          used
//   GNU.sparse.name        renames      renames       the later of it and path
//   empty or NUL path      nothing      ustar name    nothing       ustar name
import type { PaxRecord } from './pax.js';
import { decimal } from './pax.js';
import { BSDTAR, GNU_TAR, PHAR, PY_TAR, PY_TAR_DATA } from './readers.js';
import { T_GNU_LONGLINK, T_GNU_LONGNAME, T_GNU_SPARSE } from './tar-types.js';

export const enum MetaKind {
  /** PAX `x`, or Solaris `X` (a file to PharData). */
  Pax,
  Global,
  LongName,
  LongLink,
  /** A header only bsdtar reads as metadata (a Solaris ACL, `A`): inert for names. */
  Inert,
}

export interface Meta {
  kind: MetaKind;
  /** PAX records, in order. */
  records: readonly PaxRecord[];
  /** `L` and `K`: the name, as stored (a NUL ends it for every extractor). */
  value?: Buffer;
}

/** A header's own name fields, as bytes. */
export interface HeaderNames {
  /** The name field, up to its NUL (100 bytes at most). */
  name: Buffer;
  /** The 155 bytes at offset 345, up to a NUL: the ustar prefix, or GNU's times and sparse map. */
  prefix: Buffer;
  /** The magic is POSIX ustar (`ustar\0`): GNU tar and bsdtar read the prefix only then. */
  posix: boolean;
  link: Buffer;
  typeflag: number;
  size: number;
  uid: number;
  gid: number;
}

export interface Named {
  /** The whole name as this extractor reads it, before it places it (landing.ts). */
  name: Buffer;
  link: Buffer;
  /** A size from a PAX record, when this extractor honours one. */
  paxSize: number | undefined;
  uid: number;
  gid: number;
  /** GNU sparse records this extractor honours (PAX 0.0, 0.1, 1.0). */
  sparse: readonly PaxRecord[];
}

/** Bytes up to the first NUL: what a C string of these bytes is. */
export function cString(bytes: Buffer): Buffer {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

function joined(prefix: Buffer, name: Buffer): Buffer {
  return prefix.length === 0 ? name : Buffer.concat([prefix, Buffer.from('/'), name]);
}

const NO_RECORDS: readonly PaxRecord[] = [];

/**
 * The name, link and size `reader` takes for an entry after `metas` (its own pending
 * records, in order) under the global records `globals`; undefined when it writes
 * nothing (Python refuses an empty name or one holding a NUL).
 */
export function nameFor(reader: number, header: HeaderNames, metas: readonly Meta[], globals: readonly PaxRecord[]): Named | undefined {
  switch (reader) {
    case GNU_TAR:
      return gnuName(header, metas, globals);
    case BSDTAR:
      return bsdName(header, metas);
    case PY_TAR:
    case PY_TAR_DATA:
      return pythonName(header, metas, globals);
    case PHAR:
      return pharName(header, metas);
    default:
      return gnuName(header, metas, globals);
  }
}

/** PAX records merged in order, a later record of a key replacing an earlier one. */
function merged(records: Iterable<readonly PaxRecord[]>, emptyDeletes = false): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const list of records) {
    for (const [key, value] of list) {
      if (emptyDeletes && value.length === 0) map.delete(key);
      else map.set(key, value);
    }
  }
  return map;
}

function sparseOf(map: ReadonlyMap<string, Buffer>): PaxRecord[] {
  return [...map].filter(([key]) => key.startsWith('GNU.sparse.') && key !== 'GNU.sparse.name');
}

function numberOf(map: ReadonlyMap<string, Buffer>, key: string): number | undefined {
  const value = map.get(key);
  return value === undefined ? undefined : decimal(value, key);
}

function lastValue(metas: readonly Meta[], kind: MetaKind): Buffer | undefined {
  for (let i = metas.length - 1; i >= 0; i--) {
    const meta = metas[i] as Meta;
    if (meta.kind === kind) return meta.value;
  }
  return undefined;
}

function paxOf(metas: readonly Meta[]): (readonly PaxRecord[])[] {
  return metas.filter((meta) => meta.kind === MetaKind.Pax).map((meta) => meta.records);
}

/** GNU tar: PAX over `L`/`K` whatever the order, the last of each; a global record where no local one is. */
function gnuName(header: HeaderNames, metas: readonly Meta[], globals: readonly PaxRecord[]): Named {
  const local = merged(paxOf(metas));
  const global = merged([globals]);
  const sparseName = local.get('GNU.sparse.name') ?? global.get('GNU.sparse.name');
  const name = sparseName ?? local.get('path') ?? lastValue(metas, MetaKind.LongName) ?? global.get('path') ?? (header.posix ? joined(header.prefix, header.name) : header.name);
  const link = local.get('linkpath') ?? lastValue(metas, MetaKind.LongLink) ?? global.get('linkpath') ?? header.link;
  return {
    name: cString(name),
    link: cString(link),
    paxSize: numberOf(local, 'size') ?? numberOf(global, 'size'),
    uid: numberOf(local, 'uid') ?? numberOf(global, 'uid') ?? header.uid,
    gid: numberOf(local, 'gid') ?? numberOf(global, 'gid') ?? header.gid,
    sparse: sparseOf(new Map([...global, ...local])),
  };
}

/** bsdtar: no global records; between `L`/`K` and a PAX path the first to come wins, within one kind the last. */
function bsdName(header: HeaderNames, metas: readonly Meta[]): Named {
  const local = merged(paxOf(metas), true);
  const first = (long: MetaKind, key: string): Buffer | undefined => {
    for (const meta of metas) {
      if (meta.kind === long) return lastValue(metas, long);
      if (meta.kind === MetaKind.Pax && meta.records.some(([k, value]) => k === key && value.length > 0)) return local.get(key);
    }
    return undefined;
  };
  const name = local.get('GNU.sparse.name') ?? first(MetaKind.LongName, 'path') ?? (header.posix ? joined(header.prefix, header.name) : header.name);
  const link = first(MetaKind.LongLink, 'linkpath') ?? header.link;
  return {
    name: cString(name),
    link: cString(link),
    paxSize: numberOf(local, 'size'),
    uid: numberOf(local, 'uid') ?? header.uid,
    gid: numberOf(local, 'gid') ?? header.gid,
    sparse: sparseOf(local),
  };
}

/**
 * Python's tarfile reads an extended header, then the next header recursively, and
 * applies its records to the member that comes back: the records nearest the member are
 * applied first, the first ones last, so the first of each kind wins. Every PAX header
 * carries the global records under its own; within one, keys apply in the order they
 * first appeared.
 */
function pythonName(header: HeaderNames, metas: readonly Meta[], globals: readonly PaxRecord[]): Named | undefined {
  const usePrefix = header.prefix.length > 0 && header.typeflag !== T_GNU_LONGNAME && header.typeflag !== T_GNU_LONGLINK && header.typeflag !== T_GNU_SPARSE;
  let name = usePrefix ? joined(header.prefix, header.name) : header.name;
  let link = header.link;
  let paxSize: number | undefined;
  let uid = header.uid;
  let gid = header.gid;
  let sparse: PaxRecord[] = [];
  const apply = (map: ReadonlyMap<string, Buffer>, framing: boolean): void => {
    for (const [key, value] of map) {
      if (key === 'path' || key === 'GNU.sparse.name') name = key === 'path' ? trimSlashes(value) : value;
      else if (key === 'linkpath') link = value;
      else if (key === 'uid') uid = decimal(value, key);
      else if (key === 'gid') gid = decimal(value, key);
      else if (key === 'size' && framing) paxSize = decimal(value, key);
    }
    const found = sparseOf(map);
    if (found.length > 0) sparse = found;
  };
  const global = merged([globals]);
  apply(global, false);
  for (let i = metas.length - 1; i >= 0; i--) {
    const meta = metas[i] as Meta;
    if (meta.kind === MetaKind.LongName) name = cString(meta.value ?? Buffer.alloc(0));
    else if (meta.kind === MetaKind.LongLink) link = cString(meta.value ?? Buffer.alloc(0));
    else if (meta.kind === MetaKind.Pax) {
      const map = new Map(global);
      for (const [key, value] of meta.records) map.set(key, value);
      apply(map, true);
    }
  }
  // an empty name or one with a NUL stops the extraction
  if (name.length === 0 || name.includes(0)) return undefined;
  return { name, link: cString(link), paxSize, uid, gid, sparse };
}

function trimSlashes(value: Buffer): Buffer {
  let end = value.length;
  while (end > 0 && value[end - 1] === 0x2f) end--;
  return end === value.length ? value : value.subarray(0, end);
}

/** PharData reads no PAX header; the first `L` names the next header, whatever it is; else prefix and name, any magic. */
function pharName(header: HeaderNames, metas: readonly Meta[]): Named {
  const long = metas.find((meta) => meta.kind === MetaKind.LongName)?.value;
  const name = long !== undefined ? cString(long) : joined(header.prefix, header.name);
  return { name, link: header.link, paxSize: undefined, uid: header.uid, gid: header.gid, sparse: NO_RECORDS };
}

/**
 * Is `ustar` an honest writer's stand-in for the PAX path `pax`, in the ustar fields
 * PharData reads? Writers put a PAX path only where the name does not fit those fields
 * (over 100 bytes, or not ASCII), and fill them with the path cut to the field (GNU tar,
 * Python), its folder and file name each cut (bsdtar), or `?` for what is not ASCII
 * (Python); a sparse file's is `GNUSparseFile.<n>` in its folder. A short ASCII path with
 * another ustar name is a package built to be read two ways.
 */
export function ustarStandIn(ustar: string, pax: string): boolean {
  if (ustar === '' || ustar === '.') return false;
  // a sparse file in PAX 1.0: GNU tar and bsdtar name its header <folder>/GNUSparseFile.<n>/<name>
  const sparse = /^(?:(.*)\/)?GNUSparseFile\.\d+\/([^/]+)$/.exec(ustar);
  if (sparse) {
    const folder = sparse[1] === undefined ? '' : `${sparse[1]}/`;
    if (pax === `${folder}${sparse[2] ?? ''}`) return true;
  }
  if (Buffer.byteLength(pax) <= 100 && /^[\x20-\x7e]*$/.test(pax)) return false;
  for (const path of [pax, pax.replace(/[^\x20-\x7e]/gu, '?')]) {
    if (path.startsWith(ustar)) return true;
    const cut = ustar.lastIndexOf('/');
    const split = path.lastIndexOf('/');
    if (cut > 0 && split > 0 && path.slice(0, split).startsWith(ustar.slice(0, cut)) && path.slice(split + 1).startsWith(ustar.slice(cut + 1))) return true;
  }
  return false;
}
