// PHP's version_compare() (ext/standard/versioning.c), which Composer applies to
// normalized versions. Ported for its exact quirks: special forms matched by prefix
// (`dev` < `alpha`=`a` < `beta`=`b` < `RC`=`rc` < `#` (a number) < `pl`=`p`), anything else
// below them all, and numbers read with strtol, so past 2^63-1 they saturate and tie.
import { compareDigits, sign } from './digits.js';

const LONG_MAX = '9223372036854775807';
const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
/** What version_compare puts in place of a number when it meets a name. */
const NUMBER = '#N#';

export function phpVersionCompare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  const v1 = a.startsWith('#') ? a : canonicalize(a);
  const v2 = b.startsWith('#') ? b : canonicalize(b);
  let p1 = 0;
  let p2 = 0;
  // where the current part ends (the next '.'), -1 once a part is the last one
  let n1 = 0;
  let n2 = 0;
  while (p1 < v1.length && p2 < v2.length && n1 !== -1 && n2 !== -1) {
    n1 = v1.indexOf('.', p1);
    n2 = v2.indexOf('.', p2);
    const order = comparePart(v1.slice(p1, n1 === -1 ? undefined : n1), v2.slice(p2, n2 === -1 ? undefined : n2));
    if (order !== 0) return order;
    if (n1 !== -1) p1 = n1 + 1;
    if (n2 !== -1) p2 = n2 + 1;
  }
  if (n1 !== -1) return isDigit(v1[p1]) ? 1 : phpVersionCompare(v1.slice(p1), NUMBER);
  if (n2 !== -1) return isDigit(v2[p2]) ? -1 : phpVersionCompare(NUMBER, v2.slice(p2));
  return 0;
}

function comparePart(x: string, y: string): number {
  const xNumber = isDigit(x[0]);
  const yNumber = isDigit(y[0]);
  if (xNumber && yNumber) return compareDigits(strtol(x), strtol(y));
  if (!xNumber && !yNumber) return compareSpecialForms(x, y);
  return xNumber ? compareSpecialForms(NUMBER, y) : compareSpecialForms(x, NUMBER);
}

function strtol(part: string): string {
  const digits = /^[0-9]+/.exec(part)?.[0] ?? '0';
  return compareDigits(digits, LONG_MAX) > 0 ? LONG_MAX : digits;
}

function compareSpecialForms(x: string, y: string): number {
  return sign(specialForm(x) - specialForm(y));
}

function specialForm(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

/** php_canonicalize_version: `-`, `_` and `+` become `.`, a `.` goes between digits and non-digits, other non-alphanumerics become `.`; no two dots in a row. */
function canonicalize(version: string): string {
  let out = version.charAt(0);
  let previous = version.charAt(0);
  for (const c of version.slice(1)) {
    const afterDot = out.endsWith('.');
    if (c === '-' || c === '_' || c === '+') {
      if (!afterDot) out += '.';
    } else if ((isNonDigit(previous) && isDigit(c)) || (isDigit(previous) && isNonDigit(c))) {
      if (!afterDot) out += '.';
      out += c;
    } else if (!/^[0-9A-Za-z]$/.test(c)) {
      if (!afterDot) out += '.';
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9' && c.length === 1;
}

function isNonDigit(c: string): boolean {
  return !isDigit(c) && c !== '.';
}
