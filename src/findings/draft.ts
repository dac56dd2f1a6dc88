import { createHash } from 'node:crypto';
import type { Finding } from '../model.js';

/**
 * What makes a finding the same finding in every scan: its kind, what it is about (a
 * package, a path, a secret's fingerprint) and what was found there (the advisory, the
 * rule, the state a config file changed to), never where in a file or when. A baseline
 * tells new from existing by it.
 */
export interface Identity {
  subject: string;
  /** What was found about the subject; the finding's rule when absent. */
  aspect?: string;
  /**
   * The subject is made of package paths (several joined by NUL): its id leaves out the
   * package's single top folder, so `shop-2.4.6/var/cache` and `shop-2.4.7/var/cache`
   * are the same folder to a baseline and an acceptance.
   */
  paths?: boolean;
}

/** A finding as a producer makes it: its id comes from its identity, its status and blocking from the baseline and the policy. */
export type DraftFinding = Omit<Finding, 'id' | 'status' | 'blocking'> & { identity: Identity };

/**
 * Every finding gets its id here, once its producer is done and the package's top
 * folder is known: the one place an id is made, so no producer can forget a step.
 */
export function identify(drafts: readonly DraftFinding[], topFolder?: string): Finding[] {
  return drafts.map(({ identity, ...found }) => ({ id: idOf(found.kind, identity, found.rule, topFolder), ...found, status: 'new', blocking: true }));
}

function idOf(kind: string, identity: Identity, rule: string | undefined, top: string | undefined): string {
  const subject = identity.paths && top ? withoutTopFolder(identity.subject, top) : identity.subject;
  return createHash('sha256')
    .update(`${kind}\0${subject}\0${identity.aspect ?? rule ?? ''}`)
    .digest('hex')
    .slice(0, 32);
}

function withoutTopFolder(subject: string, top: string): string {
  const prefix = `${top}/`;
  return subject
    .split('\0')
    .map((path) => (path.startsWith(prefix) ? path.slice(prefix.length) : path === top ? '' : path))
    .join('\0');
}
