// Reading the bytes of a JavaScript lockfile or manifest: UTF-8 text, JSON or YAML.
// Error messages give a line and column, never the text around it: a lockfile line can
// hold a token (`resolved "https://user:token@host/…"`), and the message ends up in a
// finding that is posted on a pull request.
import { parseAllDocuments } from 'yaml';
import { ExtractError } from '../extractor.js';
import { DuplicateKey, readLockfileYaml } from '../../syntax/lockfile-yaml.js';

// Not fatal on bad bytes: npm, yarn and pnpm read these files with Node's lenient
// decoding, so an old package.json with a Latin-1 author name is still a package; bytes
// that are no text at all still fail to parse as JSON or YAML.
const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** The entry as text; a byte-order mark is dropped (npm and yarn read past one too). */
export function textOf(content: Buffer): string {
  return UTF8.decode(content);
}

export function parseJsonText(content: Buffer): unknown {
  const text = textOf(content);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ExtractError(`it is not JSON: ${jsonProblem(error, text)}`);
  }
}

function jsonProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input|Unterminated string/i.test(message) && text.trim() !== '') return 'it ends early, as a truncated file does';
  if (text.trim() === '') return 'the file is empty';
  const position = /at position (\d+)/.exec(message)?.[1];
  return position === undefined ? 'it does not parse' : `it does not parse at ${lineAndColumn(text, Number(position))}`;
}

function lineAndColumn(text: string, offset: number): string {
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

/**
 * The YAML documents of a lockfile (a pnpm 11+ lockfile has two), every scalar a string
 * as with the failsafe schema, so `version: 1.10` is never read as the number 1.1 (pnpm
 * and yarn write versions unquoted). An empty document is null. The common case is read
 * by the fast subset reader; the rest by the `yaml` library.
 */
export function parseYamlDocuments(text: string): unknown[] {
  let fast: unknown[] | undefined;
  try {
    fast = readLockfileYaml(text);
  } catch (error) {
    if (error instanceof DuplicateKey) throw new ExtractError(`it is not YAML: ${error.message}`);
    throw error;
  }
  if (fast) return fast;
  // uniqueKeys off: the library checks it in quadratic time, minutes on a big lockfile
  const documents = parseAllDocuments(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    const error = document.errors[0];
    if (error) throw new ExtractError(`it is not YAML: ${error.code.toLowerCase().replace(/_/g, ' ')} at ${lineAndColumn(text, error.pos[0])}`);
  }
  return list.length === 0 ? [null] : list.map((document) => document.toJS({ maxAliasCount: 1000 }) as unknown);
}
