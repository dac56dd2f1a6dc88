// YAML lockfiles (pnpm-lock.yaml, yarn berry's yarn.lock) as plain values. Error messages
// give a line and column, never the text around it (a lockfile line can hold a token).
import { parseAllDocuments } from 'yaml';
import { FormatError, lineAndColumn } from '../../util/decode.js';
import { DuplicateKey, readLockfileYaml } from './lockfile-yaml.js';

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
    if (error instanceof DuplicateKey) throw new FormatError(`it is not YAML: ${error.message}`);
    throw error;
  }
  if (fast) return fast;
  // uniqueKeys off: the library checks it in quadratic time, minutes on a big lockfile
  const documents = parseAllDocuments(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    const error = document.errors[0];
    if (error) throw new FormatError(`it is not YAML: ${error.code.toLowerCase().replace(/_/g, ' ')} at ${lineAndColumn(text, error.pos[0])}`);
  }
  return list.length === 0 ? [null] : list.map((document) => document.toJS({ maxAliasCount: 1000 }) as unknown);
}
