// A small, bounded PHP tokenizer for the flow rules: variables, names, literals (escapes
// resolved, interpolated variables listed), numbers and operators, with comments and the
// markup outside `<?php … ?>` left out. One forward pass with a hand-written loop (no
// regular expression over the text), at most MAX_TOKENS tokens of at most MAX_LEX bytes:
// what it cannot read it skips, it never throws.

/** Bytes of a text tokenized at most, and tokens kept. */
export const MAX_LEX = 1024 * 1024;
export const MAX_TOKENS = 200_000;

export type TokKind = 'var' | 'id' | 'str' | 'num' | 'op' | 'exec';

export interface Tok {
  k: TokKind;
  /** var: the name without `$`; id: the name as written; str/exec: the value; num: the digits; op: the operator. */
  v: string;
  /** Offset in the text. */
  at: number;
  /** str/exec: variables interpolated in a double-quoted, backtick or heredoc literal (names without `$`). */
  vars?: string[];
  /** str: a double-quoted or heredoc literal with interpolation (its value is not constant). */
  interp?: true;
  /** id: the name in lower case (PHP's function names and keywords are case-blind), computed once. */
  l?: string;
}

const OPS3 = new Set(['===', '!==', '<=>', '**=', '...', '<<=', '>>=', '??=', '?->']);
const OPS2 = new Set(['==', '!=', '<>', '<=', '>=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '.=', '%=', '&=', '|=', '^=', '->', '=>', '::', '<<', '>>', '??', '**']);

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Escapes of a double-quoted (or heredoc) PHP literal body, and the variables it interpolates. */
function doubleQuoted(body: string): { value: string; vars: string[] } {
  let out = '';
  const vars: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 92 /* \ */ && i + 1 < body.length) {
      const n = body[i + 1] as string;
      if (n === 'x' && isHex(body.charCodeAt(i + 2))) {
        const two = isHex(body.charCodeAt(i + 3));
        out += String.fromCharCode(parseInt(body.slice(i + 2, i + (two ? 4 : 3)), 16));
        i += two ? 3 : 2;
      } else if (n >= '0' && n <= '7') {
        let j = i + 1;
        while (j < i + 4 && (body[j] ?? '') >= '0' && (body[j] ?? '') <= '7') j++;
        out += String.fromCharCode(parseInt(body.slice(i + 1, j), 8) & 0xff);
        i = j - 1;
      } else if (n === 'u' && body[i + 2] === '{') {
        // only a few hex digits: the search for the brace stays within them
        const close = body.slice(i + 3, i + 12).indexOf('}') + i + 3;
        const code = close > i + 3 ? parseInt(body.slice(i + 3, close), 16) : NaN;
        if (Number.isNaN(code)) out += '\\u';
        else {
          out += String.fromCharCode(code & 0xffff);
          i = close - 1;
        }
        i++;
      } else {
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', $: '$', '"': '"', '\\': '\\', '`': '`' };
        const m = map[n];
        out += m ?? `\\${n}`;
        i++;
      }
      continue;
    }
    if (c === 36 /* $ */ && isNameStart(body.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < body.length && isNameChar(body.charCodeAt(j))) j++;
      if (vars.length < 64) vars.push(body.slice(i + 1, j));
      out += body.slice(i, j);
      i = j - 1;
      continue;
    }
    if ((c === 123 /* { */ && body[i + 1] === '$') || (c === 36 && body[i + 1] === '{')) {
      // {$expr} / ${name}: the variables inside
      const close = body.indexOf('}', i + 2);
      const inner = close < 0 ? body.slice(i + 1, i + 80) : body.slice(i + 1, close);
      for (let k = 0; k < inner.length && vars.length < 64; k++) {
        if (inner[k] === '$' && isNameStart(inner.charCodeAt(k + 1))) {
          let j = k + 1;
          while (j < inner.length && isNameChar(inner.charCodeAt(j))) j++;
          vars.push(inner.slice(k + 1, j));
          k = j - 1;
        } else if (k === 1 && c === 36 && isNameStart(inner.charCodeAt(k))) {
          let j = k;
          while (j < inner.length && isNameChar(inner.charCodeAt(j))) j++;
          vars.push(inner.slice(k, j));
          k = j - 1;
        }
      }
      out += c === 123 ? `{${inner}}` : `\${${inner.slice(1)}}`;
      i = close < 0 ? body.length : close;
      continue;
    }
    out += body[i] as string;
  }
  return { value: out, vars };
}

/**
 * The tokens of a PHP text. `inPhp`: the text starts as code (a decoded layer, an eval
 * string), not as markup before `<?php`.
 */
export function lexPhp(source: string, inPhp = false): Tok[] {
  const text = source.length > MAX_LEX ? source.slice(0, MAX_LEX) : source;
  const n = text.length;
  const toks: Tok[] = [];
  let i = 0;
  let php = inPhp;
  while (i < n && toks.length < MAX_TOKENS) {
    if (!php) {
      const open = text.indexOf('<?', i);
      if (open < 0) break;
      i = open + 2;
      if (text.slice(i, i + 3).toLowerCase() === 'php') i += 3;
      else if (text[i] === '=') {
        toks.push({ k: 'id', v: 'echo', at: open, l: 'echo' });
        i++;
      } else if (text.slice(i, i + 3).toLowerCase() === 'xml') continue;
      php = true;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // comments (a line comment ends at ?> too)
    if (c === 35 /* # */ && text[i + 1] !== '[') {
      i = lineEnd(text, i);
      continue;
    }
    if (c === 47 /* / */ && text[i + 1] === '/') {
      i = lineEnd(text, i);
      continue;
    }
    if (c === 47 && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === 63 /* ? */ && text[i + 1] === '>') {
      toks.push({ k: 'op', v: ';', at: i });
      i += 2;
      php = false;
      continue;
    }
    if (c === 36 /* $ */) {
      if (isNameStart(text.charCodeAt(i + 1))) {
        let j = i + 1;
        while (j < n && isNameChar(text.charCodeAt(j))) j++;
        toks.push({ k: 'var', v: text.slice(i + 1, j), at: i });
        i = j;
      } else {
        toks.push({ k: 'op', v: '$', at: i });
        i++;
      }
      continue;
    }
    if (isNameStart(c) || (c === 92 /* \ */ && isNameStart(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isNameChar(text.charCodeAt(j)) || (text.charCodeAt(j) === 92 && isNameStart(text.charCodeAt(j + 1))))) j++;
      let name = text.slice(i, j);
      if (name.includes('\\')) name = name.slice(name.lastIndexOf('\\') + 1);
      // b"…" binary string prefix
      if ((name === 'b' || name === 'B') && (text[j] === '"' || text[j] === "'")) {
        i = j;
        continue;
      }
      toks.push({ k: 'id', v: name, at: i, l: name.toLowerCase() });
      i = j;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && (isNameChar(text.charCodeAt(j)) || (text[j] === '.' && text.charCodeAt(j + 1) >= 48 && text.charCodeAt(j + 1) <= 57))) j++;
      toks.push({ k: 'num', v: text.slice(i, j).replace(/_/g, ''), at: i });
      i = j;
      continue;
    }
    if (c === 39 /* ' */) {
      let j = i + 1;
      let out = '';
      let start = j;
      while (j < n && text.charCodeAt(j) !== 39) {
        if (text.charCodeAt(j) === 92 && (text[j + 1] === "'" || text[j + 1] === '\\')) {
          out += text.slice(start, j) + (text[j + 1] as string);
          j += 2;
          start = j;
          continue;
        }
        j++;
      }
      out += text.slice(start, j);
      toks.push({ k: 'str', v: out, at: i });
      i = j + 1;
      continue;
    }
    if (c === 34 /* " */ || c === 96 /* ` */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const { value, vars } = doubleQuoted(text.slice(i + 1, Math.min(j, n)));
      const tok: Tok = { k: c === 96 ? 'exec' : 'str', v: value, at: i };
      if (vars.length > 0) {
        tok.vars = vars;
        tok.interp = true;
      }
      toks.push(tok);
      i = j + 1;
      continue;
    }
    if (c === 60 /* < */ && text.startsWith('<<<', i)) {
      const m = /^<<<[ \t]{0,4}(["']?)([A-Za-z_]\w{0,40})\1\r?\n/.exec(text.slice(i, i + 60));
      if (m) {
        const label = m[2] as string;
        const bodyStart = i + m[0].length;
        let end = -1;
        for (let k = text.indexOf(label, bodyStart); k >= 0; k = text.indexOf(label, k + 1)) {
          let b = k - 1;
          while (b >= bodyStart && (text[b] === ' ' || text[b] === '\t')) b--;
          if ((b < bodyStart || text[b] === '\n') && !isNameChar(text.charCodeAt(k + label.length))) {
            end = k;
            break;
          }
        }
        const bodyEnd = end < 0 ? n : end;
        const raw = text.slice(bodyStart, bodyEnd).replace(/\r?\n[ \t]{0,40}$/, '');
        const tok: Tok = { k: 'str', v: raw, at: i };
        if (m[1] !== "'") {
          const { value, vars } = doubleQuoted(raw);
          tok.v = value;
          if (vars.length > 0) {
            tok.vars = vars;
            tok.interp = true;
          }
        }
        toks.push(tok);
        i = end < 0 ? n : end + label.length;
        continue;
      }
    }
    const three = text.slice(i, i + 3);
    if (OPS3.has(three)) {
      toks.push({ k: 'op', v: three, at: i });
      i += 3;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (OPS2.has(two)) {
      toks.push({ k: 'op', v: two, at: i });
      i += 2;
      continue;
    }
    toks.push({ k: 'op', v: text[i] as string, at: i });
    i++;
  }
  return toks;
}

function lineEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return j + 1;
    if (c === 63 && text.charCodeAt(j + 1) === 62) return j;
  }
  return text.length;
}

/** Index of the token that closes the bracket opened at `open` (`(`, `[` or `{`), or -1 (bounded by the token list). */
export function closing(toks: readonly Tok[], open: number): number {
  const o = toks[open]?.v;
  const c = o === '(' ? ')' : o === '[' ? ']' : o === '{' ? '}' : '';
  if (c === '') return -1;
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.k !== 'op') continue;
    if (t.v === '(' || t.v === '[' || t.v === '{') depth++;
    else if (t.v === ')' || t.v === ']' || t.v === '}') {
      depth--;
      if (depth === 0) return t.v === c ? i : -1;
    }
  }
  return -1;
}
