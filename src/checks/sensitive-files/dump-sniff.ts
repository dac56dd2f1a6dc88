// Telling a database dump, a core dump or a compressed dump by its first bytes:
// renamed dumps are caught by what they are.
import { Decompress } from 'fzstd';
import { constants, gunzipSync } from 'node:zlib';

/** Headers the dump tools write on their first lines. */
const DUMP_HEADER = /^-- (?:MySQL dump|MariaDB dump|PostgreSQL database dump|phpMyAdmin SQL Dump|Adminer [\d.]+ (?:MySQL|PostgreSQL)|Dump completed)|^-- Host: .+Database: /m;
const DATA_STATEMENT = /^[ \t]*(?:INSERT INTO|COPY [\w."]+ \(.*\) FROM stdin;|REPLACE INTO)/im;
/** Tables that hold customers, orders and admin accounts on the store platforms. */
const STORE_TABLES =
  /\b(?:customer_entity|customer_address_entity|sales_order|sales_invoice|quote_address|admin_user|oauth_token|wp_users|wp_usermeta|wc_customer_lookup|wc_orders|woocommerce_order_items|ps_customer|ps_address|ps_orders|ps_employee|customer|customer_address|order_address|"order"|`order`|sylius_customer|sylius_order|sylius_admin_user|users|user)\b/i;

export interface DumpVerdict {
  /** A dump tool's header, or data statements. */
  dump: boolean;
  /** Rows of customer, order or admin tables. */
  storeData: boolean;
  what: string;
}

/**
 * What SQL text is: a dump (a tool's header or data statements) with or without store
 * tables, or plain schema (CREATE TABLE only, as migrations are) which is no dump.
 */
export function sniffSql(text: string): DumpVerdict | undefined {
  const header = DUMP_HEADER.exec(text);
  const data = DATA_STATEMENT.test(text);
  if (!header && !data) return undefined;
  const storeData = STORE_TABLES.test(text) && (data || /CREATE TABLE/i.test(text));
  const what = header ? header[0].replace(/^-- /, '').trim() : 'SQL data statements';
  return { dump: true, storeData, what };
}

const GZIP = [0x1f, 0x8b];
const MAGIC: readonly [string, readonly number[]][] = [
  ['gzip', GZIP],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['PostgreSQL custom-format dump', [0x50, 0x47, 0x44, 0x4d, 0x50]], // PGDMP
  ['SQLite database', [...Buffer.from('SQLite format 3\0', 'latin1')]],
];

/** The container format by magic bytes, if known. */
export function magicOf(bytes: Buffer): string | undefined {
  for (const [name, magic] of MAGIC) {
    if (bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte)) return name;
  }
  return undefined;
}

/**
 * The start of a gzip stream, inflated as far as the bytes at hand go. Output is
 * bounded: when the bytes inflate past the bound (a bomb, or just text that compresses
 * well) a shorter prefix of the input is tried.
 */
export function gunzipStart(bytes: Buffer, maxOutput = 1024 * 1024): Buffer | undefined {
  for (const take of [bytes.length, 2048, 256]) {
    if (take > bytes.length) continue;
    try {
      return gunzipSync(bytes.subarray(0, take), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput });
    } catch {
      // past the bound or not gzip after all: try less, then give up
    }
  }
  return undefined;
}

/**
 * The start of a zstd stream, decoded as far as the bytes at hand hold whole blocks
 * (Node 20 has no zstd; fzstd is a pure JavaScript decoder), bounded like gunzipStart.
 */
export function unzstdStart(bytes: Buffer, maxOutput = 1024 * 1024): Buffer | undefined {
  const pieces: Uint8Array[] = [];
  let size = 0;
  try {
    const stream = new Decompress((chunk) => {
      if (size < maxOutput) pieces.push(chunk.subarray(0, maxOutput - size));
      size += chunk.length;
    });
    stream.push(bytes, false);
  } catch {
    // a damaged or truncated frame: what was decoded so far is all there is
  }
  return size > 0 ? Buffer.concat(pieces) : undefined;
}

const ET_CORE = 4;

/** An ELF core dump: magic `7f 45 4c 46` and e_type 4, in the byte order the header names. */
export function isCoreDump(bytes: Buffer): boolean {
  if (bytes.length < 18 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return false;
  const type = bytes[5] === 2 ? bytes.readUInt16BE(16) : bytes.readUInt16LE(16);
  return type === ET_CORE;
}
