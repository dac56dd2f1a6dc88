/**
 * Redaction of secrets in text that a report, a summary or a comment shows (config
 * diffs, captured config files). Line by line, conservative: anything that looks like a
 * credential becomes its first four characters and its length.
 */

const SECRET_KEY = /(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|crypt|salt|auth|credential|dsn|cookie[_-]?(?:key|iv)|signing)/i;

/** `KEY=value`, `key: value`, `'key' => 'value'`, `"key": "value"`, `define('KEY', 'value')`. */
const ASSIGNMENT =
  /(["']?)([\w.-]{1,80})\1(\s*(?:=>|=|:|,)\s*)(["']?)([^"'\s,;#][^"'\n]{0,2000}?|[^"'\s,;#])\4(?=\s*(?:[,;)\]}]|$|#|\/\/))/g;

/** `scheme://user:password@host` */
const DSN = /\b([a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]+:)([^\s@'"]{1,512})@/gi;

/** Token formats with a fixed prefix (gitleaks' rule set, DOMAIN.md §2.1). */
const TOKENS =
  /\b(?:AKIA|ASIA|A3T[A-Z0-9]|ABIA|ACCA)[A-Z2-7]{16}\b|\bgh[pousr]_[0-9a-zA-Z]{36}\b|\bgithub_pat_\w{82}\b|\b[sr]k_(?:live|test|prod)_[a-zA-Z0-9]{10,99}\b|\bxox[abposer]-[0-9a-zA-Z-]{10,100}\b|\bAIza[\w-]{35}\b|\bnpm_[a-zA-Z0-9]{36}\b|\bglpat-[\w-]{20}\b|\bSG\.[\w.-]{60,70}\b|\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b|access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}|\bey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.[a-zA-Z0-9/\\_-]{10,}={0,2}/g;

const PEM = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/;

/** A run of 20+ base64 or hex characters with the entropy of a random key. */
const HIGH_ENTROPY = /[A-Za-z0-9+/=_-]{20,}/g;

export function redactedForm(secret: string): string {
  return `${secret.slice(0, 4)}…[${secret.length} chars redacted]`;
}

/** One line with every credential-looking value replaced by its redacted form. */
export function redactLine(line: string): string {
  if (PEM.test(line)) return '[private key redacted]';
  let out = line.replace(DSN, (_match, head: string, secret: string) => `${head}${redactedForm(secret)}@`);
  out = out.replace(TOKENS, (token) => redactedForm(token));
  out = out.replace(ASSIGNMENT, (match, quote: string, key: string, sep: string, valueQuote: string, value: string) =>
    SECRET_KEY.test(key) && !isPlaceholder(value) && !value.includes('…[') ? `${quote}${key}${quote}${sep}${valueQuote}${redactedForm(value)}${valueQuote}` : match,
  );
  return out.replace(HIGH_ENTROPY, (run) => (looksRandom(run) ? redactedForm(run) : run));
}

export function redactText(text: string): string {
  return text.split('\n').map(redactLine).join('\n');
}

/** Values that are not secrets: empty, variables, obvious placeholders. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    v.length < 4 ||
    /^\$\{?[\w.]+\}?$/.test(v) ||
    /^%env\(.+\)%$/.test(v) ||
    /^(?:x+|\*+|changeme|change_me|secret|password|example|your[-_].*|<.*>|null|true|false|none|todo|editme)$/i.test(v) ||
    /^getenv\(|^env\(|^process\.env\./.test(v)
  );
}

/** Shannon entropy per character of a string. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function looksRandom(run: string): boolean {
  if (run.includes('…[')) return false;
  // words, paths and identifiers are long too: demand mixed classes and high entropy
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(run)).length;
  const hex = /^[0-9a-f]{32,}$/i.test(run);
  return (hex && entropy(run) > 3.2) || (classes >= 3 && entropy(run) > 4.0);
}
