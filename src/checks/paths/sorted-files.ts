import type { FileRecord } from '../../model.js';

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

/** The last entry stored under exactly this name. */
export function lastStored(files: readonly FileRecord[], path: string): FileRecord | undefined {
  let i = lowerBound(files, path);
  let last: FileRecord | undefined;
  while (i < files.length && (files[i] as FileRecord).path === path) last = files[i++];
  return last;
}
