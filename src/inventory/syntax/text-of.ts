import { ExtractError } from '../extractors/extractor.js';

/**
 * An entry of a text format as a string. A byte-order mark says the encoding (PowerShell's
 * `pip freeze > requirements.txt` writes UTF-16 with one) and is dropped; without one the
 * text is UTF-8. A NUL byte left after decoding means the entry is binary, not the format.
 */
export function textOf(content: Buffer, format: string): string {
  let text: string;
  if (content[0] === 0xff && content[1] === 0xfe) {
    text = content.subarray(2).toString('utf16le');
  } else if (content[0] === 0xfe && content[1] === 0xff) {
    const body = Buffer.from(content.subarray(2, 2 + ((content.length - 2) & ~1)));
    text = body.swap16().toString('utf16le');
  } else {
    text = content.toString('utf8').replace(/^\uFEFF/, '');
  }
  if (text.includes('\u0000')) throw new ExtractError(`it holds NUL bytes: it is binary, not ${format}`);
  return text;
}

/** The 1-based line number of a character offset, for error messages. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
