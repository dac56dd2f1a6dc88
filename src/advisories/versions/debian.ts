// Debian orders versions as dpkg does (lib/dpkg/version.c, parsehelp.c; Debian Policy
// §5.6.12): epoch, then upstream version, then revision, each of the last two compared
// by verrevcmp. A version dpkg refuses to parse is a VersionError; the ones it only warns
// about (no leading digit, odd characters) it still compares, and so does this.
import { trimChars } from '../../util/trim.js';
import type { Comparator } from './comparator.js';
import { compareDigits } from './digits.js';
import { unreadable } from './unreadable.js';

interface DebianVersion {
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
}

const INT_MAX = '2147483647';

function read(version: string): DebianVersion {
  // dpkg trims blanks (space and tab) at both ends and refuses blanks inside
  const text = trimChars(version, ' \t');
  if (text === '') throw unreadable('Debian', version, 'empty');
  if (/[ \t]/.test(text)) throw unreadable('Debian', version, 'embedded spaces');
  let rest = text;
  let epoch = '0';
  const colon = text.indexOf(':');
  if (colon >= 0) {
    // strtol: an optional sign, then digits that must run up to the colon
    const written = text.slice(0, colon);
    if (!/^[+-]?[0-9]+$/.test(written)) throw unreadable('Debian', version, written === '' ? 'empty epoch' : 'epoch is not a number');
    const digits = written.replace(/^[+-]/, '');
    if (written.startsWith('-') && /[1-9]/.test(digits)) throw unreadable('Debian', version, 'negative epoch');
    if (compareDigits(digits, INT_MAX) > 0) throw unreadable('Debian', version, 'epoch too big');
    epoch = digits;
    rest = text.slice(colon + 1);
    if (rest === '') throw unreadable('Debian', version, 'nothing after the epoch');
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (hyphen >= 0 && revision === '') throw unreadable('Debian', version, 'empty revision');
  if (upstream === '') throw unreadable('Debian', version, 'empty upstream version');
  return { epoch, upstream, revision };
}

/** dpkg's order of a non-digit character: `~` before the end of the string, the end before letters, letters before everything else. */
function weight(code: number | undefined): number {
  if (code === undefined) return 0;
  if (isDigit(code)) return 0;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return code;
  if (code === 126) return -1;
  return code + 256;
}

function isDigit(code: number | undefined): boolean {
  return code !== undefined && code >= 48 && code <= 57;
}

/** verrevcmp: alternate runs of non-digits (by weight) and digits (by value). */
function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const x = weight(i < a.length ? a.charCodeAt(i) : undefined);
      const y = weight(j < b.length ? b.charCodeAt(j) : undefined);
      if (x !== y) return x - y;
      i++;
      j++;
    }
    const aStart = i;
    const bStart = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    const order = compareDigits(a.slice(aStart, i) || '0', b.slice(bStart, j) || '0');
    if (order !== 0) return order;
  }
  return 0;
}

function compare(a: DebianVersion, b: DebianVersion): number {
  return compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

export const debian: Comparator = {
  ecosystem: 'Debian',
  compare: (a, b) => compare(read(a), read(b)),
};
