import { FormatError } from '../../util/decode.js';
// TOML lockfiles (Cargo.lock, poetry.lock, uv.lock, pdm.lock) read with smol-toml, a
// TOML 1.0 parser, into plain values: dates as their text, big integers as text, every
// table a null-prototype object so a key named `__proto__` is just a key. A file that
// is not TOML is an FormatError naming the line.
import { parse, TomlDate, TomlError } from 'smol-toml';

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

/** Parse a TOML document; throws FormatError naming the line of the first problem. */
export function parseToml(text: string): TomlTable {
  let parsed: unknown;
  try {
    parsed = parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof TomlError) throw new FormatError(`it is not TOML: line ${error.line}: ${error.message.split('\n')[0] ?? ''}`);
    throw error;
  }
  return plain(parsed) as TomlTable;
}

function plain(value: unknown): TomlValue {
  if (value instanceof TomlDate) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const table = Object.create(null) as TomlTable;
    for (const [key, item] of Object.entries(value)) table[key] = plain(item);
    return table;
  }
  return value as string | number | boolean;
}
