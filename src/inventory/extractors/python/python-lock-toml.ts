import { FormatError, decodeText } from '../../../util/decode.js';
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
