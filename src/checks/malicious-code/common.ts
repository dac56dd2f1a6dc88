// Shared, bounded building blocks. Every regular expression here uses bounded
// quantifiers only, and none nests a quantified group inside another quantifier, so
// each runs in time linear in its (already bounded) window; runs of repeated tokens
// are counted with a sticky token regex in a loop instead of `(?:…){n}`.
import type { View } from './rule.js';

/** Data an attacker controls in a PHP request (superglobals are case-sensitive in PHP). */
export const PHP_REQUEST =
  /\$_(?:POST|GET|REQUEST|COOKIE|FILES)\b|\$_SERVER\s{0,8}\[\s{0,8}['"]HTTP_|php:\/\/input|\bgetallheaders\s{0,8}\(|\bapache_request_headers\b|\$HTTP_RAW_POST_DATA|\$HTTP_(?:POST|GET|COOKIE)_VARS|\$\{\s{0,4}['"]_(?:POST|GET|REQUEST|COOKIE)|\$GLOBALS\s{0,4}\[\s{0,4}['"]_(?:POST|GET|REQUEST|COOKIE)|\bgetenv\s{0,4}\(\s{0,4}['"]HTTP_/;
export const PHP_REQUEST_LITERALS = ['getenv', '$_POST', '$_GET', '$_REQUEST', '$_COOKIE', '$_FILES', '$_SERVER', 'php://input', 'getallheaders', 'apache_request_headers', '$HTTP_', "{'_", '{"_', "['_", '["_'];

/** PHP sinks that run code given as a string. */
export const PHP_CODE_SINK = /\b(?:eval|assert|create_function)\s{0,8}(?:\/\*[^*]{0,40}\*\/\s{0,4})?\(/i;
/** PHP sinks that run a shell command. */
export const PHP_CMD_SINK = /\b(?:system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec)\s{0,8}\(/i;
/** PHP decoders that malware chains in front of a code sink. */
export const PHP_DECODER =
  /\b(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|convert_uudecode|hex2bin|rawurldecode|urldecode|bzdecompress|gzinflate|pack|strtr|base_convert)\s{0,8}\(/i;
export const PHP_DECODER_LITERALS = ['base64_decode', 'gzinflate', 'gzuncompress', 'gzdecode', 'str_rot13', 'strrev', 'convert_uudecode', 'hex2bin', 'bzdecompress'];
/** Function names that are dangerous when they appear as data (callbacks, assembled names). */
export const DANGEROUS_NAME =
  /^(?:eval|assert|create_function|system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec|base64_decode|gzinflate|gzuncompress|str_rot13|preg_replace|call_user_func|call_user_func_array|file_put_contents|move_uploaded_file|fwrite|fputs|include|require|phpinfo|_POST|_GET|_REQUEST|_COOKIE|GLOBALS|array_map|create_function|mail|curl_exec|fsockopen|file_get_contents)$/i;
/** The same names found inside a longer decoded string. */
export const DANGEROUS_IN_TEXT =
  /\b(?:eval|assert|create_function|system|passthru|shell_exec|popen|proc_open|pcntl_exec|base64_decode|gzinflate|gzuncompress|str_rot13|preg_replace|call_user_func(?:_array)?|file_put_contents|move_uploaded_file|fsockopen)\b|\$_(?:POST|GET|REQUEST|COOKIE)\b|\bGLOBALS\b/i;

/** Browser APIs that send data to a server. */
export const JS_SEND =
  /\bnew\s{1,4}Image\b|\.sendBeacon\s{0,4}\(|\bnew\s{1,4}WebSocket\b|XMLHttpRequest|\bfetch\s{0,4}\(|\$\.(?:ajax|post|get)\s{0,4}\(|\bjQuery\.(?:ajax|post|get)\s{0,4}\(|\.(?:ajax|post)\s{0,4}\(|\.open\s{0,4}\(\s{0,4}['"](?:POST|GET)|createElement\s{0,4}\(\s{0,4}['"](?:script|img|iframe)|\.src\s{0,4}=|api\.telegram\.org/i;
export const JS_SEND_LITERALS = ['Image', 'sendBeacon', 'WebSocket', 'XMLHttpRequest', 'fetch', 'ajax', '.post', '.open', 'createElement', '.src', 'telegram'];
/** Payment-field names as checkout forms and platforms spell them. */
export const PAYMENT_FIELD =
  /cc_?number|cc_cid|cc_exp|cc_owner|cc_type|card_?number|card-number|cc-number|cc-exp|cc-csc|cardnum|ccnum|credit_?card|creditcard|cardholder|card_holder|\bcvv2?\b|\bcvc\b|cvv_|_cvv|securitycode|security_code|expir(?:y|ation)_?(?:month|year|date)|payment\[cc|billing\[cc|authorizenet_cc|braintree_cc|card_code|cardcode/i;
export const PAYMENT_LITERALS = ['cc_number', 'ccnumber', 'cc_cid', 'cc_exp', 'cc_owner', 'cardnumber', 'card_number', 'card-number', 'cc-number', 'cc-exp', 'cc-csc', 'cardnum', 'ccnum', 'credit_card', 'creditcard', 'cardholder', 'card_holder', 'cvv', 'cvc', 'securitycode', 'security_code', 'expiry', 'expiration', 'payment[cc', 'card_code', 'cardcode'];
/** Checkout page names that skimmers test the URL for (Magento, OneStepCheckout, FireCheckout, WooCommerce). */
export const CHECKOUT_PAGE = /onepage|onestep|firecheckout|checkout|iwdcheckout|idecheckout|awesomecheckout|nexwaycheckout|simplecheckout|amcheckout|payment/i;

/** Clamp to the view and read a window. */
export function around(view: View, offset: number, before: number, after: number): { text: string; base: number } {
  const base = Math.max(0, offset - before);
  return { text: view.text(base, offset + after), base };
}

const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);

/**
 * Visit each character of PHP code outside string literals (a backslash escapes the next
 * character inside one), from `from`, until `visit` returns true: the index it stopped
 * at, or -1. One walk for every rule that must not take a `;`, `,` or bracket inside a
 * string for code.
 */
function walkCode(text: string, from: number, visit: (c: string, i: number) => boolean): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (visit(c, i)) return i;
  }
  return -1;
}

/** The rest of the statement from `offset` (up to a `;` at depth 0, or `limit` characters). */
export function statement(view: View, offset: number, limit = 400): string {
  const text = view.text(offset, offset + limit);
  let depth = 0;
  const end = walkCode(text, 0, (c, i) => {
    if (OPENING.has(c)) depth++;
    else if (CLOSING.has(c)) depth--;
    else if ((c === ';' && depth <= 0) || (c === '?' && text[i + 1] === '>')) return true;
    return depth < 0;
  });
  if (end < 0) return text;
  // a bracket that closes one opened before the statement ends it, and belongs to it
  return text.slice(0, depth < 0 ? end + 1 : end);
}

/** The argument list after a call's opening parenthesis at or after `offset` (bounded, balanced). */
export function callArgs(view: View, offset: number, limit = 600): string {
  const text = view.text(offset, offset + limit);
  const open = text.indexOf('(');
  if (open < 0 || open > 80) return '';
  let depth = 0;
  const close = walkCode(text, open, (c) => {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    return c === ')' && depth === 0;
  });
  return close < 0 ? text.slice(open + 1) : text.slice(open + 1, close);
}

/** Split a PHP argument list at top-level commas (bounded input). */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  walkCode(args, 0, (c, i) => {
    if (OPENING.has(c)) depth++;
    else if (CLOSING.has(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(args.slice(start, i));
      start = i + 1;
    }
    return false;
  });
  out.push(args.slice(start));
  return out;
}

const VAR = /\$[A-Za-z_][A-Za-z0-9_]{0,40}/g;

/** PHP variables named in a piece of code (at most `max`), superglobals excluded. */
export function variablesIn(code: string, max = 6): string[] {
  const out: string[] = [];
  VAR.lastIndex = 0;
  for (let m = VAR.exec(code); m && out.length < max; m = VAR.exec(code)) {
    const name = m[0];
    if (name.startsWith('$_') && /^\$_(?:POST|GET|REQUEST|COOKIE|FILES|SERVER|SESSION|ENV)$/.test(name)) continue;
    if (name === '$this' || out.includes(name)) continue;
    out.push(name);
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * Is one of `vars` assigned, within `reach` bytes before `offset`, from something that
 * matches `source` (request data, a decoder)? `$x = $_POST['a'];`, `$x=base64_decode(`.
 */
export function assignedFrom(view: View, offset: number, vars: readonly string[], source: RegExp, reach = 2000): boolean {
  if (vars.length === 0) return false;
  const { text } = around(view, offset, reach, 0);
  for (const name of vars) {
    const assign = new RegExp(`${escapeRegex(name)}\\s{0,8}(?:\\[[^\\]\\n]{0,40}\\]\\s{0,4})?\\.?=(?!=)([^;]{0,400})`, 'g');
    for (let m = assign.exec(text); m; m = assign.exec(text)) if (source.test(m[1] as string)) return true;
  }
  return false;
}

/** Count consecutive matches of a sticky token regex starting at `from` (separators are part of the token). */
export function countRun(text: string, from: number, token: RegExp, max = 10_000): { count: number; end: number } {
  let count = 0;
  let at = from;
  while (count < max) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m || m.index !== at || m[0].length === 0) break;
    count++;
    at += m[0].length;
  }
  return { count, end: at };
}

/** Hosts that legitimately receive card data from checkout code (gateways' own SDKs). */
export const GATEWAY_HOST =
  /(?:^|\.)(?:stripe\.com|stripe\.network|braintreegateway\.com|braintree-api\.com|paypal\.com|paypalobjects\.com|adyen\.com|adyenpayments\.com|checkout\.com|authorize\.net|mollie\.com|klarna\.com|squareup\.com|worldpay\.com|cybersource\.com|sagepay\.com|opayo\.co\.uk|payu\.com|razorpay\.com|mercadopago\.com|securepay\.com\.au|eway\.com\.au|2checkout\.com|globalpay\.com|realexpayments\.com|bluesnap\.com|amazonpay\.com|payments-amazon\.com|google\.com|googleapis\.com|gstatic\.com|apple\.com|afterpay\.com|affirm\.com|sezzle\.com|recurly\.com|chargebee\.com|spreedly\.com|vantiv\.com|firstdata\.com|elavon\.com|nmi\.com|paysafe\.com|payeezy\.com|shopify\.com|shopifycdn\.com|bigcommerce\.com|magento\.com|sentry\.io|segment\.(?:io|com)|algolia\.net|algolianet\.com|firebaseio\.com|hcaptcha\.com|recaptcha\.net|mozilla\.org|w3\.org|example\.com|example\.org|braintreepayments\.com|venmo\.com|github\.com|githubusercontent\.com|npmjs\.(?:com|org)|jsdelivr\.net|unpkg\.com|cloudflare\.com|schema\.org|adobe\.com|magento-opensource\.com|developer\.mozilla\.org)$/i;

/** Absolute URL hosts named in a piece of code (http(s):// or protocol-relative in quotes). */
export function urlHosts(code: string, max = 8): string[] {
  const out: string[] = [];
  const re = /(?:https?:)?\/\/([a-z0-9][a-z0-9.-]{1,120}\.[a-z]{2,24})(?=[/:'"`?#\s]|$)/gi;
  for (let m = re.exec(code); m && out.length < max; m = re.exec(code)) out.push((m[1] as string).toLowerCase());
  return out;
}

/**
 * Try a test at the places a literal occurs, bounded: the first `max`, and past those the
 * last `max / 2` (injected code sits at the start or the end of a file, and a large bundle
 * can hold thousands of ordinary occurrences before an appended skimmer).
 */
export function tryPlaces<T>(at: readonly number[], max: number, test: (offset: number) => T | undefined): T | undefined {
  for (const offset of placesToTry(at, max)) {
    const hit = test(offset);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The places `tryPlaces` would try, as a list (for loops that count rather than stop at the first). */
export function placesToTry(at: readonly number[], max: number): readonly number[] {
  if (at.length <= max) return at;
  return [...at.slice(0, max), ...at.slice(Math.max(max, at.length - Math.floor(max / 2)))];
}
