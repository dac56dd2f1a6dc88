import type { Finding, Place } from '../model.js';

/**
 * Paths of findings relative to the package root, the single top folder left out
 * (`store-1.4.0/shop/app/etc/env.php` → `shop/app/etc/env.php`): the one form the report,
 * the comment, the annotations, SARIF and the policy's globs share. The root folder
 * itself is `.`; a path outside the root (an absolute name) stays as stored. A title or
 * detail that names paths of the package names them the same way.
 */
export function relativizeFindings(findings: Pick<Finding, 'path' | 'related' | 'detail' | 'title'>[], root: string): void {
  if (root === '') return;
  const prefix = `${root}/`;
  const inDetail = new RegExp(`(^|[\\s,;:("'])${escapeRegExp(prefix)}`, 'g');
  for (const finding of findings) {
    if (finding.path !== undefined) finding.path = relativePath(finding.path, root);
    if (finding.related) finding.related = finding.related.map((place): Place => ({ ...place, path: relativePath(place.path, root) }));
    if (finding.detail?.includes(prefix)) finding.detail = finding.detail.replace(inDetail, '$1');
    if (finding.title.includes(prefix)) finding.title = finding.title.replace(inDetail, '$1');
  }
}

/** One path relative to the root folder (`.` for the root itself); anything outside it as it is. */
export function relativePath(path: string, root: string): string {
  if (root === '') return path;
  if (path === root) return '.';
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
