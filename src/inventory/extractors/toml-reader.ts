// A TOML reader for lockfiles (poetry.lock, uv.lock, pdm.lock): all of TOML 1.0 that
// such files can hold, plus TOML 1.1's multi-line inline tables. Dates and times are
// kept as their text; nothing here needs them as dates. Anything it does not understand
// is an error with a line number, never a guess: a misread lockfile is a missed package.
import { ExtractError } from './extractor.js';
import { lineAt } from './text-of.js';

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
/** A table: a null-prototype object, so a key named `__proto__` is just a key. */
export interface TomlTable {
  [key: string]: TomlValue;
}

const BARE_KEY = /[A-Za-z0-9_-]+/y;
/** A run of plain characters of a basic string: up to a quote, a backslash or a line break. */
const BASIC_RUN = /[^"\\\n]+/y;
const SCALAR = /[0-9A-Za-z_+\-.:]+/y;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?$|^\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const DECIMAL = /^[+-]?(?:0|[1-9](?:_?\d)*)$/;
const FLOAT = /^[+-]?(?:0|[1-9](?:_?\d)*)(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?$/;
const PREFIXED = /^0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|o[0-7](?:_?[0-7])*|b[01](?:_?[01])*)$/;

function newTable(): TomlTable {
  return Object.create(null) as TomlTable;
}

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && !Array.isArray(value);
}

/** Parse a TOML document; throws ExtractError naming the line of the first problem. */
export function parseToml(text: string): TomlTable {
  return new TomlReader(text).document();
}

class TomlReader {
  private pos = 0;
  private readonly root = newTable();
  /** Arrays made by `[[header]]`: a later `[header.sub]` goes into their last table. */
  private readonly tableArrays = new WeakSet<TomlValue[]>();

  constructor(private readonly text: string) {}

  document(): TomlTable {
    let current = this.root;
    for (;;) {
      this.skipBlankLines();
      if (this.pos >= this.text.length) return this.root;
      if (this.peek() === '[') {
        const array = this.text.startsWith('[[', this.pos);
        this.pos += array ? 2 : 1;
        this.skipSpaces();
        const keys = this.key();
        this.skipSpaces();
        if (!this.text.startsWith(array ? ']]' : ']', this.pos)) this.fail(`the table header does not close with ${array ? ']]' : ']'}`);
        this.pos += array ? 2 : 1;
        current = array ? this.appendTable(keys) : this.openTable(keys);
      } else {
        const keys = this.key();
        this.skipSpaces();
        if (this.peek() !== '=') this.fail('expected = after a key');
        this.pos++;
        this.skipSpaces();
        this.assign(current, keys, this.value());
      }
      this.endOfLine();
    }
  }

  private peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  private fail(problem: string): never {
    throw new ExtractError(`line ${lineAt(this.text, this.pos)}: ${problem}`);
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  private skipComment(): void {
    if (this.peek() !== '#') return;
    while (this.pos < this.text.length && this.peek() !== '\n') this.pos++;
  }

  /** Whitespace, comments and newlines: between statements, and inside arrays. */
  private skipBlankLines(): void {
    for (;;) {
      this.skipSpaces();
      this.skipComment();
      if (this.peek() === '\n') this.pos++;
      else if (this.peek() === '\r' && this.peek(1) === '\n') this.pos += 2;
      else return;
    }
  }

  private endOfLine(): void {
    this.skipSpaces();
    this.skipComment();
    if (this.pos >= this.text.length) return;
    if (this.peek() === '\n') this.pos++;
    else if (this.peek() === '\r' && this.peek(1) === '\n') this.pos += 2;
    else this.fail(`unexpected ${JSON.stringify(this.peek())} after a value`);
  }

  /** A dotted key: bare or quoted parts separated by dots. */
  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const bare = this.sticky(BARE_KEY);
        if (bare === undefined) this.fail('expected a key');
        parts.push(bare);
      }
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  /** Walk to the table a header or a dotted key names, making the tables on the way. */
  private descend(from: TomlTable, keys: readonly string[]): TomlTable {
    let table = from;
    for (const key of keys) {
      const next = table[key];
      if (next === undefined) {
        const made = newTable();
        table[key] = made;
        table = made;
      } else if (isTable(next)) {
        table = next;
      } else if (Array.isArray(next) && this.tableArrays.has(next) && isTable(next[next.length - 1])) {
        table = next[next.length - 1] as TomlTable;
      } else {
        this.fail(`${keys.join('.')} goes through ${key}, which is not a table`);
      }
    }
    return table;
  }

  private openTable(keys: string[]): TomlTable {
    return this.descend(this.root, keys);
  }

  private appendTable(keys: string[]): TomlTable {
    const parent = this.descend(this.root, keys.slice(0, -1));
    const last = keys[keys.length - 1] ?? '';
    const existing = parent[last];
    const table = newTable();
    if (existing === undefined) {
      const array: TomlValue[] = [table];
      this.tableArrays.add(array);
      parent[last] = array;
    } else if (Array.isArray(existing) && this.tableArrays.has(existing)) {
      existing.push(table);
    } else {
      this.fail(`[[${keys.join('.')}]] names something that is not an array of tables`);
    }
    return table;
  }

  private assign(table: TomlTable, keys: string[], value: TomlValue): void {
    const parent = this.descend(table, keys.slice(0, -1));
    const last = keys[keys.length - 1] ?? '';
    if (parent[last] !== undefined) this.fail(`${keys.join('.')} is defined twice`);
    parent[last] = value;
  }

  private value(): TomlValue {
    const c = this.peek();
    if (c === '"') return this.text.startsWith('"""', this.pos) ? this.multiLineBasicString() : this.basicString();
    if (c === "'") return this.text.startsWith("'''", this.pos) ? this.multiLineLiteralString() : this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    return this.scalar();
  }

  /** The match of a sticky pattern at `pos`, consumed; undefined when it does not match there. */
  private sticky(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  private basicString(): string {
    this.pos++; // "
    let out = '';
    for (;;) {
      out += this.sticky(BASIC_RUN) ?? '';
      const c = this.peek();
      if (c === '' || c === '\n') this.fail('a string does not close on its line');
      this.pos++;
      if (c === '"') return out;
      out += c === '\\' ? this.escape() : c;
    }
  }

  private multiLineBasicString(): string {
    this.pos += 3;
    if (this.peek() === '\n') this.pos++;
    else if (this.peek() === '\r' && this.peek(1) === '\n') this.pos += 2;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('a """ string does not close');
      if (this.text.startsWith('"""', this.pos)) {
        // up to two quotes may stand right before the closing three
        let quotes = 3;
        while (quotes < 5 && this.peek(quotes) === '"') quotes++;
        out += '"'.repeat(quotes - 3);
        this.pos += quotes;
        return out;
      }
      const c = this.peek();
      this.pos++;
      if (c !== '\\') {
        out += c;
        continue;
      }
      // a backslash at the end of a line swallows the line break and the blanks after it
      const rest = /^[ \t]*\r?\n/.exec(this.text.slice(this.pos, this.pos + 256));
      if (rest) {
        this.pos += rest[0].length;
        while (/[ \t\r\n]/.test(this.peek())) this.pos++;
      } else {
        out += this.escape();
      }
    }
  }

  /** The character after a backslash, at `pos`. */
  private escape(): string {
    const c = this.peek();
    this.pos++;
    switch (c) {
      case 'b':
        return '\b';
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'f':
        return '\f';
      case 'r':
        return '\r';
      case 'e':
        return '\u001b';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'x':
        return this.codePoint(2);
      case 'u':
        return this.codePoint(4);
      case 'U':
        return this.codePoint(8);
      default:
        return this.fail(`unknown escape \\${c}`);
    }
  }

  private codePoint(digits: number): string {
    const hex = this.text.slice(this.pos, this.pos + digits);
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) this.fail('a bad \\u escape');
    this.pos += digits;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.fail('an escape that is not a Unicode scalar value');
    return String.fromCodePoint(code);
  }

  private literalString(): string {
    this.pos++; // '
    const end = this.text.indexOf("'", this.pos);
    const newline = this.text.indexOf('\n', this.pos);
    if (end < 0 || (newline >= 0 && newline < end)) this.fail('a string does not close on its line');
    const out = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return out;
  }

  private multiLineLiteralString(): string {
    this.pos += 3;
    if (this.peek() === '\n') this.pos++;
    else if (this.peek() === '\r' && this.peek(1) === '\n') this.pos += 2;
    const end = this.text.indexOf("'''", this.pos);
    if (end < 0) this.fail("a ''' string does not close");
    let close = end + 3;
    while (close < end + 5 && this.text.charAt(close) === "'") close++;
    const out = this.text.slice(this.pos, close - 3);
    this.pos = close;
    return out;
  }

  private array(): TomlValue[] {
    this.pos++; // [
    const out: TomlValue[] = [];
    for (;;) {
      this.skipBlankLines();
      if (this.peek() === ']') {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.skipBlankLines();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') this.fail('expected , or ] in an array');
    }
  }

  private inlineTable(): TomlTable {
    this.pos++; // {
    const table = newTable();
    for (;;) {
      this.skipBlankLines();
      if (this.peek() === '}') {
        this.pos++;
        return table;
      }
      const keys = this.key();
      if (this.peek() !== '=') this.fail('expected = in an inline table');
      this.pos++;
      this.skipSpaces();
      this.assign(table, keys, this.value());
      this.skipBlankLines();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail('expected , or } in an inline table');
    }
  }

  /** Booleans, numbers, dates and times. */
  private scalar(): TomlValue {
    const start = this.pos;
    this.sticky(SCALAR);
    // a date and a time may be separated by one space
    if (/^\d{4}-\d{2}-\d{2}$/.test(this.text.slice(start, this.pos)) && this.peek() === ' ' && /^\d{2}:/.test(this.text.slice(this.pos + 1, this.pos + 4))) {
      this.pos++;
      this.sticky(SCALAR);
    }
    const token = this.text.slice(start, this.pos);
    if (token === '') this.fail(`expected a value, found ${JSON.stringify(this.peek())}`);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (DATE_TIME.test(token)) return token;
    if (/^[+-]?(?:inf|nan)$/.test(token)) return token.includes('nan') ? NaN : token.startsWith('-') ? -Infinity : Infinity;
    if (PREFIXED.test(token)) return Number(token.replace(/_/g, ''));
    if (DECIMAL.test(token) || FLOAT.test(token)) return Number(token.replace(/_/g, ''));
    this.pos = start;
    return this.fail(`${JSON.stringify(token.slice(0, 40))} is not a TOML value`);
  }
}
