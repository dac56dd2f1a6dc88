// Bounded decoding of what obfuscated code hides: string escapes, char-code lists, chr()
// chains, HTML entity runs, %-escapes, base64 literals (and gzinflate/str_rot13 of them),
// and a packer's word table. Each decoder starts at a literal hit, walks forward with a
// hand-written loop (no regular expression), and stops at a size bound.
import { inflateRawSync, inflateSync, gunzipSync } from 'node:zlib';
import type { Decoded } from './rule.js';

export const MAX_DECODED_ITEMS = 2000;
export const MAX_DECODED_CHARS = 4 * 1024 * 1024;
const MAX_ONE = 1024 * 1024;

export interface DecodeInput {
  text: (from: number, to: number) => string;
  length: number;
  positions: (literal: string) => readonly number[];
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Decode a quoted string's escapes starting at its opening quote; returns [decoded, escapes, end]. */
function unescapeQuoted(s: string, open: number): [string, number, number] {
  const q = s[open];
  let out = '';
  let escapes = 0;
  let i = open + 1;
  for (; i < s.length && out.length < MAX_ONE; i++) {
    const c = s[i] as string;
    if (c === q || (c === '\n' && q !== '`' && escapes * 4 < out.length)) break;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[i + 1] ?? '';
    if (n === 'x' && isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16));
      i += 3;
      escapes++;
    } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
      escapes++;
    } else if (n >= '0' && n <= '7') {
      let j = i + 1;
      while (j < i + 4 && (s[j] ?? '') >= '0' && (s[j] ?? '') <= '7') j++;
      out += String.fromCharCode(parseInt(s.slice(i + 1, j), 8) & 0xff);
      i = j - 1;
      escapes++;
    } else {
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      i++;
    }
  }
  return [out, escapes, i];
}

/** Text, tab, newline and carriage return: the start of decoded bytes that are text (no control characters in the pattern itself). */
const PRINTABLE_64 = /^[\t\n\r -~]{0,64}$/;
const PRINTABLE_32 = /^[\t\n\r -~]{32}/;

/** `%xx` escapes as latin1 characters (what `unescape` did for bytes), for text `decodeURIComponent` refuses. */
function percentDecodeLatin1(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '%' && i + 2 < body.length && isHex(body.charCodeAt(i + 1)) && isHex(body.charCodeAt(i + 2))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += c;
  }
  return out;
}

function rot13(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) out += String.fromCharCode(((c - 65 + 13) % 26) + 65);
    else if (c >= 97 && c <= 122) out += String.fromCharCode(((c - 97 + 13) % 26) + 97);
    else out += s.charAt(i);
  }
  return out;
}

function tryInflate(bytes: Buffer): string | undefined {
  for (const f of [inflateRawSync, inflateSync, gunzipSync]) {
    try {
      return f(bytes, { maxOutputLength: MAX_ONE }).toString('latin1');
    } catch {
      /* not this format, or over the bound */
    }
  }
  return undefined;
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 45 || c === 95 || c === 10 || c === 13 || c === 92;
}

/** Characters all decoders of one file may read through windows: keeps hostile files (a million `atob("`) linear. */
const MAX_READ = 32 * 1024 * 1024;

export function decodeAll(raw: DecodeInput): Decoded[] {
  let read = 0;
  const input: DecodeInput = {
    length: raw.length,
    positions: raw.positions,
    text: (from, to) => {
      if (read >= MAX_READ) return '';
      const t = raw.text(from, Math.min(to, from + (MAX_READ - read)));
      read += t.length;
      return t;
    },
  };
  const out: Decoded[] = [];
  let chars = 0;
  const push = (offset: number, text: string, how: string) => {
    if (out.length >= MAX_DECODED_ITEMS || chars >= MAX_DECODED_CHARS || text.length === 0) return;
    chars += text.length;
    out.push({ offset, text, how });
  };
  const done = new Set<number>();

  // string escapes: find the enclosing quote, decode the whole literal once
  for (const lit of ['\\x', '\\u00', '\\1', '\\14', '\\15', '\\16', '\\13', '\\12', '\\10', '\\7', '\\6', '\\5', '\\4']) {
    let last = -1;
    for (const at of input.positions(lit)) {
      if (at <= last || out.length >= MAX_DECODED_ITEMS) continue;
      const back = input.text(at - 400, at);
      let open = -1;
      for (let i = back.length - 1; i >= 0; i--) {
        const c = back[i];
        if ((c === '"' || c === "'" || c === '`') && back[i - 1] !== '\\') {
          open = at - back.length + i;
          break;
        }
      }
      if (open < 0 || done.has(open)) continue;
      done.add(open);
      let s = input.text(open, open + 4096);
      let [text, escapes, end] = unescapeQuoted(s, 0);
      if (end >= s.length && s.length === 4096 && escapes >= 4) {
        s = input.text(open, open + MAX_ONE);
        [text, escapes, end] = unescapeQuoted(s, 0);
      }
      last = open + end;
      if (escapes >= 4 && escapes * 4 >= text.length) push(open, text, 'escape');
    }
  }

  // String.fromCharCode(104,116,…) and String['fromCharCode'](…)
  for (const at of input.positions('fromcharcode')) {
    const probe = input.text(at, at + 64);
    if (!/^fromcharcode['"\]]{0,3}\s{0,2}\(\s{0,2}\d/i.test(probe)) continue;
    let s = input.text(at, at + 4096);
    if (/^[^)]{4000}/.test(s.slice(0, 4000)) || !s.includes(')')) s = input.text(at, at + 256 * 1024);
    let i = s.indexOf('(');
    if (i < 0 || i > 20) continue;
    i++;
    let text = '';
    let num = '';
    let count = 0;
    for (; i < s.length; i++) {
      const c = s[i] as string;
      if (c >= '0' && c <= '9') num += c;
      else if (c === ',' || c === ')' || c === ' ' || c === '\n' || c === '\r' || c === '\t') {
        if (num) {
          text += String.fromCharCode(Number(num) & 0xffff);
          num = '';
          count++;
        }
        if (c === ')') break;
      } else break;
    }
    if (count >= 4) push(at, text, 'charcode');
  }

  // chr(115).chr(121)."st".chr(101) … (PHP)
  {
    let last = -1;
    for (const at of input.positions('chr(')) {
      if (at <= last) continue;
      if (!/^chr\s{0,2}\(\s{0,2}\d{1,3}\s{0,2}\)\s{0,4}\./i.test(input.text(at, at + 24))) continue;
      const s = input.text(at, at + 8 * 1024);
      let i = 0;
      let text = '';
      let count = 0;
      for (;;) {
        const m = /^chr\s{0,2}\(\s{0,2}(\d{1,3})\s{0,2}\)\s{0,4}\.?\s{0,4}/i.exec(s.slice(i, i + 40));
        if (m) {
          text += String.fromCharCode(Number(m[1]) & 0xff);
          i += m[0].length;
          count++;
          continue;
        }
        const q = s[i];
        if (q === '"' || q === "'") {
          const [lit, , end] = unescapeQuoted(s.slice(i, i + 400), 0);
          if (end >= 400) break;
          text += lit;
          i += end + 1;
          const dot = /^\s{0,4}\.\s{0,4}/.exec(s.slice(i, i + 20));
          if (!dot) break;
          i += dot[0].length;
          continue;
        }
        break;
      }
      last = at + i;
      if (count >= 3) push(at, text, 'chr');
    }
  }

  // &#104;&#116;… entity runs
  {
    let last = -1;
    for (const at of input.positions('&#')) {
      if (at <= last) continue;
      if (!/^&#(?:x[0-9a-f]{1,4}|\d{1,5});?&#(?:x[0-9a-f]{1,4}|\d{1,5});?&#/i.test(input.text(at, at + 40))) continue;
      const s = input.text(at, at + 8 * 1024);
      let i = 0;
      let text = '';
      let count = 0;
      for (;;) {
        const m = /^&#(x[0-9a-f]{1,4}|\d{1,5});?/i.exec(s.slice(i, i + 10));
        if (!m) break;
        const v = m[1] as string;
        text += String.fromCharCode(v[0] === 'x' || v[0] === 'X' ? parseInt(v.slice(1), 16) : Number(v));
        i += m[0].length;
        count++;
      }
      last = at + i;
      if (count >= 6) push(at, text, 'entity');
    }
  }

  // unescape('%3c%73…') / decodeURIComponent("…")
  for (const lit of ['unescape', 'decodeuricomponent']) {
    for (const at of input.positions(lit)) {
      if (!/^[a-z]{8,20}\s{0,4}\(\s{0,4}['"][^'"]{0,8}%[0-9a-f]{2}/i.test(input.text(at, at + 50))) continue;
      const s = input.text(at, at + 64 * 1024);
      const q = /\(\s{0,4}(['"])/.exec(s.slice(0, 40));
      if (!q) continue;
      const start = (q.index ?? 0) + q[0].length - 1;
      const end = s.indexOf(q[1] as string, start + 1);
      if (end < 0) continue;
      const body = s.slice(start + 1, end);
      if ((body.match(/%[0-9a-fA-F]{2}/g) ?? []).length < 4) continue;
      let plain: string;
      try {
        plain = decodeURIComponent(body.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
      } catch {
        plain = percentDecodeLatin1(body);
      }
      push(at, plain, 'percent');
      // a string table XORed with a short key right after (`T.charCodeAt(i)^k.charCodeAt(j)`, the key a literal argument)
      const keyed = xorKeyed(plain, s.slice(end + 1, end + 1 + XOR_REACH));
      if (keyed !== undefined) push(at, keyed, 'xorkey');
    }
  }

  // atob('…') / base64_decode('…') with the wrappers in front of them
  for (const lit of ['atob', 'base64_decode']) {
    for (const at of input.positions(lit).slice(0, 500)) {
      const q = /^[a-z0-9_]{4,16}\s{0,4}\(\s{0,4}(['"])/i.exec(input.text(at, at + 40));
      if (!q) continue;
      let s = input.text(at, at + 4096);
      const start = q[0].length;
      let end = start;
      while (end < s.length && isBase64Char(s.charCodeAt(end))) end++;
      if (end === s.length && s.length === 4096) {
        s = input.text(at, at + 4 * 1024 * 1024);
        while (end < s.length && isBase64Char(s.charCodeAt(end))) end++;
      }
      if (s[end] !== q[1] || end - start < 8) continue;
      const body = s.slice(start, end).replace(/\\[rn]|[\r\n\\]/g, '');
      const bytes = Buffer.from(body, 'base64');
      const before = input.text(at - 60, at).toLowerCase();
      let text = bytes.toString('latin1');
      let how = 'base64';
      if (/(?:gzinflate|gzuncompress|gzdecode)\s{0,4}\(\s{0,4}$/.test(before) || (bytes[0] === 0x78 || bytes[0] === 0x1f) || !PRINTABLE_64.test(text.slice(0, 64))) {
        const inflated = tryInflate(bytes);
        if (inflated !== undefined) {
          text = inflated;
          how = 'inflate';
        }
      }
      if (/str_rot13\s{0,4}\(\s{0,4}(?:gzinflate\s{0,4}\(\s{0,4})?$/.test(before)) text = rot13(text);
      if (/strrev\s{0,4}\(\s{0,4}$/.test(before)) text = text.split('').reverse().join('');
      push(at, text.slice(0, MAX_ONE), how);
    }
  }

  // 'cr'.'eat'.'e_fun'.'cti'.'on' (PHP) and "ev"+"al" (JS): runs of short quoted pieces
  for (const lit of ["'.'", '"."', "' . '", '" . "', "'+'", '"+"', "' + '", '" + "', "'.\"", "\".'"]) {
    let last = -1;
    for (const at of input.positions(lit).slice(0, 2000)) {
      if (at <= last || out.length >= MAX_DECODED_ITEMS) continue;
      // back to the first piece's opening quote (bounded)
      const back = input.text(at - 64, at + 1);
      let i = back.length - 2;
      while (i >= 0 && back[i] !== back[back.length - 1]) i--;
      if (i < 0) continue;
      const open = at - (back.length - 1) + i;
      const s = input.text(open, open + 8 * 1024);
      let text = '';
      let pieces = 0;
      let escaped = 0;
      let j = 0;
      for (;;) {
        const q = s[j];
        if (q !== '"' && q !== "'") break;
        const [piece, esc, end] = unescapeQuoted(s.slice(j, j + 2000), 0);
        if (j + end >= s.length) break;
        if (end >= 2000 || (end - 1 > 40 && esc === 0)) break;
        text += piece;
        escaped += esc;
        pieces++;
        j += end + 1;
        const m = /^\s{0,4}[.+]\s{0,4}/.exec(s.slice(j, j + 12));
        if (!m) break;
        j += m[0].length;
      }
      last = open + j;
      if (pieces >= 3 || (pieces >= 2 && escaped >= 4)) push(open, text, escaped >= 4 ? 'escape' : 'concat');
    }
  }

  // str_replace('x','', 'axsxsxert'), strtr('azxcvt','zxcv','sser'), substr_replace('asxxx','sert',2), strrev('tressa'), str_rot13('nffreg'), trim(' assert ')
  for (const lit of ['str_replace', 'strtr', 'substr_replace', 'strrev', 'str_rot13', 'trim(', 'hex2bin', 'ucwords', 'strtolower']) {
    for (const at of input.positions(lit).slice(0, 300)) {
      const s = input.text(at, at + 600);
      const open = s.indexOf('(');
      if (open < 0 || open > 20 || !/^\(\s{0,4}['"]/.test(s.slice(open, open + 8))) continue;
      const lits: string[] = [];
      let i = open + 1;
      for (let n = 0; n < 4; n++) {
        while (s[i] === ' ') i++;
        const q = s[i];
        if (q === '"' || q === "'") {
          const [v, , end] = unescapeQuoted(s.slice(i, i + 400), 0);
          if (end >= 400) break;
          lits.push(v);
          i += end + 1;
        } else {
          const m = /^-?\d{1,4}/.exec(s.slice(i, i + 6));
          if (!m) break;
          lits.push(m[0]);
          i += m[0].length;
        }
        while (s[i] === ' ') i++;
        if (s[i] === ',') i++;
        else break;
      }
      if (s[i] !== ')' || lits.length === 0) continue;
      let v: string | undefined;
      const name = lit.replace('(', '').toLowerCase();
      if (name === 'str_replace' && lits.length === 3) v = (lits[2] as string).split(lits[0] as string).join(lits[1]);
      else if (name === 'strtr' && lits.length === 3) {
        const from = lits[1] ?? '';
        const to = lits[2] ?? '';
        v = (lits[0] as string).replace(/./gs, (c) => { const k = from.indexOf(c); return k >= 0 && k < to.length ? (to[k] as string) : c; });
      } else if (name === 'substr_replace' && lits.length >= 3) v = (lits[0] as string).slice(0, Number(lits[2])) + (lits[1] as string);
      else if (name === 'strrev' && lits.length === 1) v = (lits[0] as string).split('').reverse().join('');
      else if (name === 'str_rot13' && lits.length === 1) v = rot13(lits[0] as string);
      else if (name === 'trim' && lits.length === 1) v = (lits[0] as string).trim();
      else if (name === 'hex2bin' && lits.length === 1 && /^[0-9a-f]{2,}$/i.test(lits[0] as string)) v = Buffer.from(lits[0] as string, 'hex').toString('latin1');
      else if ((name === 'ucwords' || name === 'strtolower') && lits.length === 1) v = (lits[0] as string).toLowerCase();
      if (v !== undefined && v.length >= 3 && v.length <= 4096) push(at, v, 'transform');
    }
  }

  // $f(101).$f(118).$f(97)… where $f holds chr
  for (const at of input.positions(').$').slice(0, 200)) {
    const s = input.text(at - 40, at + 8 * 1024);
    const start = s.search(/\$[A-Za-z_]\w{0,20}\s{0,2}\(\s{0,2}\d{2,3}\s{0,2}\)\s{0,2}\.\s{0,2}\$/);
    if (start < 0 || start > 40) continue;
    let i = start;
    let text = '';
    let count = 0;
    for (;;) {
      const m = /^\$[A-Za-z_]\w{0,20}\s{0,4}\(\s{0,2}(\d{2,3})\s{0,2}\)\s{0,4}\.?\s{0,4}/.exec(s.slice(i, i + 40));
      if (!m) break;
      text += String.fromCharCode(Number(m[1]) & 0xff);
      i += m[0].length;
      count++;
    }
    if (count >= 4) push(at, text, 'chr');
  }

  // reversed base64 ('=oQKp…'): a long literal starting with '=' read backwards
  for (const at of input.positions("='=").concat(input.positions('"=')).slice(0, 50)) {
    if (!/^['"]?=['"]=[A-Za-z0-9+/]{60}/.test(input.text(at, at + 70))) continue;
    const s = input.text(at, at + 512 * 1024);
    const q = s.indexOf('=') + 1;
    const quote = s[q];
    if (quote !== '"' && quote !== "'") continue;
    let end = q + 1;
    while (end < s.length && isBase64Char(s.charCodeAt(end))) end++;
    if (s[end] !== quote || end - q < 200) continue;
    const rev = s.slice(q + 1, end).split('').reverse().join('');
    const text = Buffer.from(rev, 'base64').toString('latin1');
    if (PRINTABLE_32.test(text)) push(at, text, 'base64');
  }

  // Dean Edwards packer: the word table '…|…|…'.split('|') at the end
  for (const at of input.positions('eval(function(p,a,c,k,e')) {
    const s = input.text(at, at + 256 * 1024);
    const split = s.indexOf(".split('|')");
    if (split < 0) continue;
    const q = s.lastIndexOf("'", split - 1);
    const open = s.lastIndexOf("'", q - 1);
    if (open < 0) continue;
    push(at, s.slice(open + 1, q).split('|').join(' '), 'packer');
  }

  // eval(gzinflate(str_rot13(base64_decode('…')))) and the same of a variable assigned
  // from literals just before (`$a = '…'; $a .= '…';`, `$i = array('…', …); … $i[0]`)
  for (const at of input.positions('eval').slice(0, 200)) {
    const hidden = unwrapChain(evalChain(input, at), input);
    if (hidden !== undefined) push(at, hidden, 'chain');
  }
  // an escaped or encoded string that is itself an eval chain (`eval("\x65\x76\x61\x6C\x28…")`)
  for (const d of out.slice()) {
    if ((d.how === 'escape' || d.how === 'base64' || d.how === 'inflate') && EVAL_START.test(d.text.slice(0, 128))) {
      const hidden = unwrapChain(d.text, input);
      if (hidden !== undefined && hidden !== d.text) push(d.offset, hidden, 'chain');
    }
  }

  // "~+d()"^"!{+{}": a name made by XOR of two string literals
  for (const lit of ["'^'", '"^"', '\'^"', '"^\'']) {
    for (const at of input.positions(lit).slice(0, 300)) {
      const xored = xorPair(input, at);
      if (xored !== undefined) push(at, xored, 'xor');
    }
  }

  // $t = "…scrambled alphabet…"; $f = $t[32].$t[7].$t[8]…: names picked letter by letter from a literal
  {
    let last = -1;
    for (const at of input.positions('].$').slice(0, 300)) {
      if (at <= last) continue;
      const picked = indexPicks(input, at);
      if (picked === undefined) continue;
      last = picked.end;
      if (picked.text.length >= 3) push(picked.start, picked.text, 'index');
    }
  }

  // a file that decodes its own tail: `$n=0x…;eval($f('<base64>'))`, where the base64 opens
  // __FILE__, skips its header, and runs the next bytes through strtr(…, custom, standard)
  // and base64_decode, twice (a freely available PHP obfuscator, used by shells and by
  // commercial extensions alike: only what it hides tells them apart)
  for (const at of input.positions('__file__').slice(0, 4)) {
    const own = selfRead(input, at);
    if (own !== undefined) push(at, own, 'selfread');
  }
  return out;
}

/** Characters after an encoded string its XOR loop and key are looked for in, and keys tried. */
const XOR_REACH = 800;
const MAX_XOR_KEYS = 8;
const XOR_LOOP = /charCodeAt\s{0,4}\([^()]{0,24}\)\s{0,4}\^\s{0,4}[\w$.]{1,24}\s{0,4}\.\s{0,4}charCodeAt\s{0,4}\(/;
const KEY_LITERAL = /(['"])([^'"\\\n]{2,64})\1/g;

/**
 * A string table hidden by XOR with a repeating key, as a common JavaScript obfuscator
 * writes it: the loop right after the encoded string, the key one of the short literals
 * that follow (its argument). Returns the first key's result that reads as text.
 */
function xorKeyed(encoded: string, after: string): string | undefined {
  if (encoded.length < 16 || !XOR_LOOP.test(after) || !/fromCharCode/.test(after)) return undefined;
  const sample = encoded.slice(0, 2048);
  let tried = 0;
  for (const m of after.matchAll(KEY_LITERAL)) {
    if (++tried > MAX_XOR_KEYS) break;
    const key = m[2] as string;
    let out = '';
    let printable = 0;
    for (let i = 0; i < sample.length; i++) {
      const c = sample.charCodeAt(i) ^ key.charCodeAt(i % key.length);
      if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) printable++;
      out += String.fromCharCode(c);
    }
    if (printable < sample.length * 0.95) continue;
    if (encoded.length > sample.length) {
      out = '';
      for (let i = 0; i < encoded.length && i < MAX_ONE; i++) out += String.fromCharCode(encoded.charCodeAt(i) ^ key.charCodeAt(i % key.length));
    }
    return out;
  }
  return undefined;
}

/** What a decoder of an eval chain does to its argument, or undefined when it fails. */
const CHAIN_STEPS: Record<string, (text: string) => string | undefined> = {
  base64_decode: (text) => Buffer.from(text.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64').toString('latin1'),
  gzinflate: (text) => inflateWith(inflateRawSync, text),
  gzuncompress: (text) => inflateWith(inflateSync, text),
  gzdecode: (text) => inflateWith(gunzipSync, text),
  str_rot13: rot13,
  htmlspecialchars_decode: (text) => text.replace(/&(lt|gt|quot|#0?39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#039': "'", '#39': "'", amp: '&' })[name] ?? ''),
  stripslashes: (text) => text.replace(/\\(.)/g, '$1'),
  trim: (text) => text.trim(),
  strrev: (text) => text.split('').reverse().join(''),
  rawurldecode: percentDecodeLatin1,
  urldecode: (text) => percentDecodeLatin1(text.replace(/\+/g, ' ')),
};

function inflateWith(inflate: typeof inflateRawSync, text: string): string | undefined {
  try {
    return inflate(Buffer.from(text, 'latin1'), { maxOutputLength: MAX_ONE }).toString('latin1');
  } catch {
    return undefined;
  }
}

const CHAIN_START = /^eval\s{0,4}\(\s{0,4}@?\s{0,4}(?:(['"])\?>\1\s{0,4}\.\s{0,4}@?\s{0,4})?((?:(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|rawurldecode|urldecode|htmlspecialchars_decode|stripslashes|trim)\s{0,4}\(\s{0,4}){1,24})(?:(['"])|\$(\w{1,40})\s{0,4}(?:\[\s{0,4}(\d{1,3})\s{0,4}\])?\s{0,4}\))/i;

/** The code an eval of a chain of decoders runs, when its argument is a literal or a variable assigned from literals just before. */
function evalChain(input: DecodeInput, at: number, outer?: DecodeInput): string | undefined {
  const m = CHAIN_START.exec(input.text(at, at + 300));
  if (!m) return undefined;
  const names = (m[2] as string).split('(').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  let value: string | undefined;
  if (m[3] !== undefined) {
    const start = at + m[0].length;
    const body = input.text(start, start + MAX_ONE);
    const end = body.indexOf(m[3]);
    if (end < 0) return undefined;
    value = m[3] === '"' ? unescapeQuoted(`"${body.slice(0, end)}"`, 0)[0] : body.slice(0, end);
  } else {
    const index = m[5] === undefined ? undefined : Number(m[5]);
    // a layer names a variable of the file that holds it (`eval("?>".gzinflate(base64_decode(strrev($Lix))))`)
    value = assignedLiterals(input, at, m[4] as string, index) ?? (outer ? assignedLiterals(outer, outer.length, m[4] as string, index) : undefined);
  }
  if (value === undefined || value.length < 8) return undefined;
  for (let i = names.length - 1; i >= 0 && value !== undefined; i--) value = CHAIN_STEPS[names[i] as string]?.(value);
  return value;
}

/** Characters before a use that its variable's assignments are looked for in, and assignments tried at most. */
const ASSIGN_REACH = 1024 * 1024;
const MAX_ASSIGNS = 24;

/** `$name = '…'; $name .= '…';` or `$name = array('…', …)` (element `index`) before `at` (the last MAX_ASSIGNS places the name occurs in ASSIGN_REACH). */
function assignedLiterals(input: DecodeInput, at: number, name: string, index: number | undefined): string | undefined {
  // near first (the common case), then the whole reach
  return assignedWithin(input, at, name, index, 4000) ?? (at > 4000 ? assignedWithin(input, at, name, index, ASSIGN_REACH) : undefined);
}

function assignedWithin(input: DecodeInput, at: number, name: string, index: number | undefined, reach: number): string | undefined {
  const before = input.text(at - reach, at);
  const places: number[] = [];
  for (let i = before.lastIndexOf(`$${name}`); i >= 0 && places.length < MAX_ASSIGNS; i = i === 0 ? -1 : before.lastIndexOf(`$${name}`, i - 1)) places.push(i);
  const assign = new RegExp(`\\$${name}\\s{0,4}(\\.?=)\\s{0,4}(?:(['"])([^'"]{0,100000})\\2|array\\s{0,4}\\(([^)]{0,100000})\\)|\\[([^\\]]{0,100000})\\])`, 'y');
  let value: string | undefined;
  for (const place of places.reverse()) {
    assign.lastIndex = place;
    const m = assign.exec(before);
    if (!m) continue;
    // a double-quoted PHP string means its escapes (`"Sy1L\x61…"`)
    let piece: string | undefined = m[2] === '"' && m[3] !== undefined ? unescapeQuoted(`"${m[3]}"`, 0)[0] : m[3];
    const list = m[4] ?? m[5];
    if (list !== undefined) {
      const items = [...list.matchAll(/(['"])([^'"]{0,100000})\1/g)].map((item) => item[2] ?? '');
      piece = index === undefined ? undefined : items[index];
    }
    if (piece === undefined) continue;
    value = m[1] === '.=' && value !== undefined ? value + piece : piece;
  }
  return value;
}

/** The XOR of the string literal that ends at `at` and the one that starts two characters later, when both are short literals. */
function xorPair(input: DecodeInput, at: number): string | undefined {
  const back = input.text(at - 80, at + 1);
  const quote = back.charAt(back.length - 1);
  const open = back.lastIndexOf(quote, back.length - 2);
  if (open < 0 || back.charAt(open - 1) === '\\') return undefined;
  const left = unescapeQuoted(back.slice(open), 0)[0];
  const ahead = input.text(at + 2, at + 84);
  const right = unescapeQuoted(ahead, 0);
  if (right[2] >= ahead.length || left.length === 0 || right[0].length === 0) return undefined;
  let out = '';
  for (let i = 0; i < Math.min(left.length, right[0].length); i++) out += String.fromCharCode((left.charCodeAt(i) ^ right[0].charCodeAt(i)) & 0xff);
  return /^[\w$]{3,40}$/.test(out) ? out : undefined;
}

const PICK_BEFORE = /\$(\w{1,40})\s{0,2}[[{]\s{0,2}\d{1,4}\s{0,2}[\]}]$/;

/** A run of `$t[n].$t[m]…` ending its first pick at `at` (the `]`), resolved against the literal `$t` was assigned. */
function indexPicks(input: DecodeInput, at: number): { start: number; end: number; text: string } | undefined {
  const back = input.text(at - 60, at + 1);
  const first = PICK_BEFORE.exec(back);
  if (!first) return undefined;
  const name = first[1] as string;
  const start = at + 1 - first[0].length;
  const window = input.text(start, start + 8192);
  const pick = new RegExp(`\\$${name}\\s{0,2}[[{]\\s{0,2}(\\d{1,4})\\s{0,2}[\\]}]\\s{0,4}\\.?\\s{0,4}`, 'y');
  const indices: number[] = [];
  let i = 0;
  for (pick.lastIndex = 0; indices.length < 512; ) {
    const m = pick.exec(window);
    if (!m) break;
    indices.push(Number(m[1]));
    i = pick.lastIndex;
  }
  if (indices.length < 4) return undefined;
  const alphabet = assignedLiterals(input, start, name, undefined);
  if (alphabet === undefined || alphabet.length < 8) return undefined;
  return { start, end: start + i, text: indices.map((n) => alphabet.charAt(n)).join('') };
}

const EVAL_START = /^\s{0,64}(?:<\?php\s{1,8})?@?eval\s{0,4}\(/i;

/**
 * A chain that decodes to another chain (layered encoders nest dozens deep), unwrapped to
 * the code at its end, within a bound of rounds and of characters decoded.
 */
function unwrapChain(first: string | undefined, outer?: DecodeInput): string | undefined {
  let hidden = first;
  let spent = hidden?.length ?? 0;
  for (let round = 0; round < MAX_CHAIN_ROUNDS && hidden !== undefined && spent < MAX_CHAIN_CHARS; round++) {
    if (!EVAL_START.test(hidden.slice(0, 128))) break;
    const inner: string = hidden;
    const next = evalChain({ length: inner.length, positions: () => [], text: (from, to) => inner.slice(Math.max(0, from), Math.max(0, to)) }, inner.search(/eval/i), outer);
    if (next === undefined) break;
    hidden = next;
    spent += next.length;
  }
  return hidden;
}

/** Rounds of a nested eval chain unwrapped, and characters decoded doing it, at most. */
const MAX_CHAIN_ROUNDS = 100;
const MAX_CHAIN_CHARS = 16 * 1024 * 1024;

const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The hidden code of a self-reading file, or undefined when `at` is not one (see above). */
function selfRead(input: DecodeInput, at: number): string | undefined {
  const head = input.text(at, at + 400);
  const call = /^__FILE__;\s{0,4}\$\w{1,40}\s{0,4}=\s{0,4}0x([0-9a-fA-F]{1,8});\s{0,4}eval\s{0,4}\(\s{0,4}\$\w{1,40}\s{0,4}\(\s{0,4}'([A-Za-z0-9+/=]{40,4000})'/.exec(head);
  if (!call) {
    // the literal may sit in a longer run: look for the eval that follows (bounded)
    const later = /0x([0-9a-fA-F]{1,8});\s{0,4}eval\s{0,4}\(\s{0,4}\$\w{1,40}\s{0,4}\(\s{0,4}'/.exec(input.text(at, at + 200));
    if (!later) return undefined;
    const start = at + later.index + later[0].length;
    const body = input.text(start, start + 4000);
    const end = body.indexOf("'");
    if (end < 40) return undefined;
    return selfReadStages(input, Buffer.from(body.slice(0, end), 'base64').toString('latin1'), parseInt(later[1] as string, 16));
  }
  return selfReadStages(input, Buffer.from(call[2] as string, 'base64').toString('latin1'), parseInt(call[1] as string, 16));
}

function selfReadStages(input: DecodeInput, first: string, rest: number): string | undefined {
  const numbers = /0x([0-9a-fA-F]{1,8})\)\s{0,4};[^;]{0,200}0x([0-9a-fA-F]{1,8})\)/.exec(first);
  const alphabet = /'([A-Za-z0-9+/=]{64,65})'\s{0,4},\s{0,4}'([A-Za-z0-9+/=]{64,65})'/.exec(first);
  if (!numbers || !alphabet) return undefined;
  const skip = parseInt(numbers[1] as string, 16);
  const length = parseInt(numbers[2] as string, 16);
  const from = (alphabet[1] as string).slice(0, 64);
  const to = (alphabet[2] as string).slice(0, 64);
  if (to !== STD_ALPHABET || length > MAX_ONE || rest > MAX_ONE) return undefined;
  const map = new Map<string, string>();
  for (let i = 0; i < 64; i++) map.set(from[i] as string, to[i] as string);
  const translate = (text: string): string => {
    let out = '';
    for (const c of text) out += map.get(c) ?? c;
    return out;
  };
  // the second stage reads the next `rest` bytes the same way: decode them directly
  const tail = input.text(skip + length, skip + length + rest);
  if (tail.length === 0) return undefined;
  return Buffer.from(translate(tail), 'base64').toString('latin1');
}
