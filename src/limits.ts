// Bounds on everything a hostile package can make us hold or do. One place, so the
// README can list them and a test can lower them.

export interface Limits {
  /** Entries in one package. */
  maxEntries: number;
  /** Bytes of a stored name or link target (PAX and GNU long names included). */
  maxNameBytes: number;
  /**
   * Characters of all names and link targets together: every one is kept for the report,
   * and a few hundred KiB of compressed 64 KiB names would otherwise expand to gigabytes.
   */
  maxTotalNameBytes: number;
  /** Bytes of one PAX extended header. */
  maxPaxBytes: number;
  /** Total bytes of file content a package may expand to. */
  maxTotalBytes: number;
  /** Depth of archives read inside archives (a .jar in a .war in the package). */
  maxNestedDepth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxEntries: 5_000_000,
  maxNameBytes: 64 * 1024,
  maxTotalNameBytes: 64 * 1024 * 1024,
  maxPaxBytes: 1024 * 1024,
  maxTotalBytes: 64 * 1024 ** 3,
  maxNestedDepth: 3,
};
