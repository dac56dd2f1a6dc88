import type { DraftFinding } from '../findings/draft.js';
import type { FileRecord } from '../model.js';
import type { Entry, EntryHeader } from '../read/entry.js';
import type { ContentAnalyzer } from '../pass/content-analyzer.js';
import type { DivergentReadings } from '../pass/package-pass.js';

/** What a manifest check sees: the complete, sorted entry list, after the pass. */
export interface Manifest {
  files: readonly FileRecord[];
  /** The package root (`.`) when the package records one (its mode and owner matter too). */
  root: Entry | undefined;
  /** Where extractors read the package differently (none in an honest package). */
  divergences?: readonly DivergentReadings[];
}

/**
 * A rule over names, types, modes, owners and links: it needs no bytes, and some
 * (links that escape through a chain of links) need the complete list, so it runs
 * once the pass is over.
 */
export interface ManifestCheck {
  readonly name: string;
  check(manifest: Manifest): DraftFinding[];
}

/**
 * A rule that needs the bytes of some entries (a secret in a text file, a dump by its
 * first lines). One that must also see the complete entry list (the hashes of files it
 * did not read, against hashes a file it read lists) judges it in `afterPass`.
 */
export interface ContentCheck extends ContentAnalyzer {
  afterPass?(manifest: Manifest): DraftFinding[];
  /**
   * Drop what `wants` planned for this header: a check that only plans (its bytes go to
   * another thread) is never given them, and the pass keeps every header to the end.
   */
  forget?(header: EntryHeader): void;
}
