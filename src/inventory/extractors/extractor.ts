import type { Ecosystem } from '../../model.js';

/** The bytes of one entry an extractor asked for. */
export interface ExtractInput {
  /** The entry's path in the package, as stored. */
  path: string;
  /** The whole entry; for an extractor that reads a prefix (`headBytes`), possibly only its first bytes. */
  content: Buffer;
  /** SHA-256 of the whole entry, hex, as the pass computed it. */
  sha256?: string;
  /** The whole entry's size in bytes (more than `content` holds when only a prefix was read). */
  size?: number;
}

/** A package as an extractor finds it; the inventory merges, locates and names (purl) them. */
export interface ExtractedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** True when the format says it is a development dependency. */
  dev?: boolean;
  /** Where inside the entry, when not the entry itself (a jar inside a war: `app.war!/WEB-INF/lib/x.jar`). */
  location?: string;
  /** Found in what is installed, when the extractor reads both kinds of file (a hidden lockfile). */
  installed?: boolean;
  /**
   * Other names the same code is known by (a Magento product under its several names);
   * advisories filed under any of them apply to this package.
   */
  aliases?: string[];
}

/**
 * One lockfile or installed-package format: which entries it reads, and a pure parse
 * from bytes to packages. Extractors never touch the file system or the network.
 */
export interface Extractor {
  /** Path-like and unique: `javascript/package-lock`, `os/dpkg-status`. */
  readonly name: string;
  /**
   * Largest entry it reads; a larger one becomes a parse-error finding. For an extractor
   * that reads only a prefix (`headBytes`), the most it ever asks for: nothing is an error.
   */
  readonly maxBytes: number;
  /**
   * It reads what is installed (node_modules, vendor/composer/installed.json, dist-info,
   * dpkg status…), not what a lockfile names: a package it finds is shipped.
   */
  readonly installed?: boolean;
  /**
   * Does it read this entry? Called for every file of the package, so it must be cheap:
   * `base` is the last segment of `path`.
   */
  matches(path: string, base: string): boolean;
  /**
   * For an extractor that reads only the first bytes of an entry (a banner) and never
   * fails on a large one: how many it wants of this entry, at least 1 (so that it sees
   * the entry and its digest). Called for every entry it matches, so it must be cheap.
   * Without it, the extractor reads whole entries up to `maxBytes`.
   */
  headBytes?(path: string, base: string, size: number): number;
  /** Packages in the entry; throws FormatError (or any error) when the bytes are not the format. */
  extract(input: ExtractInput): ExtractedPackage[];
}
