import { printable } from '../util/printable.js';

const MAX_SPAN = 300;
const WORD_JOINER = '\u2060';

/**
 * Text from a package or an advisory as a Markdown code span that cannot break out:
 * no HTML, no links, no @-mentions (`@types/node` must not ping an organisation),
 * no table breakage. Lookalike characters replace the few that could act.
 */
export function mdCode(text: string): string {
  let safe = printable(text)
    .replace(/`/g, '\u02cb')
    .replace(/\|/g, '\u2223')
    .replace(/</g, '\uff1c')
    .replace(/>/g, '\uff1e')
    .replace(/@/g, `@${WORD_JOINER}`);
  if (safe.length > MAX_SPAN) safe = `${safe.slice(0, MAX_SPAN)}…`;
  return safe.length === 0 ? '`""`' : `\`${safe}\``;
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
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}
