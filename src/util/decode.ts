// Bytes of a package entry (or a report, or an advisory record) as text or JSON: the
// one place that decides the encoding and words a failure. Error messages give a line
// and column, never the text around it: a lockfile holds tokens (`resolved
// "https://user:token@host/…"`, a bare `ghp_…` where JSON expects a value), and the
// message ends up in a finding posted on a pull request. V8's own JSON errors quote
// the ten characters at the error, so they are never passed on.

/** The bytes are not text, or not the format they should be (a lockfile, a manifest); the message never quotes them. */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

// Not fatal on bad bytes: npm, Composer and pip read these files with lenient decoding,
// so an old manifest with a Latin-1 author name is still read; bytes that are no text at
// all fail the format's parse, or the NUL test below.
const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const UTF16LE = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: false });
const UTF16BE = new TextDecoder('utf-16be', { fatal: false, ignoreBOM: false });

/**
 * An entry of a text format as a string. A byte-order mark says the encoding
 * (PowerShell's `pip freeze > requirements.txt` writes UTF-16 with one) and is dropped;
 * without one the text is UTF-8. A NUL byte left after decoding means the entry is
 * binary, not `format`.
 */
export function decodeText(bytes: Uint8Array, format: string): string {
  const decoder = bytes[0] === 0xff && bytes[1] === 0xfe ? UTF16LE : bytes[0] === 0xfe && bytes[1] === 0xff ? UTF16BE : UTF8;
  const text = decoder.decode(bytes);
  if (text.includes('\u0000')) throw new FormatError(`it holds NUL bytes: it is binary, not ${format}`);
  return text;
}

/** JSON text as a value of unknown shape, for the caller to narrow. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FormatError(`it is not JSON: ${jsonProblem(error, text)}`);
  }
}

/** An entry of a JSON format as a value of unknown shape. */
export function decodeJson(bytes: Uint8Array, format: string): unknown {
  return parseJson(decodeText(bytes, format));
}

function jsonProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  if (text.trim() === '') return 'the file is empty';
  if (/end of JSON input|Unterminated string/i.test(message)) return 'it ends early, as a truncated file does';
  const position = /at position (\d+)/.exec(message)?.[1];
  return position === undefined ? 'it does not parse' : `it does not parse at ${lineAndColumn(text, Number(position))}`;
}

/** `line 3, column 14` of a character offset. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${offset - start + 1}`;
}

/** The 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
