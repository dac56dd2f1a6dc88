// A fast reader for the block YAML that pnpm and yarn berry write: nested block maps,
// block sequences of scalars, one-line flow maps and sequences, plain and quoted
// scalars, comments, and `---` between documents. The `yaml` library takes tens of
// seconds on a 20 MB lockfile; this takes well under one. Anything beyond that subset
// (anchors, tags, block scalars, multi-line scalars, sequences of maps, unusual
// indentation) makes it give up, and the caller hands the text to the library
// instead, so it never reads a file differently from the library: it only reads the
// common case fast. Every scalar is a string, as with the library's failsafe schema.

export type YamlValue = string | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

/** The subset was left: the library must read this text. */
class GiveUp extends Error {}

/** A key written twice: YAML forbids it, pnpm and yarn never do it. */
export class DuplicateKey extends Error {
  constructor(readonly line: number) {
    super(`a key appears twice (line ${line})`);
  }
}

const MAX_DEPTH = 64;
// characters that may not start a plain scalar or key in block context
const INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** The documents of the text (null for an empty one), or undefined when it is beyond the subset. */
export function readLockfileYaml(text: string): (YamlValue | null)[] | undefined {
  try {
    return new Reader(text).documents();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

function newMap(): YamlMap {
  return Object.create(null) as YamlMap;
}

class Reader {
  private readonly lines: string[];
  private index = 0;

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  documents(): (YamlValue | null)[] {
    const documents: (YamlValue | null)[] = [];
    let started = false;
    for (;;) {
      this.skipBlank();
      const line = this.line();
      if (line === undefined) break;
      if (isDocumentStart(line)) {
        if (line.trim() !== '---') throw new GiveUp(); // content on the marker line
        if (started) documents.push(null);
        this.index++;
        started = true;
        continue;
      }
      if (line.startsWith('...')) throw new GiveUp();
      if (indentOf(line) !== 0) throw new GiveUp();
      documents.push(this.block(0, 0));
      started = false;
      this.skipBlank();
      const next = this.line();
      if (next !== undefined && !isDocumentStart(next)) throw new GiveUp();
      if (next !== undefined) {
        this.index++;
        started = true;
      }
    }
    if (started) documents.push(null);
    return documents.length === 0 ? [null] : documents;
  }

  private line(): string | undefined {
    const line = this.lines[this.index];
    return line === undefined ? undefined : line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  /** Past blank lines and whole-line comments. */
  private skipBlank(): void {
    for (let line = this.line(); line !== undefined; line = this.line()) {
      const rest = line.trimStart();
      if (rest !== '' && !rest.startsWith('#')) return;
      if (line.slice(0, line.length - rest.length).includes('\t')) throw new GiveUp();
      this.index++;
    }
  }

  /** The map or sequence whose lines start at this indentation. */
  private block(indent: number, depth: number): YamlValue {
    if (depth > MAX_DEPTH) throw new GiveUp();
    const first = (this.line() ?? '').slice(indent);
    return first.startsWith('- ') || first === '-' ? this.sequence(indent) : this.map(indent, depth);
  }

  private sequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (;;) {
      this.skipBlank();
      const line = this.line();
      if (line === undefined || isDocumentStart(line)) return items;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) return items;
      if (lineIndent > indent || !line.startsWith('- ', indent)) throw new GiveUp();
      const rest = withoutComment(line.slice(indent + 2).trim());
      // `- key: value` (a sequence of maps) and nested sequences are beyond the subset
      if (rest === '' || rest.startsWith('- ') || rest === '-') throw new GiveUp();
      items.push(inlineValue(rest));
      this.index++;
    }
  }

  private map(indent: number, depth: number): YamlMap {
    const map = newMap();
    for (;;) {
      this.skipBlank();
      const line = this.line();
      if (line === undefined || isDocumentStart(line)) return map;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) return map;
      if (lineIndent > indent) throw new GiveUp(); // a continuation line: a multi-line scalar
      const lineNumber = this.index + 1;
      const { key, rest } = splitKey(line.slice(indent));
      if (Object.hasOwn(map, key)) throw new DuplicateKey(lineNumber);
      this.index++;
      if (rest !== '') {
        map[key] = inlineValue(rest);
        continue;
      }
      // `key:` alone: a nested block when the next line is indented deeper, else empty
      this.skipBlank();
      const next = this.line();
      const nextIndent = next === undefined || isDocumentStart(next) ? -1 : indentOf(next);
      if (nextIndent > indent) map[key] = this.block(nextIndent, depth + 1);
      else if (next !== undefined && nextIndent === indent && next.startsWith('- ', indent)) throw new GiveUp();
      else map[key] = '';
    }
  }
}

function isDocumentStart(line: string): boolean {
  return line.startsWith('---') && (line.length === 3 || line[3] === ' ' || line[3] === '\t');
}

function indentOf(line: string): number {
  let indent = 0;
  while (line.charCodeAt(indent) === 32) indent++;
  if (line[indent] === '\t') throw new GiveUp();
  return indent;
}

/** `key: rest` → the key (unquoted) and the rest of the line after the colon, trimmed. */
function splitKey(text: string): { key: string; rest: string } {
  let key: string;
  let after: string;
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, 0);
    key = unquote(text.slice(0, end));
    after = text.slice(end);
    if (!after.startsWith(':')) throw new GiveUp();
    after = after.slice(1);
  } else {
    if (INDICATORS.has(text[0] ?? '')) throw new GiveUp();
    const colon = plainColon(text);
    if (colon < 0) throw new GiveUp();
    key = text.slice(0, colon).trimEnd();
    if (key.includes(' #')) throw new GiveUp();
    after = text.slice(colon + 1);
  }
  if (after !== '' && after[0] !== ' ') throw new GiveUp();
  return { key, rest: withoutComment(after.trim()) };
}

/** Where a plain key ends: the first `: ` or a colon ending the text; -1 when none. */
function plainColon(text: string): number {
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
    if (at === text.length - 1 || text[at + 1] === ' ') return at;
  }
  return -1;
}

/** A value on the rest of a line (no comment): scalar, or one-line flow map or sequence. */
function inlineValue(text: string): YamlValue {
  if (text.startsWith('{') || text.startsWith('[')) {
    const flow = new FlowReader(text);
    const value = flow.value();
    if (!flow.atEnd()) throw new GiveUp();
    return value;
  }
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, 0);
    if (end !== text.length) throw new GiveUp();
    return unquote(text);
  }
  return plainScalar(text);
}

function plainScalar(text: string): string {
  if (text === '' || INDICATORS.has(text[0] ?? '')) throw new GiveUp();
  if (plainColon(text) >= 0) throw new GiveUp();
  return text;
}

/** A trailing ` # comment` dropped (outside quotes; the quoted forms check their own ends). */
function withoutComment(text: string): string {
  if (text.startsWith('#')) return '';
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, 0);
    const tail = text.slice(end).trim();
    if (tail === '' || tail.startsWith('#')) return text.slice(0, end);
    throw new GiveUp();
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    // a flow collection with a comment after it is rare enough to leave to the library
    if (text.includes('#')) throw new GiveUp();
    return text;
  }
  const hash = text.indexOf(' #');
  return hash < 0 ? text : text.slice(0, hash).trimEnd();
}

/** The index just past the closing quote of the quoted scalar starting at `start`. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let at = start + 1; at < text.length; at++) {
    const char = text[at];
    if (quote === '"' && char === '\\') at++;
    else if (char === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else return at + 1;
    }
  }
  throw new GiveUp(); // closes on a later line, or never
}

function unquote(literal: string): string {
  if (literal.startsWith("'")) return literal.slice(1, -1).replaceAll("''", "'");
  // YAML's double-quoted escapes are JSON's plus a few more; those few go to the library
  try {
    const value: unknown = JSON.parse(literal);
    if (typeof value === 'string') return value;
  } catch {
    // below
  }
  throw new GiveUp();
}

/** `{a: b, c: [d, e]}` and `[a, 'b']` on one line. */
class FlowReader {
  private at = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.space();
    return this.at === this.text.length;
  }

  value(): YamlValue {
    this.space();
    const char = this.text[this.at];
    if (char === '{') return this.map();
    if (char === '[') return this.sequence();
    if (char === '"' || char === "'") {
      const end = quotedEnd(this.text, this.at);
      const value = unquote(this.text.slice(this.at, end));
      this.at = end;
      return value;
    }
    return this.plain();
  }

  private map(): YamlMap {
    const map = newMap();
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return map;
    }
    for (;;) {
      this.space();
      const key = this.value();
      if (typeof key !== 'string' || this.text[this.at] !== ':') throw new GiveUp();
      this.at++;
      if (this.text[this.at] !== ' ') throw new GiveUp();
      if (Object.hasOwn(map, key)) throw new GiveUp();
      map[key] = this.value();
      this.space();
      const next = this.text[this.at++];
      if (next === '}') return map;
      if (next !== ',') throw new GiveUp();
    }
  }

  private sequence(): YamlValue[] {
    const items: YamlValue[] = [];
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const next = this.text[this.at++];
      if (next === ']') return items;
      if (next !== ',') throw new GiveUp();
    }
  }

  /** A plain scalar in a flow: up to `, `, `]`, `}` or `: `. */
  private plain(): string {
    const start = this.at;
    if (INDICATORS.has(this.text[start] ?? '')) throw new GiveUp();
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === ',' || char === ']' || char === '}' || char === '[' || char === '{') break;
      if (char === ':' && (this.text[this.at + 1] === ' ' || this.text[this.at + 1] === ',' || this.text[this.at + 1] === '}')) break;
      if (char === '#' && this.text[this.at - 1] === ' ') throw new GiveUp();
      this.at++;
    }
    const value = this.text.slice(start, this.at).trim();
    if (value === '') throw new GiveUp();
    return value;
  }

  private space(): void {
    while (this.text[this.at] === ' ') this.at++;
  }
}
