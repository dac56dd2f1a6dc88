// Credentials planted in the hostile release, made at run time from pieces so that no
// token sits in the source (push protection would rightly refuse it), and random so
// that no two runs plant the same values.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length] as string;
  return out;
}

const hex = (length: number): string => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);

/** A private key in PKCS#8 PEM, made now. */
function privateKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function plantSecrets() {
  const serverKey = privateKeyPem();
  const deployKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    awsKeyId: ['AK', 'IA'].join('') + pick(UPPER32, 16),
    githubToken: ['gh', 'p_'].join('') + pick(ALNUM, 36),
    stripeLive: ['sk', '_li', 've_'].join('') + pick(ALNUM, 24),
    stripeTest: ['sk', '_te', 'st_'].join('') + pick(ALNUM, 24),
    slackBot: ['xo', 'xb-'].join('') + `${pick('0123456789', 12)}-${pick('0123456789', 12)}-${pick(ALNUM, 24)}`,
    googleKey: ['AI', 'za'].join('') + pick(`${ALNUM}_-`, 35),
    npmToken: ['np', 'm_'].join('') + pick(ALNUM, 36),
    sendgridKey: ['S', 'G.'].join('') + pick(ALNUM, 22) + '.' + pick(ALNUM, 43),
    shopifyToken: ['shp', 'at_'].join('') + hex(32),
    braintreeToken: ['access', '_token$', 'production$'].join('') + pick('abcdefghijklmnopqrstuvwxyz0123456789', 16) + '$' + hex(32),
    magentoCryptKey: hex(32),
    magentoDbPassword: `Mg-${pick(ALNUM, 14)}`,
    wpDbPassword: `Wp-${pick(ALNUM, 14)}`,
    wpSalts: Array.from({ length: 8 }, () => pick(`${ALNUM}!#()*+,-.:;=?[]^_{|}~`, 64).replace(/'/g, 'x')),
    prestashopDbPassword: `Ps-${pick(ALNUM, 14)}`,
    prestashopCookieKey: pick(ALNUM, 56),
    dsnPassword: `Pg-${pick(ALNUM, 14)}`,
    sessionSecret: hex(32),
    magentoRepoPublic: hex(32),
    magentoRepoPrivate: hex(32),
    serverKey,
    deployKey,
  };
}

export type Planted = ReturnType<typeof plantSecrets>;

/** The parts of a value that must never be printed: the whole value, and for keys their base64 body. */
export function forbiddenStrings(planted: Planted): string[] {
  const out: string[] = [];
  for (const value of Object.values(planted)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item.includes('PRIVATE KEY')) {
        const body = item.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '');
        out.push(body, body.slice(8, 40));
      } else {
        out.push(item);
        // nor its tail, nor its head (beyond a public prefix such as sk_live_ or ghp_)
        if (item.length >= 16) out.push(item.slice(6), item.slice(0, 10));
      }
    }
  }
  return out;
}
