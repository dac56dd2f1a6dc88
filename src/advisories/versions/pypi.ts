// PyPI versions in PEP 440's order, the order of pypa/packaging's Version. The grammar
// is @renovatebot/pep440's (the packaging regular expression); the order is built here
// from what it matched, because that library's compare() reads numbers through
// JavaScript numbers (digits past 2^53 are lost, so 1.0.9007199254740993 ties with
// …992) and reads local segments such as `1e3` or `0x1` as numbers, which packaging does
// not. A string that is not PEP 440 is ordered as packaging's LegacyVersion, before every
// PEP 440 version, as OSV orders it (see pypi-legacy.ts); only an empty one is unreadable.
import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version.js';
import type { Comparator } from './comparator.js';
import { compareCodeUnits, compareDigits } from './digits.js';
import { compareLegacyKeys, legacyKey } from './pypi-legacy.js';
import { unreadable } from './unreadable.js';

/** packaging strips surrounding whitespace and ignores case. */
const PEP440 = new RegExp(`^\\s*${VERSION_PATTERN}\\s*$`, 'i');

/** A pre-release, post-release or dev-release mark; `below`/`above` stand for packaging's -Infinity/Infinity. */
type Mark = 'below' | 'above' | { readonly label: string; readonly number: string };

interface Pep440Version {
  readonly epoch: string;
  /** Release numbers without trailing zeros: 1.0.0 = 1. */
  readonly release: readonly string[];
  readonly pre: Mark;
  readonly post: Mark;
  readonly dev: Mark;
  /** Local segments, or undefined when there is no local version. */
  readonly local: readonly string[] | undefined;
}

type PyPIVersion = { readonly pep440: Pep440Version } | { readonly legacy: readonly string[] };

function read(version: string): PyPIVersion {
  if (version.trim() === '') throw unreadable('PyPI', version, 'empty');
  const groups = PEP440.exec(version)?.groups;
  return groups ? { pep440: pep440(groups) } : { legacy: legacyKey(version) };
}

function pep440(groups: Record<string, string | undefined>): Pep440Version {
  const release = (groups['release'] ?? '0').split('.');
  while (release.length > 0 && /^0+$/.test(release.at(-1) ?? '')) release.pop();
  const preLabel = groups['pre_l'];
  const postNumber = groups['post_n1'] ?? groups['post_n2'];
  const hasPost = groups['post_l'] !== undefined || groups['post_n1'] !== undefined;
  const hasDev = groups['dev_l'] !== undefined;
  // packaging's _cmpkey: a dev release with neither pre nor post sorts before the pre-releases
  const pre: Mark = preLabel !== undefined ? { label: normalizePreLabel(preLabel), number: groups['pre_n'] ?? '0' } : hasDev && !hasPost ? 'below' : 'above';
  return {
    epoch: groups['epoch'] ?? '0',
    release,
    pre,
    post: hasPost ? { label: 'post', number: postNumber ?? '0' } : 'below',
    dev: hasDev ? { label: 'dev', number: groups['dev_n'] ?? '0' } : 'above',
    local: groups['local']?.toLowerCase().split(/[._-]/),
  };
}

function normalizePreLabel(label: string): string {
  const lower = label.toLowerCase();
  if (lower === 'alpha') return 'a';
  if (lower === 'beta') return 'b';
  if (lower === 'c' || lower === 'pre' || lower === 'preview') return 'rc';
  return lower;
}

function compareMarks(a: Mark, b: Mark): number {
  if (a === b) return 0;
  if (a === 'below' || b === 'above') return -1;
  if (a === 'above' || b === 'below') return 1;
  return compareCodeUnits(a.label, b.label) || compareDigits(a.number, b.number);
}

function compareRelease(a: readonly string[], b: readonly string[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const order = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** PEP 440 local versions: absent first; segment by segment, numbers by value above names, names in text order; then the longer. */
function compareLocal(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xNumber = /^[0-9]+$/.test(x);
    const yNumber = /^[0-9]+$/.test(y);
    const order = xNumber && yNumber ? compareDigits(x, y) : xNumber !== yNumber ? (xNumber ? 1 : -1) : compareCodeUnits(x, y);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function comparePep440(a: Pep440Version, b: Pep440Version): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    compareMarks(a.pre, b.pre) ||
    compareMarks(a.post, b.post) ||
    compareMarks(a.dev, b.dev) ||
    compareLocal(a.local, b.local)
  );
}

function compare(a: PyPIVersion, b: PyPIVersion): number {
  if ('pep440' in a) return 'pep440' in b ? comparePep440(a.pep440, b.pep440) : 1;
  return 'pep440' in b ? -1 : compareLegacyKeys(a.legacy, b.legacy);
}

export const pypi: Comparator = {
  ecosystem: 'PyPI',
  compare: (a, b) => compare(read(a), read(b)),
};
