import { createHash } from 'node:crypto';

/**
 * A secret's fingerprint: the first 16 hex digits of a domain-separated SHA-256 of the
 * value. The same secret has the same fingerprint wherever it is, so a finding's id
 * survives the secret moving to another file or line; and it lets a reviewer check
 * whether a secret they hold is the one found, without the report carrying it.
 * (A fingerprint cannot hide a weak password from someone who guesses it; the value
 * itself is never written.)
 */
export function fingerprint(value: string): string {
  return createHash('sha256').update('release-gate secret\0').update(value, 'utf8').digest('hex').slice(0, 16);
}

/**
 * What a report may show of a secret: its first characters and its length. Four
 * characters for values of 16 or more (usually a public prefix: `AKIA`, `ghp_`,
 * `sk_l`), fewer for shorter ones, so a short password is never half shown.
 */
export function redact(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 4));
  // only printable ASCII is shown: a secret's bytes never reach a terminal as they are
  const head = value.slice(0, shown).replace(/[^\x21-\x7e]/g, '?');
  return `${head}… (${value.length} characters)`;
}
