// Reading `.env` files (dotenv, Symfony, Docker `--env-file`): just enough to tell a
// credential with a value from a template.
import { isPlaceholder } from './placeholder.js';

export interface EnvAssignment {
  key: string;
  value: string;
  /** 1-based line number. */
  line: number;
}

/** Lines read at most: a hostile `.env` can be a million lines. */
const MAX_LINES = 20_000;

/** `KEY=value` lines, `export` and quotes removed; comments and blank lines skipped. */
function envAssignments(text: string): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  const lines = text.split(/\r?\n/, MAX_LINES);
  for (const [index, raw] of lines.entries()) {
    // no `\s*=\s*(.*)$`: white space matched by both sides retried every split of a long run
    const match = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=([^\r\n]*)/.exec(raw);
    if (!match) continue;
    out.push({ key: match[1] as string, value: unquote(match[2] as string), line: index + 1 });
  }
  return out;
}

function unquote(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const end = value.indexOf(quote, 1);
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  const comment = value.search(/\s#/);
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}

/** Keys whose value is meant for the browser (bundled into public JavaScript): never secrets. */
const PUBLIC_PREFIX = /^(?:NEXT_PUBLIC_|VITE_|PUBLIC_|REACT_APP_|GATSBY_|NUXT_PUBLIC_|EXPO_PUBLIC_|VUE_APP_|STORYBOOK_)/;
/** Keys that name a credential. */
const CREDENTIAL_KEY = /(?:SECRET|PASSWORD|PASSWD|PASSPHRASE|_PASS$|_PWD$|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY|CLIENT_?SECRET|CREDENTIALS?|SALT|_DSN$|^DSN$|DATABASE_URL|REDIS_URL|MONGO(?:DB)?_UR[IL]|AMQP_URL|MAILER_URL)/i;
/** Keys that name something public even when they contain a credential word. */
const NOT_A_CREDENTIAL = /(?:PUBLISHABLE|PUBLIC_KEY|_ID$|_NAME$|_USER(?:NAME)?$|_HOST$|_PORT$|_URL_PATH$|_TTL$|_LIFETIME$|_EXPIR|_LENGTH$|_ALGO|_ENABLED$|_FILE$|_PATH$|_HEADER$|_COOKIE_NAME$)/i;

/**
 * Assignments that hold a credential: the key names one, the value is set and is not
 * a stand-in. URLs count only when they carry a password (`scheme://user:pass@host`).
 */
export function credentialAssignments(text: string): EnvAssignment[] {
  return envAssignments(text).filter((assignment) => {
    const { key, value } = assignment;
    if (PUBLIC_PREFIX.test(key) || !CREDENTIAL_KEY.test(key) || NOT_A_CREDENTIAL.test(key)) return false;
    if (isPlaceholder(value)) return false;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i.exec(value)?.[1];
      return password !== undefined && !isPlaceholder(password) && !isPlaceholder(decodeURIComponentSafe(password));
    }
    return value.length >= 6;
  });
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
