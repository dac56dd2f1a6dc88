import type { FileRecord } from '../../model.js';

// Records of an archive that extractors read differently carry `by`: the extractors that
// write them. Two records at one path are one extractor's business only when it writes both.

/** Does some extractor write both records? (no `by`: every extractor writes it; `[]`: none does) */
export function shareAnExtractor(a: FileRecord, b: FileRecord): boolean {
  if (a.by?.length === 0 || b.by?.length === 0) return false;
  if (a.by === undefined || b.by === undefined) return true;
  const other = b.by;
  return a.by.some((name) => other.includes(name));
}
