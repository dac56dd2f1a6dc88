// Alpine orders package versions as apk-tools does (src/version.c; checked against
// apk-tools 3's tests/version.data): a Gentoo-style grammar
//   number ('.' number)* letter? ('_' suffix number?)* ('~' hash)? ('-r' number)?
// compared token by token. apk-tools 3 rejects versions outside that grammar (`1.0bc`,
// `1_foo`, `1-r`, `a`), and so does this, with one exception: digits after the letter
// (`1.9.5p2-r1`), which apk-tools 3 rejects too but apk-tools 2 read as one more number,
// and which packages of the older Alpine releases OSV still covers carry (sudo's
// `1.9.5p2-r0`, for one). They are ordered as apk-tools 2 ordered them.
import type { Comparator } from './comparator.js';
import { compareCodeUnits, compareDigits } from './digits.js';
import { unreadable } from './unreadable.js';

/** Token kinds in the order the grammar allows them; where two versions first differ in kind, the earlier kind is the later version. */
const Kind = { FirstNumber: 0, Number: 1, Letter: 2, Suffix: 3, SuffixNumber: 4, Hash: 5, Revision: 6, End: 7 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

interface Token {
  readonly kind: Kind;
  readonly text: string;
}

/** Suffixes by rank: the ones before `''` (the release) mark pre-releases, the ones after it come after the release. */
const SUFFIX_RANK = new Map([
  ['alpha', -4],
  ['beta', -3],
  ['pre', -2],
  ['rc', -1],
  ['cvs', 1],
  ['svn', 2],
  ['git', 3],
  ['hg', 4],
  ['p', 5],
]);

const GRAMMAR = /^([0-9]+)((?:\.[0-9]+)*)(?:([a-z])([0-9]+)?)?((?:_[a-z]+[0-9]*)*)(?:~([0-9a-f]+))?(?:-r([0-9]+))?$/;

function tokens(version: string): Token[] {
  const match = GRAMMAR.exec(version);
  if (!match) throw unreadable('Alpine', version);
  const [, first = '', numbers = '', letter, afterLetter, suffixes = '', hash, revision] = match;
  const list: Token[] = [{ kind: Kind.FirstNumber, text: first }];
  for (const number of numbers.split('.').slice(1)) list.push({ kind: Kind.Number, text: number });
  if (letter !== undefined) list.push({ kind: Kind.Letter, text: letter });
  if (afterLetter !== undefined) list.push({ kind: Kind.Number, text: afterLetter });
  for (const suffix of suffixes.split('_').slice(1)) {
    const [, name = '', number = ''] = /^([a-z]+)([0-9]*)$/.exec(suffix) ?? [];
    if (!SUFFIX_RANK.has(name)) throw unreadable('Alpine', version, `unknown suffix _${name}`);
    list.push({ kind: Kind.Suffix, text: name });
    if (number !== '') list.push({ kind: Kind.SuffixNumber, text: number });
  }
  if (hash !== undefined) list.push({ kind: Kind.Hash, text: hash });
  if (revision !== undefined) list.push({ kind: Kind.Revision, text: revision });
  list.push({ kind: Kind.End, text: '' });
  return list;
}

function compareTokens(a: Token, b: Token): number {
  switch (a.kind) {
    case Kind.Number:
      // apk-tools 3 compares a part with a leading zero as text, as Gentoo does (1.02 < 1.1)
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareCodeUnits(a.text, b.text);
      return compareDigits(a.text, b.text);
    case Kind.FirstNumber:
    case Kind.SuffixNumber:
    case Kind.Revision:
      return compareDigits(a.text, b.text);
    case Kind.Suffix:
      return (SUFFIX_RANK.get(a.text) ?? 0) - (SUFFIX_RANK.get(b.text) ?? 0);
    case Kind.Letter:
    case Kind.Hash:
      return compareCodeUnits(a.text, b.text);
    case Kind.End:
      return 0;
  }
}

function isPreRelease(token: Token): boolean {
  return token.kind === Kind.Suffix && (SUFFIX_RANK.get(token.text) ?? 0) < 0;
}

function compare(a: Token[], b: Token[]): number {
  for (let i = 0; ; i++) {
    const x = a[i] ?? { kind: Kind.End, text: '' };
    const y = b[i] ?? { kind: Kind.End, text: '' };
    if (x.kind === y.kind) {
      if (x.kind === Kind.End) return 0;
      const order = compareTokens(x, y);
      if (order !== 0) return order;
      continue;
    }
    // the equal prefix is longer on one side: more is later, unless it is a pre-release suffix
    if (isPreRelease(x)) return -1;
    if (isPreRelease(y)) return 1;
    return y.kind - x.kind;
  }
}

export const alpine: Comparator = {
  ecosystem: 'Alpine',
  compare: (a, b) => compare(tokens(a), tokens(b)),
};
