// Is a credential-shaped value a real one? Examples, templates and docs are full of
// values that only look like secrets: `xxx`, `changeme`, `${VAR}`, `%env(...)%`,
// `<password>`, `your_api_key`, AWS's documented `…EXAMPLE` keys, runs of one
// character. A finding on one of those is noise that teaches people to ignore the gate.

/** Words that mark a value as a stand-in (compared on the lower-cased value). */
const PLACEHOLDER_WORDS = [
  'example',
  'sample',
  'placeholder',
  'changeme',
  'change_me',
  'change-me',
  'changethis',
  'replace',
  'your',
  'dummy',
  'fake',
  'mock',
  'redacted',
  'todo',
  'fixme',
  'insert',
  'editme',
  'notsosecret',
  'thistokenisnotsosecret',
  'secret_here',
  'key_here',
  'token_here',
  'password_here',
  'password',
  'passwd',
  'string_value',
  'xxxx',
  '****',
  '….',
  '...',
];

/** Values that are whole placeholders on their own. */
const PLACEHOLDER_VALUES = new Set([
  'password',
  'passwd',
  'pass',
  'secret',
  'token',
  'key',
  'apikey',
  'api_key',
  'test',
  'testing',
  'admin',
  'root',
  'user',
  'username',
  'null',
  'none',
  'nil',
  'undefined',
  'false',
  'true',
  'empty',
  'default',
  'string',
  'value',
  'foo',
  'bar',
  'foobar',
  'baz',
  'qwerty',
  'letmein',
  'hunter2',
  'abc123',
  'password123',
  'secret123',
  'db_password',
  'db_pass',
  'mysecret',
  'mypassword',
  'supersecret',
  's3cr3t',
  'p@ssw0rd',
  'p@ssword',
  'psw',
  'pwd',
]);

/** A placeholder word at the start of the value, or standing on its own between non-letters. */
const WORD = new RegExp(`^(?:${PLACEHOLDER_WORDS.map(escape).join('|')})|(?:^|[^a-z])(?:${PLACEHOLDER_WORDS.map(escape).join('|')})(?:[^a-z]|$)`);

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where placeholder words count: anywhere (values people chose), standing alone (random tokens), or not at all. */
export type WordRule = 'anywhere' | 'standalone' | 'none';

/**
 * A stand-in rather than a credential: template syntax (`${VAR}`, `{{ x }}`, `%env(X)%`,
 * `<x>`, `$VAR`, `@VAR@`), placeholder words, one repeated character, or an ascending run.
 * In a value a person chose (a password, a config value) a placeholder word anywhere
 * gives it away (`authpassword`, `mysecretvalue`); in a random token only a word at the
 * start or standing alone does (`sk_test_EXAMPLE`), since random text spells words by
 * chance; key bodies are judged by their shape only.
 */
export function isPlaceholder(value: string, { words = 'anywhere' }: { words?: WordRule } = {}): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  if (/[${}<>%@]/.test(trimmed[0] as string) && /^(?:\$\{.*\}|\$[A-Za-z_][\w]*|\{\{.*\}\}|%[^%]+%|<[^>]*>|@[\w.-]+@|\{[\w.-]+\})$/s.test(trimmed)) return true;
  if (/\$\{|\{\{|%env\(|<%=|#\{/.test(trimmed)) return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (words === 'anywhere' ? PLACEHOLDER_WORDS.some((word) => lower.includes(word)) : words === 'standalone' ? WORD.test(lower) : /\.\.\.|…|xxxx|\*\*\*\*/.test(lower)) return true;
  if (/^(.)\1*$/.test(trimmed)) return true;
  // runs like 1234567890, abcdef…, 0123456789abcdef
  if (/^(?:0?123456789?0?|abcdef(?:ghij)?|0123456789abcdef|123abc|abc123)/i.test(trimmed) && distinctCharacters(trimmed) <= 16) return true;
  // x-ed out: mostly x, X, * or 0
  if (/^[xX*0#._-]+$/.test(trimmed) || share(trimmed, /[xX*]/g) >= 0.5) return true;
  return false;
}

/** Shannon entropy in bits per character: random tokens are high, words and templates low. */
export function entropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function distinctCharacters(value: string): number {
  return new Set(value).size;
}

function share(value: string, pattern: RegExp): number {
  return (value.match(pattern)?.length ?? 0) / value.length;
}
