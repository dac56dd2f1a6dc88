import { ExtractError, type ExtractedPackage, type Extractor } from './extractor.js';
import { parseTomlSubset, type TomlTable } from './toml-subset.js';

// Tables Cargo writes, and whether each is an array of tables: the packages,
// `[metadata]` (checksums of v1 lockfiles), `[root]` (the root crate of the oldest
// lockfiles) and `[[patch.unused]]`. A `[package]` table is a Cargo.toml's.
const KNOWN_TABLES = new Map([
  ['package', true],
  ['metadata', false],
  ['root', false],
  ['patch.unused', true],
]);

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
    const tables = parseTomlSubset(content.toString('utf8'));
    const found: ExtractedPackage[] = [];
    for (const table of tables) {
      if (table.header === '') {
        for (const key of table.entries.keys()) if (key !== 'version') throw new ExtractError(`not a Cargo.lock: unexpected top-level key ${JSON.stringify(key)}`);
        const version = table.entries.get('version');
        if (version !== undefined && typeof version !== 'number') throw new ExtractError('not a Cargo.lock: its version is not a number');
      } else if (KNOWN_TABLES.get(table.header) !== table.array) {
        throw new ExtractError(`not a Cargo.lock: unexpected table ${table.array ? `[[${table.header}]]` : `[${table.header}]`}`);
      } else if ((table.header === 'package' && table.array) || (table.header === 'root' && !table.array)) {
        found.push(crate(table, found.length + 1));
      }
    }
    return found;
  },
};

function crate(table: TomlTable, index: number): ExtractedPackage {
  const name = table.entries.get('name');
  const version = table.entries.get('version');
  if (typeof name !== 'string' || name === '') throw new ExtractError(`package ${index} has no name`);
  if (typeof version !== 'string' || version === '') throw new ExtractError(`package ${name} has no version`);
  const source = table.entries.get('source');
  if (source !== undefined && typeof source !== 'string') throw new ExtractError(`package ${name} has a source that is not a string`);
  return { ecosystem: 'crates.io', name, version };
}
