import { closingQuote } from '../../syntax/quoted-string.js';
import { FormatError } from '../../../util/decode.js';
// The syntax of a yarn 1 lockfile: entries whose header lists one or more descriptors
// (`"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.12.13":`), with indented
// `key value` fields and `key:` blocks. Written from the format yarn 1 writes; every
// line it does not understand is an error, so a damaged file is never half read.

export type YarnV1Value = string | Map<string, YarnV1Value>;

export interface YarnV1Entry {
  /** The descriptors of the header, unquoted. */
  descriptors: string[];
  fields: Map<string, YarnV1Value>;
  /** 1-based line of the header, for messages. */
  line: number;
}

type Token = { kind: 'string'; value: string } | { kind: 'colon' } | { kind: 'comma' };

export function parseYarnV1(text: string): YarnV1Entry[] {
  const entries: YarnV1Entry[] = [];
  // the open blocks: stack[d] receives the lines indented by d levels
  const stack: Map<string, YarnV1Value>[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = (lines[index] ?? '').replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);
    if (rest === '' || rest.startsWith('#')) continue;
    if (line.slice(0, indent).includes('\t') || indent % 2 !== 0) throw lineError(lineNumber, 'is not indented by two spaces a level');
    const depth = indent / 2;
    if (depth > stack.length) throw lineError(lineNumber, 'is indented deeper than the block it is in');
    stack.length = depth;
    const tokens = tokenize(rest, lineNumber);
    const header = headerKeys(tokens);
    if (depth === 0) {
      if (!header) throw lineError(lineNumber, 'is not an entry header (descriptors ending in a colon)');
      const fields = new Map<string, YarnV1Value>();
      entries.push({ descriptors: header, fields, line: lineNumber });
      stack.push(fields);
      continue;
    }
    const block = stack[depth - 1];
    if (!block) throw lineError(lineNumber, 'is outside any entry');
    if (header) {
      if (header.length !== 1) throw lineError(lineNumber, 'opens a block with several names');
      const child = new Map<string, YarnV1Value>();
      block.set(header[0] ?? '', child);
      stack.push(child);
    } else if (tokens.length === 2 && tokens[0]?.kind === 'string' && tokens[1]?.kind === 'string') {
      block.set(tokens[0].value, tokens[1].value);
    } else {
      throw lineError(lineNumber, 'is neither a `key value` field nor a `key:` block');
    }
  }
  return entries;
}

/** `a, b, c:` → [a, b, c]; anything else → undefined. */
function headerKeys(tokens: Token[]): string[] | undefined {
  if (tokens.length < 2 || tokens[tokens.length - 1]?.kind !== 'colon') return undefined;
  const keys: string[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i];
    if (i % 2 === 0) {
      if (token?.kind !== 'string') return undefined;
      keys.push(token.value);
    } else if (token?.kind !== 'comma') {
      return undefined;
    }
  }
  return keys;
}

function tokenize(text: string, lineNumber: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === ' ' || char === '\t') {
      i++;
    } else if (char === '#') {
      break; // a comment runs to the end of the line
    } else if (char === ':') {
      tokens.push({ kind: 'colon' });
      i++;
    } else if (char === ',') {
      tokens.push({ kind: 'comma' });
      i++;
    } else if (char === '"') {
      const end = closingQuote(text, i);
      if (end < 0) throw lineError(lineNumber, 'has a string that is never closed (a truncated file?)');
      tokens.push({ kind: 'string', value: unquote(text.slice(i, end + 1), lineNumber) });
      i = end + 1;
    } else {
      // a bare word, as yarn writes names and integrity hashes: up to a space, comma or colon
      let end = i;
      while (end < text.length && !' \t,:'.includes(text[end] ?? ' ')) end++;
      tokens.push({ kind: 'string', value: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

function unquote(literal: string, lineNumber: number): string {
  try {
    const value: unknown = JSON.parse(literal);
    if (typeof value === 'string') return value;
  } catch {
    // reported below
  }
  throw lineError(lineNumber, 'has a string with an invalid escape');
}

function lineError(lineNumber: number, problem: string): FormatError {
  return new FormatError(`line ${lineNumber} ${problem}`);
}
