import { FormatError, decodeText } from '../../../util/decode.js';
import type { ExtractedPackage } from '../extractor.js';
import { normalizePypiName } from './pypi-name.js';
import { parseToml, type TomlTable, type TomlValue } from '../../syntax/toml-reader.js';

/** A TOML lockfile's `[[package]]` tables; a file that is not TOML, or whose `package` is not a list of tables, throws. */
export function lockPackages(content: Buffer, format: string): { document: TomlTable; packages: TomlTable[] } {
  const document = parseToml(decodeText(content, format));
  const list = document['package'];
  if (list === undefined) return { document, packages: [] };
  if (!Array.isArray(list)) throw new FormatError('"package" is not a list of tables');
  const packages = list.map((item, index) => {
    if (!isTomlTable(item)) throw new FormatError(`package ${index + 1} is not a table`);
    return item;
  });
  return { document, packages };
}

export function isTomlTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && !Array.isArray(value);
}

/** A string field of a `[[package]]` table; throws naming the package when it is missing. */
export function requiredString(table: TomlTable, key: string, index: number): string {
  const value = table[key];
  if (typeof value !== 'string' || value === '') {
    throw new FormatError(`package ${index + 1} has no ${key}`);
  }
  return value;
}

/**
 * A poetry.lock or pdm.lock: each `[[package]]` as a PyPI package, with its table for the
 * fields only that format has. A file with neither packages nor `[metadata]` is not one.
 */
export function lockedPypiPackages(content: Buffer, format: string): { pkg: ExtractedPackage; table: TomlTable }[] {
  const { document, packages } = lockPackages(content, format);
  if (packages.length === 0 && document['metadata'] === undefined) throw new FormatError(`it has neither packages nor [metadata]: it is not a ${format}`);
  return packages.map((table, index) => ({
    pkg: { ecosystem: 'PyPI', name: normalizePypiName(requiredString(table, 'name', index)), version: requiredString(table, 'version', index) },
    table,
  }));
}
