// The part of TOML that Cargo writes into Cargo.lock: `[table]` and `[[array-table]]`
// headers, `key = value` with bare or quoted keys, basic and literal strings,
// integers, booleans and (multi-line) arrays of them, `#` comments. Anything beyond
// that is refused with its line number rather than guessed at: Cargo does not write
// it, so a file that holds it is not a lockfile Cargo wrote.
import { ExtractError } from './extractor.js';

export type TomlValue = string | number | boolean | TomlValue[];

export interface TomlTable {
  /** The header as written between the brackets, trimmed ('' for the top of the file). */
  header: string;
  /** `[[header]]`: one element of an array of tables. */
  array: boolean;
  entries: Map<string, TomlValue>;
}

/** The tables of the document in order, the top-level keys first (header ''). */
export function parseTomlSubset(text: string): TomlTable[] {
  return new TomlSubsetParser(text.replace(/^\uFEFF/, '')).document();
}

const BARE_KEY = /[A-Za-z0-9_-]+/y;
const INTEGER = /[+-]?\d[\d_]*/y;
const SIMPLE_ESCAPES: Partial<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
const HEADER = /^(?:[A-Za-z0-9_-]+|"[^"\\\n]*")(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"\\\n]*"))*$/;

class TomlSubsetParser {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): TomlTable[] {
    let table: TomlTable = { header: '', array: false, entries: new Map() };
    const tables = [table];
    for (;;) {
      this.skipBlank(true);
      if (this.at >= this.text.length) return tables;
      if (this.text[this.at] === '[') {
        table = this.header();
        tables.push(table);
      } else {
        const key = this.key();
        this.skipBlank(false);
        if (this.text[this.at] !== '=') this.fail(`expected = after the key ${JSON.stringify(key)}`);
        this.at++;
        this.skipBlank(false);
        const value = this.value();
        if (table.entries.has(key)) this.fail(`the key ${JSON.stringify(key)} appears twice in one table`);
        table.entries.set(key, value);
      }
      this.endOfLine();
    }
  }

  private header(): TomlTable {
    const array = this.text.startsWith('[[', this.at);
    const close = array ? ']]' : ']';
    const start = this.at + (array ? 2 : 1);
    const end = this.text.indexOf(close, start);
    const newline = this.text.indexOf('\n', start);
    if (end < 0 || (newline >= 0 && newline < end)) this.fail('a table header is not closed on its line');
    const header = this.text.slice(start, end).trim();
    if (!HEADER.test(header)) this.fail(`${JSON.stringify(header.slice(0, 40))} is not a table name`);
    this.at = end + close.length;
    return { header, array, entries: new Map() };
  }

  private key(): string {
    if (this.text[this.at] === '"') return this.basicString();
    if (this.text[this.at] === "'") return this.literalString();
    BARE_KEY.lastIndex = this.at;
    const match = BARE_KEY.exec(this.text);
    if (!match) this.fail('expected a key, a [table] or a comment');
    this.at = BARE_KEY.lastIndex;
    return match[0];
  }

  private value(): TomlValue {
    const c = this.text[this.at];
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    if (c === '[') return this.array();
    if (this.text.startsWith('true', this.at)) return this.word('true', true);
    if (this.text.startsWith('false', this.at)) return this.word('false', false);
    INTEGER.lastIndex = this.at;
    const integer = INTEGER.exec(this.text);
    if (integer) {
      this.at = INTEGER.lastIndex;
      if (/[^\s,\]#]/.test(this.text[this.at] ?? ' ')) this.fail('only integers, strings, booleans and arrays are read here (Cargo writes no other values)');
      return Number(integer[0].replace(/_/g, ''));
    }
    return this.fail(c === '{' ? 'inline tables are not part of a Cargo.lock' : 'expected a value');
  }

  private word<T>(word: string, value: T): T {
    this.at += word.length;
    if (/[A-Za-z0-9_-]/.test(this.text[this.at] ?? ' ')) this.fail('expected a value');
    return value;
  }

  private array(): TomlValue[] {
    this.at++; // [
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.text[this.at] === ']') break;
      items.push(this.value());
      this.skipBlank(true);
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== ']') this.fail('expected , or ] in an array');
    }
    this.at++; // ]
    return items;
  }

  private basicString(): string {
    if (this.text.startsWith('"""', this.at)) this.fail('multi-line strings are not part of a Cargo.lock');
    let out = '';
    for (this.at++; ; ) {
      const c = this.text[this.at];
      if (c === undefined || c === '\n') this.fail('a string is not closed on its line');
      this.at++;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const escape = this.text[this.at++];
      const simple = escape === undefined ? undefined : SIMPLE_ESCAPES[escape];
      if (simple !== undefined) out += simple;
      else if (escape === 'u' || escape === 'U') {
        const digits = this.text.slice(this.at, this.at + (escape === 'u' ? 4 : 8));
        if (!/^[0-9A-Fa-f]+$/.test(digits) || digits.length !== (escape === 'u' ? 4 : 8)) this.fail('a \\u escape needs hex digits');
        const code = parseInt(digits, 16);
        if (code > 0x10ffff) this.fail('a \\U escape is out of range');
        out += String.fromCodePoint(code);
        this.at += digits.length;
      } else this.fail(`\\${escape ?? ''} is not an escape`);
    }
  }

  private literalString(): string {
    if (this.text.startsWith("'''", this.at)) this.fail('multi-line strings are not part of a Cargo.lock');
    const end = this.text.indexOf("'", this.at + 1);
    const newline = this.text.indexOf('\n', this.at + 1);
    if (end < 0 || (newline >= 0 && newline < end)) this.fail('a string is not closed on its line');
    const value = this.text.slice(this.at + 1, end);
    this.at = end + 1;
    return value;
  }

  /** Spaces, tabs and comments; newlines (and \r) too when `lines`. */
  private skipBlank(lines: boolean): void {
    for (;;) {
      const c = this.text[this.at];
      if (c === ' ' || c === '\t' || (lines && (c === '\n' || c === '\r'))) this.at++;
      else if (c === '#') {
        const newline = this.text.indexOf('\n', this.at);
        this.at = newline < 0 ? this.text.length : newline;
      } else return;
    }
  }

  private endOfLine(): void {
    this.skipBlank(false);
    if (this.text[this.at] === '\r') this.at++;
    if (this.at < this.text.length && this.text[this.at] !== '\n') this.fail('unexpected text after a value');
  }

  private fail(problem: string): never {
    let line = 1;
    for (let i = 0; i < this.at && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) line++;
    throw new ExtractError(`line ${line}: ${problem}`);
  }
}
