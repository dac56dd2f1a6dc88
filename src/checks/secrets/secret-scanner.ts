// Finding credentials in the bytes of one file, fast. A regex over every byte runs at
// ~150 MB/s in V8, and one Buffer.indexOf per keyword costs a pass each; instead the
// scanner samples every MIN_RUN-th byte for runs of token characters (a token of that
// length must cover a sampled byte), and tries the token rules only where a run starts
// with one of their prefixes. Two literal passes (`://`, `PRIVATE KEY`) find what
// runs cannot: connection strings with passwords and PEM blocks.
import type { Severity } from '../../model.js';
import { entropy, isPlaceholder } from './placeholder.js';
import { DSN, MAILCHIMP, PRIVATE_KEY, SLACK_WEBHOOK, TOKEN_RULES, type TokenRule } from './secret-rules.js';

export interface Candidate {
  rule: string;
  title: string;
  severity: Severity;
  value: string;
  /** Offset in the bytes, for the line number. */
  index: number;
  /** Lower wins when two rules find the same value. */
  priority: number;
}

/** The shortest token worth a look (Stripe's `sk_live_` + 10); every run this long covers a sampled byte. */
const MIN_RUN = 16;
/** Candidates kept per file: a hostile file can hold a million token-shaped strings. */
const MAX_CANDIDATES = 200;

const TOKEN = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-') TOKEN[char.charCodeAt(0)] = 1;
/** Base64 and URL-safe base64: a generic secret's extent. */
const BASE64 = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=') BASE64[char.charCodeAt(0)] = 1;

interface Prefixed {
  rule: TokenRule;
  prefix: Buffer;
  priority: number;
}

/** Rules by the first byte of a prefix that is part of the run, and by the last byte of one that precedes it. */
const AT_START = new Map<number, Prefixed[]>();
const BEFORE_START = new Map<number, Prefixed[]>();
for (const [priority, rule] of TOKEN_RULES.entries()) {
  for (const prefix of rule.prefixes) {
    const bytes = Buffer.from(prefix, 'latin1');
    const last = bytes[bytes.length - 1] as number;
    const table = TOKEN[last] ? AT_START : BEFORE_START;
    const key = TOKEN[last] ? (bytes[0] as number) : last;
    let list = table.get(key);
    if (!list) table.set(key, (list = []));
    list.push({ rule, prefix: bytes, priority });
  }
}

const PRIORITY_MAILCHIMP = TOKEN_RULES.length;
const PRIORITY_SLACK_WEBHOOK = TOKEN_RULES.length + 1;
export const PRIORITY_CONFIG = TOKEN_RULES.length + 10;
const PRIORITY_PRIVATE_KEY = TOKEN_RULES.length + 2;
const PRIORITY_DSN = TOKEN_RULES.length + 100;
const PRIORITY_GENERIC = TOKEN_RULES.length + 200;

const QUOTE = new Set([0x22, 0x27, 0x60]);
/** A keyword and an assignment just before a quoted value: `apiSecret = "`, `'password' => '`, `client_secret: "`. */
const NAMED_BEFORE = /(?:secret|password|passwd|api[_-]?key|apikey|access[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key|signing[_-]?key)["']?\s*(?:=>|[:=]|\?\?|\|\|)\s*["'`]$/i;

export class SecretScanner {
  private readonly found: Candidate[] = [];

  constructor(private readonly bytes: Buffer) {}

  /**
   * Everything found (`all`); `urls`: just connection strings with passwords (lockfiles:
   * megabytes of hashes and registry URLs); `tokens`: just the token rules, credentials
   * told by their own prefix (code of dependency trees).
   */
  scan(what: 'all' | 'urls' | 'tokens' = 'all'): Candidate[] {
    if (what === 'urls') {
      this.literal('://', (at) => {
        this.dsn(at);
      });
      return this.found;
    }
    this.runs(what === 'all');
    if (what === 'tokens') return this.found;
    this.literal('://', (at) => {
      this.dsn(at);
    });
    this.literal('PRIVATE KEY', (at) => {
      this.privateKey(at);
    });
    return this.found;
  }

  add(candidate: Candidate): void {
    if (this.found.length < MAX_CANDIDATES) this.found.push(candidate);
  }

  private full(): boolean {
    return this.found.length >= MAX_CANDIDATES;
  }

  /** Stride through the bytes; for each run of token characters of MIN_RUN or more, try the rules. */
  private runs(generic: boolean): void {
    const bytes = this.bytes;
    const length = bytes.length;
    let genericEnd = -1;
    let i = MIN_RUN - 1;
    while (i < length) {
      if (!TOKEN[bytes[i] as number]) {
        i += MIN_RUN;
        continue;
      }
      let start = i;
      while (start > 0 && TOKEN[bytes[start - 1] as number]) start--;
      // this run reaches MIN_RUN only if the byte at start + MIN_RUN - 1 is a token byte; when it is
      // not, neither this run nor any run that starts before that byte does, so the next sample is
      // MIN_RUN past it, without walking the rest of the run (most runs in code are words)
      const last = start + MIN_RUN - 1;
      if (last >= length) break;
      if (!TOKEN[bytes[last] as number]) {
        i = last + MIN_RUN;
        continue;
      }
      let end = i + 1;
      while (end < length && TOKEN[bytes[end] as number]) end++;
      if (end - start >= MIN_RUN) {
        this.tokenRules(start, end);
        if (generic && end > genericEnd) genericEnd = this.generic(start, end);
        if (this.full()) return;
      }
      i = end + MIN_RUN;
    }
  }

  private tokenRules(start: number, end: number): void {
    const bytes = this.bytes;
    for (const candidate of AT_START.get(bytes[start] as number) ?? []) {
      if (this.startsWith(candidate.prefix, start)) this.tryRule(candidate, start, end);
    }
    if (start > 0) {
      for (const candidate of BEFORE_START.get(bytes[start - 1] as number) ?? []) {
        const at = start - candidate.prefix.length;
        if (at >= 0 && this.startsWith(candidate.prefix, at)) this.tryRule(candidate, at, end);
      }
      if (bytes[start - 1] === 0x2f && end - start >= 20) this.slackWebhook(start, end);
    }
    if (end - start >= 35 && end - start <= 37 && bytes[end - 4] === 0x2d) this.mailchimp(start, end);
  }

  private startsWith(prefix: Buffer, at: number): boolean {
    if (at + prefix.length > this.bytes.length) return false;
    for (let k = 0; k < prefix.length; k++) if (this.bytes[at + k] !== prefix[k]) return false;
    return true;
  }

  private tryRule({ rule, priority }: Prefixed, at: number, end: number): void {
    // one character either side for \b and the terminators
    const from = Math.max(0, at - 1);
    const window = this.bytes.toString('latin1', from, Math.min(this.bytes.length, Math.max(end, at + 140) + 2));
    rule.pattern.lastIndex = at - from;
    const match = rule.pattern.exec(window);
    const value = match?.[1];
    if (value === undefined) return;
    if (rule.allow?.test(value) || isPlaceholder(value.slice(rule.prefixes[0]?.length ?? 0), { words: 'standalone' })) return;
    if (rule.minEntropy !== undefined && entropy(value) < rule.minEntropy) return;
    if (rule.near && !rule.near.test(this.around(at, 256))) return;
    const severity = typeof rule.severity === 'function' ? rule.severity(value) : rule.severity;
    this.add({ rule: rule.id, title: rule.title, severity, value, index: at, priority });
  }

  private around(at: number, reach: number): string {
    return this.bytes.toString('latin1', Math.max(0, at - reach), Math.min(this.bytes.length, at + reach));
  }

  private slackWebhook(start: number, end: number): void {
    const from = Math.max(0, start - 80);
    const window = this.bytes.toString('latin1', from, end);
    const match = SLACK_WEBHOOK.exec(window);
    if (!match || match.index + match[0].length < window.length - 1) return;
    const value = match[0];
    if (isPlaceholder(match[1] as string, { words: 'standalone' }) || entropy(match[1] as string) < 3.5) return;
    this.add({ rule: 'slack-webhook', title: 'Slack incoming webhook URL', severity: 'medium', value, index: from + match.index, priority: PRIORITY_SLACK_WEBHOOK });
  }

  private mailchimp(start: number, end: number): void {
    const value = this.bytes.toString('latin1', start, end);
    if (!MAILCHIMP.pattern.test(value) || !MAILCHIMP.near.test(this.around(start, 256))) return;
    this.add({ rule: MAILCHIMP.id, title: MAILCHIMP.title, severity: MAILCHIMP.severity, value, index: start, priority: PRIORITY_MAILCHIMP });
  }

  /**
   * A high-entropy quoted value right after a keyword and an assignment
   * (`const apiSecret = "…"`): gitleaks' generic-api-key, held back to quoted values
   * of 16 characters or more, 3.5 bits of entropy per character, and no placeholder.
   * Returns where the value ends, so the runs inside it are not tried again.
   */
  private generic(start: number, end: number): number {
    const bytes = this.bytes;
    let from = start;
    let to = end;
    while (from > 0 && from > start - 512 && BASE64[bytes[from - 1] as number]) from--;
    while (to < bytes.length && to < end + 512 && BASE64[bytes[to] as number]) to++;
    if (from === 0 || !QUOTE.has(bytes[from - 1] as number) || to - from < 16 || to - from > 200) return to;
    if (bytes[to] !== bytes[from - 1]) return to; // the value must be the whole quoted string
    const before = bytes.toString('latin1', Math.max(0, from - 48), from);
    if (!NAMED_BEFORE.test(before)) return to;
    const value = bytes.toString('latin1', from, to);
    if (isPlaceholder(value, { words: 'standalone' }) || entropy(value) < 3.5 || !/\d/.test(value) || !/[a-zA-Z]/.test(value)) return to;
    this.add({ rule: 'generic-secret', title: 'Hard-coded secret assigned to a credential-named variable', severity: 'medium', value, index: from, priority: PRIORITY_GENERIC });
    return to;
  }

  /** Every occurrence of a literal, one Buffer.indexOf pass. */
  private literal(needle: string, at: (index: number) => void): void {
    let index = this.bytes.indexOf(needle, 0, 'latin1');
    while (index >= 0 && !this.full()) {
      at(index);
      index = this.bytes.indexOf(needle, index + needle.length, 'latin1');
    }
  }

  /** `scheme://user:password@host`: the password is the secret. */
  private dsn(at: number): void {
    const bytes = this.bytes;
    let from = at;
    while (from > 0 && from > at - 21 && isSchemeByte(bytes[from - 1] as number)) from--;
    if (from === at) return;
    // cheap test first: an @ in the authority before any space, quote or slash
    let k = at + 3;
    const limit = Math.min(bytes.length, at + 3 + 256);
    let colon = false;
    for (; k < limit; k++) {
      const byte = bytes[k] as number;
      if (byte === 0x40) break; // @
      if (byte === 0x3a) colon = true;
      if (byte <= 0x20 || byte === 0x22 || byte === 0x27 || byte === 0x60 || byte === 0x2f || byte === 0x3c || byte === 0x3e) return;
    }
    if (!colon || k >= limit) return;
    const window = bytes.toString('latin1', Math.max(0, from - 1), Math.min(bytes.length, k + 256));
    DSN.lastIndex = from > 0 ? 1 : 0;
    const match = DSN.exec(window);
    if (!match) return;
    const scheme = match[1] as string;
    const user = match[2] as string;
    const password = match[3] as string;
    const host = (match[4] as string).toLowerCase();
    // passwords under 6 characters in a URL are examples (`val:psw@`), not deployments
    if (password.length < 6 || isPlaceholder(password) || isPlaceholder(safeDecode(password)) || password === user || (isPlaceholder(user) && password.length < 8)) return;
    if (/(?:^|\.)example(?:\.(?:com|org|net))?(?::\d+)?$|^(?:host|hostname|server|domain|your[\w-]*)(?:[.:]|$)/.test(host)) return;
    this.add({ rule: 'url-password', title: `Password in a ${scheme}:// connection string`, severity: 'high', value: password, index: from, priority: PRIORITY_DSN });
  }

  /** A PEM private key block: the base64 body is the secret (its header is not). */
  private privateKey(at: number): void {
    const from = Math.max(0, at - 120);
    const offset = this.bytes.subarray(from, at).lastIndexOf('-----BEGIN', undefined, 'latin1');
    if (offset < 0) return;
    const begin = from + offset;
    const window = this.bytes.toString('latin1', begin, Math.min(this.bytes.length, begin + 64 * 1024));
    PRIVATE_KEY.lastIndex = 0;
    const match = PRIVATE_KEY.exec(window);
    if (!match) return;
    // the body without the END line, header fields (Proc-Type, DEK-Info), escaped newlines and white space
    const body = (match[1] as string)
      .replace(/-----END[\s\S]*$/, '')
      .replace(/\\[nr]/g, '\n')
      .split('\n')
      .filter((line) => !line.includes(':'))
      .join('')
      .replace(/\s/g, '');
    if (!plausibleKey(body, match[0])) return;
    this.add({ rule: 'private-key', title: 'Private key (PEM block)', severity: 'critical', value: body, index: begin, priority: PRIORITY_PRIVATE_KEY });
  }
}

/**
 * A real key's body, not a doc's stand-in: base64 only, 64 characters or more, random.
 * Unencrypted PEM bodies must also decode to a complete DER SEQUENCE (a truncated
 * example does not); OpenSSH, PGP and legacy encrypted bodies are not DER.
 */
function plausibleKey(body: string, block: string): boolean {
  if (body.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || isPlaceholder(body, { words: 'none' }) || entropy(body) < 4) return false;
  if (/OPENSSH|PGP|ENCRYPTED|Proc-Type|PuTTY/i.test(block)) return true;
  const der = Buffer.from(body, 'base64');
  if (der[0] !== 0x30) return false;
  const first = der[1] ?? 0;
  if (first < 0x80) return der.length >= 2 + first;
  const octets = first & 0x7f;
  if (octets < 1 || octets > 3 || der.length < 2 + octets) return false;
  let length = 0;
  for (let k = 0; k < octets; k++) length = length * 256 + (der[2 + k] ?? 0);
  return der.length >= 2 + octets + length;
}

function isSchemeByte(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2b || byte === 0x2e || byte === 0x2d;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
