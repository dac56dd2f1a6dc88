import type { DraftFinding } from '../findings/draft.js';
import type { OriginRecord, Package } from '../model.js';
import type { Content, Entry, EntryHeader } from '../read/entry.js';

/** What an analyser found once the pass is over. */
export interface AnalyzerResult {
  packages?: Package[];
  findings?: DraftFinding[];
  /** External origins storefront code uses (the report's `origins`). */
  origins?: OriginRecord[];
  /** What it could not do fully (a file read only in part), one line each, for the report's notes. */
  notes?: string[];
  /** What its content checks cost on a thread of their own (an analyser that runs checks off the main thread). */
  costs?: CheckCost[];
}

/** What one analyser's `take` cost during the pass: for `npm run bench`, never in a report. */
export interface CheckCost {
  name: string;
  /** The thread that paid: the main thread (the pass's own) or a worker thread. */
  thread: 'main' | 'worker';
  milliseconds: number;
  /** Bytes of content handed to it. */
  bytes: number;
}

/**
 * Something that needs the bytes of some entries while the package streams by
 * (a lockfile, a file that may hold a secret). Header-only rules run after the pass,
 * over the complete file list, and are not analysers of this kind.
 */
export interface ContentAnalyzer {
  readonly name: string;
  /**
   * Leading bytes of this entry wanted (0: none). Called for every entry of the
   * package, so it must be cheap; `base` is the last segment of the path.
   */
  wants(header: EntryHeader, base: string): number;
  /**
   * Trailing bytes wanted too, asked only when the entry is larger than the leading
   * bytes the pass keeps for it (they arrive as `content.tail`). Optional.
   */
  wantsTail?(header: EntryHeader, base: string): number;
  /** An entry it asked for, with its content. Copy what you keep: the bytes may be a view of a larger buffer. */
  take(entry: Entry, content: Content): void;
  /** What it found; a promise when the analyser still has work to do once the pass is over (slow fingerprints). */
  finish(): AnalyzerResult | Promise<AnalyzerResult>;
}
