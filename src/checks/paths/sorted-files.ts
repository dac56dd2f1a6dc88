import type { FileRecord } from '../../model.js';
import { shareAnExtractor } from './readings.js';

// The manifest's list is sorted by path in code-unit order (duplicates together, in
// archive order), so names and whole folders are found by binary search.

/** The first index whose path is not below `key` in code-unit order. */
export function lowerBound(files: readonly FileRecord[], key: string): number {
  let low = 0;
  let high = files.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((files[middle] as FileRecord).path < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last record under `file`'s name that an extractor writing `file` writes too: what that extractor leaves there. */
export function lastWrittenOver(files: readonly FileRecord[], file: FileRecord): FileRecord | undefined {
  let i = lowerBound(files, file.path);
  let last: FileRecord | undefined;
  for (; i < files.length && (files[i] as FileRecord).path === file.path; i++) {
    const other = files[i] as FileRecord;
    if (other === file || shareAnExtractor(other, file)) last = other;
  }
  return last;
}
