// Markdown rendered as GitHub renders comments and job summaries: CommonMark with the
// GFM extensions (tables, autolinks, strikethrough, task lists), raw HTML let through
// (<details>, <summary>, <sub>), so the structure a reviewer sees can be checked.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The inner HTML of every element of a tag, in document order (no nesting of the same tag expected). */
export function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1] ?? '');
}

/** Where each landmark first appears in the HTML (-1 when absent): to check their order. */
export function positions(html: string, landmarks: readonly (string | RegExp)[]): number[] {
  return landmarks.map((landmark) => (typeof landmark === 'string' ? html.indexOf(landmark) : (landmark.exec(html)?.index ?? -1)));
}

/** Text without tags, entities decoded (the few micromark writes). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
