// What a config diff shows of a secret: a marker, nothing of the value (not its head,
// not its length); and what it shows of ordinary settings: all of it. Values are made at run time from random
// bytes, so no credential sits in the source and a fixed string cannot pass by luck.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeRedactions, redactText } from '../../src/checks/secrets/redact.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pick = (alphabet: string, length: number): string => [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');

function expectHidden(text: string, secret: string): void {
  expect(text).not.toContain(secret);
  expect(text).not.toContain(secret.slice(4));
  expect(text).not.toContain(`${secret.length} characters`);
  expect(text).toContain('[redacted]');
}

describe('redactText', () => {
  it('hides WordPress salts, whatever punctuation they hold', () => {
    const salts = Array.from({ length: 4 }, () => pick(`${ALNUM}!#()*+,-.:;=?[]^_{|}~`, 64));
    salts[0] = `s#x=${salts[0]?.slice(4)}`;
    const names = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_SALT', 'NONCE_SALT'];
    const text = salts.map((salt, i) => `define( '${names[i]}', '${salt}' );`).join('\n');
    const out = redactText(text, 'wp-config.php');
    for (const salt of salts) expectHidden(out, salt);
    expect(out).toContain("define( 'AUTH_KEY', '[redacted]' );");
  });

  it('hides env values, connection-string passwords, tokens and private keys', () => {
    const password = `Pg-${pick(ALNUM, 14)}`;
    const appSecret = pick('0123456789abcdef', 32);
    const token = ['gh', 'p_'].join('') + pick(ALNUM, 36);
    const keyBody = randomBytes(96).toString('base64');
    const text = [
      `APP_SECRET=${appSecret}`,
      `DATABASE_URL=postgres://shop:${password}@db:5432/shop`,
      `const client = new Octokit({ auth: "${token}" })`,
      '-----BEGIN PRIVATE KEY-----',
      keyBody.slice(0, 64),
      keyBody.slice(64),
      '-----END PRIVATE KEY-----',
    ].join('\n');
    const out = redactText(text, '.env');
    for (const secret of [password, appSecret, token]) expectHidden(out, secret);
    expect(out).not.toContain(keyBody.slice(0, 64));
    expect(out).not.toContain(keyBody.slice(64));
    expect(out).toContain('postgres://shop:');
  });

  it('redacts each value once, however many rules find it', () => {
    const password = `Mg-${pick(ALNUM, 14)}`;
    const out = redactText(`DB_PASSWORD=${password}\n'password' => '${password}',`, 'env.php');
    expect(out.split('\n')).toEqual(['DB_PASSWORD=[redacted]', "'password' => '[redacted]',"]);
  });

  it("rewrites an earlier version's redacted form (a head and a length) to the marker", () => {
    expect(normalizeRedactions("'password' => 'Tr0u… (26 characters)',\nKEY=9f6c… (32 characters)")).toBe("'password' => '[redacted]',\nKEY=[redacted]");
  });

  it('leaves settings, placeholders and references as they are', () => {
    const text = [
      "'host' => 'localhost',",
      "'password' => getenv('DB_PASSWORD'),",
      'DB_PASSWORD=${DB_PASSWORD}',
      'APP_SECRET=%env(APP_SECRET)%',
      "define( 'WP_DEBUG', false );",
      'session.save_path = "/var/lib/php/sessions"',
      'upload_max_filesize = 64M',
      '<frontName>admin_1qz7</frontName>',
    ].join('\n');
    expect(redactText(text, 'env.php')).toBe(text);
  });
});
