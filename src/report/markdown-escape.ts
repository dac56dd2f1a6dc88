import { printable } from '../util/printable.js';

const MAX_SPAN = 300;
const WORD_JOINER = '\u2060';

function bounded(text: string): string {
  const safe = printable(text);
  return safe.length > MAX_SPAN ? `${safe.slice(0, MAX_SPAN)}…` : safe;
}

/**
 * Text from a package or an advisory as a Markdown code span inside a table cell: the
 * span shows the text as it is (copy it, search for it: no lookalikes, no invisible
 * characters), since GitHub renders no HTML, link or mention inside code. The fence is
 * longer than any run of backticks in the text; a `|` is escaped, as a table cell
 * needs even inside code.
 */
export function mdCode(text: string): string {
  return codeSpan(bounded(text).replace(/\|/g, '\\|'));
}

/** The same outside a table (a list, a paragraph): there `\|` would show its backslash. */
export function mdCodeInline(text: string): string {
  return codeSpan(bounded(text));
}

function codeSpan(text: string): string {
  if (text.length === 0) return '`""`';
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML (where Markdown is not rendered: a `<summary>` line, a `<td>`). */
export function htmlText(text: string): string {
  return bounded(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Text from a package as HTML code: for `<summary>` lines, where Markdown's backticks would show as they are. */
export function htmlCode(text: string): string {
  return `<code>${htmlText(text)}</code>`;
}

/**
 * Hostile prose (an advisory title) as plain Markdown text: every character that
 * Markdown or HTML could act on is escaped, links and mentions are broken up.
 */
export function mdText(text: string, max = 200): string {
  // the characters that could open HTML or a code span become lookalikes, so the raw text
  // holds no tag at all; the rest of Markdown's punctuation is backslash-escaped
  let safe = printable(text)
    .replace(/`/g, '\u02cb')
    .replace(/</g, '\uff1c')
    .replace(/>/g, '\uff1e')
    .replace(/[\\*_{}[\]()#+\-.!|~&=:"']/g, (c) => `\\${c}`);
  safe = safe.replace(/@/g, `@${WORD_JOINER}`).replace(/www/gi, (w) => `${w[0] ?? ''}${WORD_JOINER}${w.slice(1)}`);
  return safe.length > max ? `${cutOutsideEscape(safe, max)}…` : safe;
}

/** Cut at a word boundary, never between a backslash and what it escapes. */
function cutOutsideEscape(text: string, max: number): string {
  let cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  if (space > max / 2) cut = cut.slice(0, space);
  if (/(?:^|[^\\])(?:\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Text the gate wrote itself (a verdict line: words, counts, a digest): only what
 * Markdown could take for emphasis, code, a link or HTML is escaped, so the raw text
 * stays readable.
 */
export function mdPlain(text: string): string {
  return printable(text).replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** A link to an advisory: only an https address, and its text escaped. */
export function mdLink(text: string, url: string | undefined): string {
  if (!url || !/^https:\/\/[^\s<>()"'`\\]+$/.test(url)) return mdText(text);
  return `[${mdText(text)}](${encodeURI(decodeURIUnsafe(url))})`;
}

function decodeURIUnsafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
