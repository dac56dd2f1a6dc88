import { trimChars } from '../util/trim.js';
import type { FileRecord } from '../model.js';

/** The single top folder every path of a side sits in (`shop-2.4.7`), if there is one. */
export function singleTopFolder(files: readonly FileRecord[]): string | undefined {
  let top: string | undefined;
  for (const file of files) {
    const slash = file.path.indexOf('/');
    const first = slash < 0 ? file.path : file.path.slice(0, slash);
    if (slash < 0 && file.type !== 'dir') return undefined;
    if (top === undefined) top = first;
    else if (first !== top) return undefined;
  }
  return top;
}

/**
 * Which top folder to strip from each side, so that moving a whole tree under a new
 * top folder (`shop-2.4.6/` → `shop-2.4.7/`, or a tarball against the deployed tree)
 * is not a flood of changes. A root the user names wins.
 */
export function rootsToStrip(
  target: readonly FileRecord[],
  baseline: readonly FileRecord[],
  named: { target?: string; baseline?: string } = {},
): { target: string; baseline: string } {
  const clean = (root: string | undefined): string => trimChars((root ?? '').startsWith('./') ? (root ?? '').slice(1) : (root ?? ''), '/');
  if (named.target !== undefined || named.baseline !== undefined) return { target: clean(named.target), baseline: clean(named.baseline) };
  const a = singleTopFolder(target);
  const b = singleTopFolder(baseline);
  if (a !== undefined && b !== undefined) return { target: a, baseline: b };
  // one side wrapped in a folder the other side does not have at its top
  if (a !== undefined && !baseline.some((file) => file.path === a || file.path.startsWith(`${a}/`))) return { target: a, baseline: '' };
  if (b !== undefined && !target.some((file) => file.path === b || file.path.startsWith(`${b}/`))) return { target: '', baseline: b };
  return { target: '', baseline: '' };
}

/** A path relative to the stripped root; undefined for the root folder itself (and anything outside it). */
export function relativeTo(root: string, path: string): string | undefined {
  if (root === '') return path;
  if (path.startsWith(`${root}/`)) return path.slice(root.length + 1);
  return undefined;
}
