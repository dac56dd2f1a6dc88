/**
 * Redaction of secrets in text that a report, a summary or a comment shows (captured
 * config files, and the diffs made from them): each becomes `[redacted]`. Two passes: first every value the
 * secrets check would report (the same token rules, connection strings, private keys
 * and config assignment rules, so what the gate calls a secret is never shown in a
 * diff); then, line by line, anything that merely looks like a credential: a value
 * assigned to a credential-named key, or a long random-looking run. The second pass is
 * deliberately broader than the check: a false redaction costs a reviewer a character
 * or two of diff, a missed one leaks a password into a pull-request comment.
 */
import { entropy } from './placeholder.js';
import { CONFIG_RULES } from './secret-config-rules.js';
import { REDACTED } from './secret-fingerprint.js';
import { SecretScanner } from './secret-scanner.js';

const SECRET_KEY = /(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|crypt|salt|auth|credential|dsn|cookie[_-]?(?:key|iv)|signing|_key$|^key$)/i;

/** `KEY=value`, `key: value`, `'key' => 'value'`, `"key": "value"`, `define('KEY', 'value')`: key, separator, then a quoted value (to its closing quote) or a bare one. */
const ASSIGNMENT = /(["']?)([\w.-]{1,80})\1(\s*(?:=>|=|:|,)\s*)(?:(["'])((?:\\.|(?!\4)[^\\\n]){1,2000})\4|([^\s"',;#][^\s"',;]{0,2000}))/g;

/** `scheme://user:password@host`, anywhere in a line. */
const DSN = /\b([a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]+:)([^\s@'"]{1,512})@/gi;

const PEM = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/;

/** A run of 20+ base64 or hex characters: redacted when it has the entropy of a random key. */
const LONG_RUN = /[A-Za-z0-9+/=_-]{20,}/g;

/**
 * Marks text this module wrote, so a value is never redacted twice; also the form
 * earlier versions wrote (a head and a length), which reports kept as baselines
 * still hold.
 */
const WRITTEN = /\[redacted\]|… \(\d+ characters\)/;

/** The form earlier versions wrote in place of a secret (its head and length): baselines' texts still hold it. */
const OLD_FORM = /[^\s'"`=:,;]{0,4}… \(\d+ characters\)/g;

/** Text an earlier version redacted, in today's form: a baseline's diff side shows no secret's head either. */
export function normalizeRedactions(text: string): string {
  return text.replace(OLD_FORM, REDACTED);
}

/** `text` with every secret and credential-looking value replaced by its redacted form. `name`: the file's base name, for the config rules (env.php, wp-config.php). */
export function redactText(text: string, name = ''): string {
  let out = text;
  // longest first, so a value that contains another is replaced whole
  for (const value of [...secretValues(text, name)].sort((a, b) => b.length - a.length)) out = out.split(value).join(REDACTED);
  return out.split('\n').map(redactLine).join('\n');
}

/** The values the secrets check finds in this text. */
function secretValues(text: string, name: string): Set<string> {
  const values = new Set<string>();
  const bytes = Buffer.from(text, 'utf8');
  // the scanner reads bytes as latin1: turn its values back into the text's characters
  for (const candidate of new SecretScanner(bytes).scan()) values.add(Buffer.from(candidate.value, 'latin1').toString('utf8'));
  const file = { text, lower: name.toLowerCase(), dependency: false };
  for (const rule of CONFIG_RULES) for (const hit of rule(file)) values.add(hit.value);
  values.delete('');
  return values;
}

/** One line with every credential-looking value replaced by its redacted form. */
function redactLine(line: string): string {
  if (PEM.test(line)) return '[private key redacted]';
  let out = line.replace(DSN, (match, head: string, secret: string) => (WRITTEN.test(secret) ? match : `${head}${REDACTED}@`));
  out = out.replace(ASSIGNMENT, (match, quote: string, key: string, sep: string, valueQuote: string | undefined, quoted: string | undefined, bare: string | undefined) => {
    const value = quoted ?? bare ?? '';
    if (!SECRET_KEY.test(key) || isStandIn(value) || WRITTEN.test(value)) return match;
    return valueQuote === undefined ? `${quote}${key}${quote}${sep}${REDACTED}` : `${quote}${key}${quote}${sep}${valueQuote}${REDACTED}${valueQuote}`;
  });
  return out.replace(LONG_RUN, (run) => (looksRandom(run) ? REDACTED : run));
}

/**
 * Values that are not secrets: empty, variables, obvious placeholders. Narrower than
 * the check's placeholder test on purpose: here a miss leaks, a false hit only hides.
 */
function isStandIn(value: string): boolean {
  const v = value.trim();
  return (
    v.length < 4 ||
    /^\$\{?[\w.]+\}?$/.test(v) ||
    /^%env\(.+\)%$/.test(v) ||
    /^(?:x+|\*+|changeme|change_me|example|your[-_].*|<.*>|null|true|false|none|todo|editme)$/i.test(v) ||
    /^(?:getenv|env)\(|^process\.env\.|^\$_(?:ENV|SERVER)\[/.test(v)
  );
}

function looksRandom(run: string): boolean {
  // words, paths and identifiers are long too: demand mixed classes and high entropy
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(run)).length;
  const hex = /^[0-9a-f]{32,}$/i.test(run);
  return (hex && entropy(run) > 3.2) || (classes >= 3 && entropy(run) > 4.0);
}
