// Maven orders versions with maven-artifact's ComparableVersion. This follows Maven
// 3.9 (checked against maven-artifact 3.9.6): the version, lower-cased, splits at `.`,
// at `-` and where digits meet letters; `-`, a digit/letter switch and a qualifier after
// `.` (MNG-7644, Maven 3.8.7/3.9.0) each open a nested list; zeros and the release
// qualifiers (`ga`, `final`, `release`, empty) are trimmed from the end of each list.
// Qualifiers order alpha < beta < milestone < rc = cr < snapshot < release < sp < any
// other (alphabetically); a1/b1/m1 stand for alpha-1/beta-1/milestone-1.
//
// ComparableVersion reads any string; only an empty one, and one with non-ASCII digits
// (which Java would read as numbers by their Unicode value), are VersionErrors here.
import type { Comparator } from './comparator.js';
import { compareCodeUnits, compareDigits } from './digits.js';
import { unreadable } from './unreadable.js';

type Item = { readonly number: string } | { readonly qualifier: string } | { readonly list: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = new Set(['', 'ga', 'final', 'release']);
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));

function read(version: string): Item[] {
  if (version.trim() === '') throw unreadable('Maven', version, 'empty');
  if (/(?![0-9])\p{Nd}/u.test(version)) throw unreadable('Maven', version, 'non-ASCII digits');
  return parse(version.toLowerCase());
}

function parse(version: string): Item[] {
  const root: Item[] = [];
  const opened: Item[][] = [root];
  let list = root;
  const open = (): void => {
    const next: Item[] = [];
    list.push({ list: next });
    opened.push(next);
    list = next;
  };
  let inDigits = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version.charAt(i);
    if (c === '.' || c === '-') {
      list.push(i === start ? { number: '0' } : item(inDigits, version.slice(start, i)));
      start = i + 1;
      if (c === '-') open();
    } else if (c >= '0' && c <= '9') {
      if (!inDigits && i > start) {
        // `1.0.0.RC1` reads like `1.0.0-RC1`
        if (list.length > 0) open();
        list.push({ qualifier: qualifier(version.slice(start, i), true) });
        start = i;
        open();
      }
      inDigits = true;
    } else {
      if (inDigits && i > start) {
        list.push(item(true, version.slice(start, i)));
        start = i;
        open();
      }
      inDigits = false;
    }
  }
  if (version.length > start) {
    if (!inDigits && list.length > 0) open();
    list.push(item(inDigits, version.slice(start)));
  }
  for (const each of opened.reverse()) trimNulls(each);
  return root;
}

function item(digits: boolean, text: string): Item {
  return digits ? { number: text } : { qualifier: qualifier(text, false) };
}

function qualifier(text: string, followedByDigit: boolean): string {
  if (followedByDigit && text.length === 1) {
    if (text === 'a') return 'alpha';
    if (text === 'b') return 'beta';
    if (text === 'm') return 'milestone';
  }
  return text === 'cr' ? 'rc' : text;
}

/** ListItem.normalize: drop null items from the end, looking past nested lists. */
function trimNulls(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i];
    if (last === undefined) continue;
    if (isNull(last)) list.splice(i, 1);
    else if (!('list' in last)) break;
  }
}

function isNull(item: Item): boolean {
  if ('number' in item) return /^0+$/.test(item.number);
  if ('qualifier' in item) return RELEASE_QUALIFIERS.has(item.qualifier);
  return item.list.length === 0;
}

/** StringItem.comparableQualifier: known qualifiers by rank, unknown ones after all of them, alphabetically. */
function rank(qualifier: string): string {
  if (RELEASE_QUALIFIERS.has(qualifier)) return RELEASE_RANK;
  const index = QUALIFIERS.indexOf(qualifier);
  return index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index);
}

/** Item.compareTo; `undefined` is Java's null, the padding of a shorter list. */
function compareItem(a: Item, b: Item | undefined): number {
  if ('number' in a) {
    if (b === undefined) return /^0+$/.test(a.number) ? 0 : 1;
    return 'number' in b ? compareDigits(a.number, b.number) : 1;
  }
  if ('qualifier' in a) {
    if (b === undefined) return compareCodeUnits(rank(a.qualifier), RELEASE_RANK);
    return 'qualifier' in b ? compareCodeUnits(rank(a.qualifier), rank(b.qualifier)) : -1;
  }
  if (b === undefined) {
    for (const each of a.list) {
      const order = compareItem(each, undefined);
      if (order !== 0) return order;
    }
    return 0;
  }
  if ('number' in b) return -1;
  if ('qualifier' in b) return 1;
  return compareLists(a.list, b.list);
}

function compareLists(a: readonly Item[], b: readonly Item[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const order = x === undefined ? (y === undefined ? 0 : -compareItem(y, undefined)) : compareItem(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

export const maven: Comparator = {
  ecosystem: 'Maven',
  compare: (a, b) => compareLists(read(a), read(b)),
};
