import type { EntryType, SpecialKind } from '../model.js';
import type { Divergence } from './readers.js';

/** What a reader knows of an entry before its content has streamed by. */
export interface EntryHeader {
  /** As stored: no leading `./`, no trailing `/`; the package root itself is `.`. */
  path: string;
  type: EntryType;
  /** Permission bits with setuid/setgid/sticky (0o7777 at most). */
  mode: number;
  uid?: number;
  gid?: number;
  /** Bytes of content (files); 0 for everything else. */
  size: number;
  /** Symlink or hardlink target as stored. */
  link?: string;
  special?: SpecialKind;
  /** The stored name was not valid UTF-8 (it was decoded with replacement characters). */
  badName?: boolean;
  /**
   * The extractors that write this reading (bits of readers.ts); absent: every extractor
   * of the format does. An honest archive has one reading per entry, without it.
   */
  by?: number;
  /** The name as stored, when `path` is where extractors put it (normalised, or from another name source). */
  stored?: string;
  /** Set when extractors read this entry, or the stretch of the archive it is in, differently. */
  divergence?: Divergence;
}

/** An entry after its content has streamed by. */
export interface Entry extends EntryHeader {
  /** SHA-256 of the content, hex; files only. */
  sha256?: string;
}

/** Content an analyser asked for: the whole entry, or its first bytes when it is larger than the bound. */
export interface Content {
  bytes: Buffer;
  truncated: boolean;
  /**
   * The last bytes of an entry larger than its leading bound, when a visitor asked for
   * them (`wantsTail`): they never overlap `bytes`, and start at `size - tail.length`.
   */
  tail?: Buffer;
}

/**
 * The one pass over a package talks to its analysers through this.
 * Readers call `wants` once per entry before its content streams by, and `visit`
 * once it has, with the same object (now carrying its digest); calls for different
 * entries may interleave (a directory walk reads several files at once), so a
 * visitor must not assume nesting.
 */
export interface EntryVisitor {
  /** How many leading bytes of this file's content to buffer for the analysers (0: none). Asked of files only. */
  wants(header: EntryHeader): number;
  /**
   * How many trailing bytes to keep as well, asked only of a file larger than what
   * `wants` returned (a skimmer is appended to a bundle, past any leading bound).
   */
  wantsTail?(header: EntryHeader): number;
  visit(entry: Entry, content: Content | undefined): void;
}

export interface ReadResult {
  format: 'tar' | 'tar.gz' | 'zip' | 'dir';
  /** SHA-256 of the package file (archives) or of the manifest (directories); filled by the caller for dirs. */
  sha256: string;
  entries: number;
}
