// The digests of the browser library files published on npm (jquery.min.js,
// moment.min.js, bootstrap.bundle.js… of every final release), written by
// scripts/browser-library-hashes.mjs: one line per published version,
// `name version <digest><digest>…`, each digest the first `prefix` hex digits of the
// file's SHA-256. A digest published under two versions is left out by the script.
import published from './browser-library-hashes.json' with { type: 'json' };
import type { LibraryMatch } from './browser-library-banners.js';

/** Truncated SHA-256 (hex) → the library and version that published a file with it. */
export type PublishedFiles = ReadonlyMap<string, LibraryMatch>;

/** How many hex digits of a SHA-256 the table keeps. */
export const DIGEST_DIGITS = published.prefix;

let table: PublishedFiles | undefined;

/** The table, read on first use. */
export function publishedFiles(): PublishedFiles {
  return (table ??= readTable(published.entries, DIGEST_DIGITS));
}

/** Reads the table's lines (a malformed line is skipped: the script writes none). */
export function readTable(entries: readonly string[], digits: number): PublishedFiles {
  const map = new Map<string, LibraryMatch>();
  for (const entry of entries) {
    const [name, version, digests] = entry.split(' ');
    if (!name || !version || !digests || digests.length % digits !== 0) continue;
    const match = { name, version };
    for (let at = 0; at < digests.length; at += digits) map.set(digests.slice(at, at + digits), match);
  }
  return map;
}
