import type { ExtractedPackage, Extractor } from '../extractor.js';
import { FormatError, decodeText } from '../../../util/decode.js';
import { parseToml, type TomlTable, type TomlValue } from '../../syntax/toml-reader.js';

// Top-level keys Cargo writes: the lockfile version, the packages, `[metadata]`
// (checksums of v1 lockfiles), `[root]` (the root crate of the oldest lockfiles) and
// `[[patch.unused]]`. Anything else is not a Cargo.lock (a `[package]` table is a Cargo.toml's).
const KNOWN_KEYS = new Set(['version', 'package', 'metadata', 'root', 'patch']);

/**
 * Every crate Cargo.lock pins. All sources are reported, deliberately:
 * - registry (`registry+…`, `sparse+…`): the crate as published;
 * - git (`git+…`): a checkout of the crate's repository at its declared version, which
 *   carries that version's vulnerabilities;
 * - no source (path crates): the workspace's own crates, and crates patched in through
 *   `[patch]` with a local copy. The second kind is exactly a copy of a published
 *   crate, and advisories for it apply; the first kind only collides with an advisory
 *   when it shares a published crate's name and version.
 */
export const cargoLockExtractor: Extractor = {
  name: 'rust/cargo-lock',
  maxBytes: 16 * 1024 * 1024,
  matches: (_path, base) => base === 'Cargo.lock',
  extract({ content }) {
    const lock = parseToml(decodeText(content, 'Cargo.lock'));
    for (const key of Object.keys(lock)) if (!KNOWN_KEYS.has(key)) throw new FormatError('not a Cargo.lock: it has a top-level key Cargo does not write');
    if (lock['version'] !== undefined && typeof lock['version'] !== 'number') throw new FormatError('not a Cargo.lock: its version is not a number');
    const packages = lock['package'];
    if (packages !== undefined && !Array.isArray(packages)) throw new FormatError('not a Cargo.lock: [package] must be [[package]] tables');
    const found: ExtractedPackage[] = [];
    const root = lock['root'];
    if (root !== undefined) found.push(crate(table(root, 'root'), 1));
    for (const item of packages ?? []) found.push(crate(table(item, 'package'), found.length + 1));
    return found;
  },
};

function table(value: TomlValue, where: string): TomlTable {
  if (typeof value !== 'object' || Array.isArray(value)) throw new FormatError(`not a Cargo.lock: ${where} is not a table`);
  return value;
}

function crate(table: TomlTable, index: number): ExtractedPackage {
  const name = table['name'];
  const version = table['version'];
  if (typeof name !== 'string' || name === '') throw new FormatError(`package ${index} has no name`);
  if (typeof version !== 'string' || version === '') throw new FormatError(`package ${index} has no version`);
  const source = table['source'];
  if (source !== undefined && typeof source !== 'string') throw new FormatError(`package ${index} has a source that is not a string`);
  return { ecosystem: 'crates.io', name, version };
}
