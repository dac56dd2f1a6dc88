import { createHash } from 'node:crypto';
import type { Finding, FindingKind } from '../model.js';

/**
 * A finding's stable id: a fingerprint of what was found (kind, the package or path it
 * is about, the advisory or rule), never of where in a file or when. The same threat
 * has the same id in every scan, so a baseline can tell new from existing.
 */
export function findingId(kind: FindingKind, subject: string, rule: string): string {
  return createHash('sha256').update(`${kind}\0${subject}\0${rule}`).digest('hex').slice(0, 32);
}

/**
 * The subjects of findings about paths, kept beside them (not in the report) until the
 * package's top folder is known: only the whole pass tells whether every entry sits in
 * one `shop-2.4.7/`, and an id that includes it would change with every release.
 */
const PATH_SUBJECTS = new WeakMap<Finding, string>();

/** A finding whose subject holds paths (several joined by NUL): its id is made again without the top folder. */
export function aboutPaths<T extends Finding>(finding: T, subject: string): T {
  PATH_SUBJECTS.set(finding, subject);
  return finding;
}

/** Ids of path findings as if the package had no top folder `top`. */
export function idsWithoutTopFolder(findings: readonly Finding[], top: string | undefined): void {
  if (top === undefined || top === '') return;
  const prefix = `${top}/`;
  for (const finding of findings) {
    const subject = PATH_SUBJECTS.get(finding);
    if (subject === undefined) continue;
    const stripped = subject
      .split('\0')
      .map((path) => (path.startsWith(prefix) ? path.slice(prefix.length) : path === top ? '' : path))
      .join('\0');
    if (stripped !== subject) finding.id = findingId(finding.kind, stripped, finding.rule ?? '');
  }
}
