import { FormatError } from '../../util/decode.js';
// Just enough XML to read the elements and attributes of a machine-written file
// (Gradle's verification metadata): the markup is checked to be well formed (one root,
// every tag closed in order, attributes quoted), entities in attribute values are
// decoded, and text content is skipped. DTDs are refused: no such file has one, and
// entity declarations are how XML files blow up their readers.

export interface XmlElement {
  /** The element's name and its ancestors', root first: ['verification-metadata', 'components', 'component']. */
  path: string[];
  attributes: Map<string, string>;
}

const NAME = '[A-Za-z_][A-Za-z0-9._:-]*';
const START_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>$`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const END_TAG = new RegExp(`^</(${NAME})\\s*>$`);
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Every element of the document in document order; FormatError when it is not well-formed XML. */
export function xmlElements(text: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const open: string[] = [];
  let rootSeen = false;
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  const fail = (problem: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new FormatError(`not well-formed XML at line ${line}: ${problem}`);
  };
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const textEnd = lt < 0 ? text.length : lt;
    if (open.length === 0 && text.slice(at, textEnd).trim() !== '') fail('text outside the root element');
    at = textEnd;
    if (lt < 0) break;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) fail('a comment is not closed');
      at = end + 3;
    } else if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) fail('a processing instruction is not closed');
      at = end + 2;
    } else if (text.startsWith('<![CDATA[', at)) {
      if (open.length === 0) fail('CDATA outside the root element');
      const end = text.indexOf(']]>', at + 9);
      if (end < 0) fail('a CDATA section is not closed');
      at = end + 3;
    } else if (text.startsWith('<!', at)) {
      fail('document type declarations are not read');
    } else {
      const end = tagEnd(text, at);
      if (end < 0) fail('a tag is not closed');
      const tag = text.slice(at, end + 1);
      const closing = END_TAG.exec(tag);
      if (closing) {
        if (open.pop() !== closing[1]) fail('a closing tag does not close the open element');
      } else {
        const start = START_TAG.exec(tag);
        if (!start) fail('a tag is not well-formed');
        const [, name = '', attributeText = '', selfClosing] = start ?? [];
        if (open.length === 0 && rootSeen) fail('a second root element');
        rootSeen = true;
        elements.push({ path: [...open, name], attributes: attributes(attributeText, fail) });
        if (!selfClosing) open.push(name);
      }
      at = end + 1;
    }
  }
  if (open.length > 0) fail('an element is never closed');
  if (!rootSeen) fail('there is no root element');
  return elements;
}

/** The `>` that ends the tag starting at `at`, skipping quoted attribute values. */
function tagEnd(text: string, at: number): number {
  let quote: string | undefined;
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}

function attributes(text: string, fail: (problem: string) => never): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const [, name = '', double, single] = match;
    if (out.has(name)) fail('an attribute appears twice in one tag');
    out.set(name, decode(double ?? single ?? '', fail));
  }
  return out;
}

function decode(value: string, fail: (problem: string) => never): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/.test(value)) fail('an & that starts no entity');
  return value.replace(ENTITY, (_, named: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named] ?? '';
    const code = decimal ? parseInt(decimal, 10) : parseInt(hex ?? '', 16);
    if (!(code > 0 && code <= 0x10ffff)) fail('a character reference out of range');
    return String.fromCodePoint(code);
  });
}
