import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedPackage, Extractor } from '../../../src/inventory/extractors/extractor.js';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/php-py-ruby');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURE_DIR, name));
}

/** Run an extractor on text or bytes as the entry at `path`. */
export function extract(extractor: Extractor, path: string, content: string | Buffer): ExtractedPackage[] {
  return extractor.extract({ path, content: typeof content === 'string' ? Buffer.from(content) : content });
}

/** `name@version` of each package, sorted: the shape most assertions compare. */
export function ids(packages: readonly ExtractedPackage[]): string[] {
  return packages.map((p) => `${p.name}@${p.version}`).sort();
}

export function find(packages: readonly ExtractedPackage[], name: string): ExtractedPackage {
  const found = packages.find((p) => p.name === name);
  if (!found) throw new Error(`${name} not among ${ids(packages).join(', ')}`);
  return found;
}
