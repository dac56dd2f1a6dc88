// Credentials told by where they are assigned, in config-like files: the store
// platforms' own files (Magento env.php, WordPress wp-config.php, PrestaShop
// parameters.php and settings.inc.php, Symfony APP_SECRET), env files, registry
// configs, Composer auth.json, and `password: …` style keys in YAML, INI, JSON, XML.
// Own rules: gitleaks has none for these platform files and assignments.
import type { Severity } from '../../model.js';
import { credentialAssignments } from './env-file.js';
import { entropy, isPlaceholder } from './placeholder.js';

export interface ConfigHit {
  rule: string;
  title: string;
  severity: Severity;
  value: string;
  /** Offset of the value in the text, for the line number. */
  index: number;
}

export interface ConfigFile {
  text: string;
  /** Lower-case base name. */
  lower: string;
  dependency: boolean;
}

type ConfigRule = (file: ConfigFile) => ConfigHit[];

/** Matches of a global regex; `group` is the value's group. Bounded: a hostile file can repeat a line a million times. */
function* matches(pattern: RegExp, text: string, group: number): Generator<{ value: string; index: number; match: RegExpExecArray }> {
  pattern.lastIndex = 0;
  let count = 0;
  for (let match = pattern.exec(text); match && count < 500; match = pattern.exec(text), count++) {
    const value = match[group];
    if (value !== undefined) yield { value, index: match.index + match[0].lastIndexOf(value), match };
    if (match[0].length === 0) pattern.lastIndex++;
  }
}

/** A value that names where the secret comes from instead of being it. */
function isReference(value: string): boolean {
  return /^(?:env|getenv|process\.env|os\.environ|ENV\[|\$_(?:ENV|SERVER)|%env|\$\{|\$[A-Za-z_]|@|!|secret:|vault:|file:|ssm:|arn:)/i.test(value) || /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/.test(value);
}

const magentoCryptKey: ConfigRule = ({ text, lower }) => {
  if (!lower.startsWith('env.php') && !lower.startsWith('.env.php')) return [];
  const hits: ConfigHit[] = [];
  for (const { value, index } of matches(/'crypt'\s*=>\s*\[\s*'key'\s*=>\s*(['"])(.*?)\1/gs, text, 2)) {
    const keys = value.split(/\\n|\n/).filter((key) => key.length > 0);
    if (keys.length > 0 && keys.every((key) => /^(?:[0-9a-f]{32}|base64[A-Za-z0-9+/]{40,}={0,2})$/.test(key))) {
      hits.push({ rule: 'magento-crypt-key', title: 'Magento encryption key (crypt/key in env.php)', severity: 'critical', value, index });
    }
  }
  return hits;
};

/** `'password' => '…'` in PHP arrays: Magento env.php's db connection, PrestaShop parameters.php. */
const phpArrayCredential: ConfigRule = ({ text }) => {
  const hits: ConfigHit[] = [];
  for (const { value, index, match } of matches(/'(password|database_password|secret|cookie_key|cookie_iv|new_cookie_key|api_key|private_key|client_secret)'\s*=>\s*'([^'\n]{4,})'/g, text, 2)) {
    const key = match[1] as string;
    const cookie = key !== 'password' && key !== 'database_password';
    // generated keys are random: a placeholder word inside one is chance, not a sign
    if (isPlaceholder(value, { words: cookie ? 'standalone' : 'anywhere' }) || isReference(value)) continue;
    hits.push({
      rule: cookie ? 'php-config-secret' : 'database-password',
      title: cookie ? `Secret key in a PHP config array ('${key}')` : `Database password in a PHP config array ('${key}')`,
      severity: 'critical',
      value,
      index,
    });
  }
  return hits;
};

const WP_SALTS = /define\(\s*'(AUTH_KEY|SECURE_AUTH_KEY|LOGGED_IN_KEY|NONCE_KEY|AUTH_SALT|SECURE_AUTH_SALT|LOGGED_IN_SALT|NONCE_SALT)'\s*,\s*'([^']{8,})'/g;
const PS_KEYS = /define\(\s*'(_COOKIE_KEY_|_COOKIE_IV_|_RIJNDAEL_KEY_|_RIJNDAEL_IV_|_NEW_COOKIE_KEY_)'\s*,\s*'([^']{8,})'/g;

/** All the salts of a file are one secret: they are generated, rotated and leaked together. */
const phpDefines: ConfigRule = ({ text }) => {
  if (!text.includes('define')) return [];
  const hits: ConfigHit[] = [];
  for (const [pattern, rule, title] of [
    [WP_SALTS, 'wordpress-salts', 'WordPress authentication keys and salts'],
    [PS_KEYS, 'prestashop-cookie-key', 'PrestaShop cookie and encryption keys'],
  ] as const) {
    const values: string[] = [];
    let first = -1;
    for (const { value, index } of matches(pattern, text, 2)) {
      if (isPlaceholder(value, { words: 'standalone' })) continue;
      values.push(value);
      if (first < 0) first = index;
    }
    if (values.length > 0) hits.push({ rule, title, severity: 'critical', value: values.join('\n'), index: first });
  }
  for (const { value, index } of matches(/define\(\s*'(DB_PASSWORD|_DB_PASSWD_)'\s*,\s*'([^']+)'/g, text, 2)) {
    if (!isPlaceholder(value)) hits.push({ rule: 'database-password', title: 'Database password in a PHP define()', severity: 'critical', value, index });
  }
  for (const { value, index } of matches(/(def00000[0-9a-f]{100,})/g, text, 1)) {
    hits.push({ rule: 'prestashop-cookie-key', title: 'PrestaShop cookie and encryption keys', severity: 'critical', value, index });
  }
  return hits;
};

/** Symfony's APP_SECRET signs sessions, CSRF tokens and remember-me cookies. */
const symfonyAppSecret: ConfigRule = ({ text }) => {
  if (!text.includes('APP_SECRET')) return [];
  const hits: ConfigHit[] = [];
  for (const { value, index } of matches(/APP_SECRET['"]?\s*(?:=>|[=:])\s*['"]?([0-9a-fA-F]{32,64})\b/g, text, 1)) {
    if (!isPlaceholder(value)) hits.push({ rule: 'symfony-app-secret', title: 'Symfony APP_SECRET', severity: 'high', value, index });
  }
  return hits;
};

const jwtSecret: ConfigRule = ({ text }) => {
  const hits: ConfigHit[] = [];
  for (const { value, index } of matches(/(?:JWT_SECRET|JWT_PASSPHRASE|JWT_SIGNING_KEY|JWT_KEY|jwt[_-]?secret|jwtSecret)['"]?\s*(?:=>|[=:])\s*["'`]?([^\s"'`#,;]{8,})/gi, text, 1)) {
    if (!isPlaceholder(value) && !isReference(value)) hits.push({ rule: 'jwt-secret', title: 'JWT signing secret', severity: 'high', value, index });
  }
  return hits;
};

/** `.env` files: every key that names a credential and has a real value (URLs are the DSN rule's). */
const envCredentials: ConfigRule = ({ text, lower }) => {
  if (!(lower.startsWith('.env') || lower.endsWith('.env'))) return [];
  const hits: ConfigHit[] = [];
  let searchFrom = 0;
  for (const assignment of credentialAssignments(text)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(assignment.value)) continue;
    const index = text.indexOf(assignment.value, searchFrom);
    if (index >= 0) searchFrom = index;
    hits.push({ rule: 'env-credential', title: `Credential in an environment file (${assignment.key})`, severity: 'high', value: assignment.value, index: Math.max(index, 0) });
  }
  return hits;
};

const registryTokens: ConfigRule = ({ text, lower }) => {
  if (!['.npmrc', '.yarnrc', '.yarnrc.yml', '.pypirc'].includes(lower)) return [];
  const hits: ConfigHit[] = [];
  for (const { value, index, match } of matches(/^[ \t]*(?:\/\/[^\s=]*:)?(_authToken|_auth|_password|npmAuthToken|npmAuthIdent|npmPassword|password)[ \t]*[=:][ \t]*["']?([^\s"'#]+)/gim, text, 2)) {
    if (!isPlaceholder(value, { words: 'standalone' })) hits.push({ rule: 'registry-token', title: `Package-registry credential (${match[1] as string})`, severity: 'critical', value, index });
  }
  return hits;
};

const COMPOSER_SECTIONS = new Set(['http-basic', 'github-oauth', 'gitlab-token', 'gitlab-oauth', 'bitbucket-oauth', 'bearer', 'forgejo-token']);

/** Composer auth.json: repo.magento.com keys, GitHub/GitLab/Bitbucket tokens, bearer tokens. */
const composerAuth: ConfigRule = ({ text, lower }) => {
  if (lower !== 'auth.json') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const hits: ConfigHit[] = [];
  for (const [section, hosts] of Object.entries(parsed as Record<string, unknown>)) {
    if (!COMPOSER_SECTIONS.has(section) || typeof hosts !== 'object' || hosts === null) continue;
    for (const [host, credential] of Object.entries(hosts as Record<string, unknown>)) {
      const values = typeof credential === 'string' ? [credential] : typeof credential === 'object' && credential !== null ? Object.entries(credential as Record<string, unknown>).filter(([key]) => key !== 'username' || host === 'repo.magento.com').map(([, v]) => v) : [];
      for (const value of values) {
        if (typeof value !== 'string' || value.length < 6 || isPlaceholder(value, { words: 'standalone' })) continue;
        const magento = host === 'repo.magento.com';
        hits.push({
          rule: magento ? 'magento-repo-key' : 'composer-auth-credential',
          title: magento ? 'repo.magento.com access key (Composer auth.json)' : `Composer credential for ${host} (${section})`,
          severity: 'critical',
          value,
          index: Math.max(text.indexOf(value), 0),
        });
      }
    }
  }
  return hits;
};

// The key is the whole run of name characters before the separator (80 at most), and a
// bounded look-ahead finds the credential word in it: an unbounded lazy search for the
// word inside the run tried every start against every end of a long run (quadratic).
const NAMED_KEY =
  /(?:^|[\s{,;(["'<])["']?(?=[\w.-]{0,80}?(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|access[_-]?token|client[_-]?secret|private[_-]?key|secret[_-]?key))([\w.-]{1,80})["']?\s*(?:=>|[:=]|>)\s*["']?([^\s"'<>,;#]{8,200})/gim;
const PUBLIC_KEY_NAME = /(?:last|date|time|_at$|used$|count$|age$|publishable|public|_id$|id$|name$|user(?:name)?$|_host$|_url_path|length$|_ttl$|lifetime$|expir|algo|enabled$|_file$|_path$|file$|path$|header$|field$|label$|placeholder|hint|message|text$|type$|policy|min|max|pattern|reset|confirm|strength|changed|required|forgot|rule|mode$|method$|provider$|store$)/i;

/** `password: …`, `"api_key": "…"`, `<password>…</password>` in YAML, INI, JSON, XML and PHP config. */
const namedCredentials: ConfigRule = ({ text, lower, dependency }) => {
  if (lower.startsWith('.env') || lower.endsWith('.env') || lower === 'auth.json') return [];
  const hits: ConfigHit[] = [];
  for (const { value, index, match } of matches(NAMED_KEY, text, 2)) {
    const key = match[1] as string;
    if (PUBLIC_KEY_NAME.test(key) || isPlaceholder(value) || isReference(value)) continue;
    if (/^(?:true|false|null|none|\d+|[\d.]+[smhd]?)$/i.test(value) || /^\d{4}-\d\d-\d\d/.test(value) || value.toLowerCase().includes(key.toLowerCase())) continue;
    // an identifier that names a credential (`GetRandomPassword`, `ResetSecretKey`) is not one
    if (/^[A-Za-z_]+$/.test(value) && /pass|secret|token|key/i.test(value)) continue;
    if (entropy(value) < 3) continue;
    hits.push({ rule: 'config-credential', title: `Credential in a config file (${key})`, severity: dependency ? 'medium' : 'high', value, index });
  }
  return hits;
};

/** In priority order: when two rules find the same value, the earlier one names it. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  magentoCryptKey,
  composerAuth,
  registryTokens,
  phpDefines,
  symfonyAppSecret,
  phpArrayCredential,
  jwtSecret,
  envCredentials,
  namedCredentials,
];
