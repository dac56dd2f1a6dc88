// Reads a PHP file that only returns a literal (`<?php return array(...);`), as Composer
// writes vendor/composer/installed.php, without running PHP. Arrays in both syntaxes,
// strings, numbers, booleans, null, and `__DIR__ . '...'` concatenations (kept as text).
// Anything else, a variable or a function call, is an error: such a file is not
// Composer's, and running it is not ours to do.
import { FormatError, lineAt } from '../../util/decode.js';

export type PhpValue = string | number | boolean | null | PhpArray;

/** A PHP array as an ordered list of its keys and values; integer keys become their decimal text. */
export class PhpArray {
  readonly entries: [string, PhpValue][] = [];

  get(key: string): PhpValue | undefined {
    for (const [k, v] of this.entries) if (k === key) return v;
    return undefined;
  }
}

/** Parse `<?php return <literal>;`; throws FormatError naming the line of the first problem. */
export function parsePhpReturnLiteral(text: string): PhpValue {
  return new PhpLiteralReader(text).file();
}

class PhpLiteralReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  file(): PhpValue {
    if (!this.text.startsWith('<?php')) this.fail('it does not start with <?php');
    this.pos = 5;
    this.skip();
    if (!this.word('return')) this.fail('expected `return` after <?php');
    const value = this.expression();
    this.skip();
    if (this.peek() !== ';') this.fail('expected ; after the returned value');
    this.pos++;
    this.skip();
    if (this.text.startsWith('?>', this.pos)) this.pos += 2;
    this.skip();
    if (this.pos < this.text.length) this.fail('unexpected code after the return statement');
    return value;
  }

  private peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  private fail(problem: string): never {
    throw new FormatError(`line ${lineAt(this.text, this.pos)}: ${problem}`);
  }

  /** Whitespace and comments. */
  private skip(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos++;
      } else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        while (this.pos < this.text.length && this.peek() !== '\n') this.pos++;
      } else if (c === '/' && this.peek(1) === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('a comment does not close');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  /** A keyword, case-insensitive as PHP's are, not followed by more of an identifier. */
  private word(word: string): boolean {
    const candidate = this.text.slice(this.pos, this.pos + word.length);
    if (candidate.toLowerCase() !== word.toLowerCase() || /[A-Za-z0-9_]/.test(this.peek(word.length))) return false;
    this.pos += word.length;
    this.skip();
    return true;
  }

  /** A value, or string values joined with `.`. */
  private expression(): PhpValue {
    let value = this.operand();
    for (;;) {
      this.skip();
      if (this.peek() !== '.' || /[0-9]/.test(this.peek(1))) return value;
      this.pos++;
      const right = this.operand();
      if (typeof value !== 'string' || typeof right !== 'string') this.fail('`.` joins something that is not a string');
      value += right;
    }
  }

  private operand(): PhpValue {
    this.skip();
    const c = this.peek();
    if (c === "'") return this.singleQuoted();
    if (c === '"') return this.doubleQuoted();
    if (c === '[') {
      this.pos++;
      return this.arrayItems(']');
    }
    if (this.word('array')) {
      if (this.peek() !== '(') this.fail('expected ( after array');
      this.pos++;
      return this.arrayItems(')');
    }
    if (this.word('null')) return null;
    if (this.word('true')) return true;
    if (this.word('false')) return false;
    if (this.word('__DIR__')) return '__DIR__';
    const number = /^[+-]?(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos, this.pos + 64));
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    return this.fail(c === '' ? 'the file ends inside a value' : 'a value is not a literal (only literals are read, nothing is run)');
  }

  private arrayItems(close: string): PhpArray {
    const array = new PhpArray();
    let nextIndex = 0;
    for (;;) {
      this.skip();
      if (this.peek() === close) {
        this.pos++;
        return array;
      }
      const first = this.expression();
      this.skip();
      if (this.text.startsWith('=>', this.pos)) {
        this.pos += 2;
        if (first === null || first instanceof PhpArray) this.fail('an array key must be a string or a number');
        const key = typeof first === 'number' ? String(Math.trunc(first)) : String(first);
        if (typeof first === 'number' && first >= nextIndex) nextIndex = Math.trunc(first) + 1;
        array.entries.push([key, this.expression()]);
      } else {
        array.entries.push([String(nextIndex++), first]);
      }
      this.skip();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== close) this.fail(`expected , or ${close} in an array`);
    }
  }

  /** The next character inside a string literal: a file that ends there is not PHP. */
  private stringChar(): string {
    const c = this.peek();
    if (c === '') this.fail('a string does not close');
    this.pos++;
    return c;
  }

  private singleQuoted(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.stringChar();
      if (c === "'") return out;
      if (c === '\\' && (this.peek() === "'" || this.peek() === '\\')) {
        out += this.peek();
        this.pos++;
      } else {
        out += c;
      }
    }
  }

  private doubleQuoted(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.stringChar();
      if (c === '"') return out;
      if (c === '$' && /[A-Za-z_{]/.test(this.peek())) this.fail('a string interpolates a variable');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.peek();
      this.pos++;
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', e: '\u001b', f: '\f', '\\': '\\', $: '$', '"': '"' };
      const mapped = simple[e];
      if (mapped !== undefined) out += mapped;
      else out += `\\${e}`; // PHP keeps unknown escapes as written
    }
  }
}
