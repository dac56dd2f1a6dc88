import { trimChars } from '../util/trim.js';
import type { Finding, FindingKind, Severity } from '../model.js';
import type { Row } from './rows.js';

/** What a finding is about, in a few words: the package and advisory, or the rule. */
export function findingSubject(finding: Finding): string {
  if (finding.package) {
    const advisory = finding.advisory ? ` ${finding.advisory.id}` : '';
    return `${finding.package.name} ${finding.package.version}${advisory}`;
  }
  return KIND_WORDS[finding.kind];
}

/** The fix, when there is one to name. */
export function findingFix(finding: Finding): string | undefined {
  const fixed = finding.advisory?.fixed ?? [];
  if (!finding.advisory) return undefined;
  if (finding.upgradeTo !== undefined) return `upgrade to ${finding.upgradeTo}`;
  return fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : 'no fixed version yet';
}

export const SEVERITY_ICONS: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };

/** The kinds as a person says them (the report's names are for scripts). */
export const KIND_WORDS: Record<FindingKind, string> = {
  vulnerability: 'vulnerable package',
  'config-change': 'config change',
  'sensitive-file': 'file that must not ship',
  secret: 'secret',
  permission: 'dangerous permission',
  'unsafe-path': 'unsafe path',
  'parse-error': 'unreadable file',
  'malicious-code': 'injected code',
  'tampered-package': 'tampered package',
  'new-origin': 'new external origin',
};

/** Where a finding is, as a reader looks for it: `shop/app/etc/env.php:11`. */
export function placeOf(finding: Pick<Finding, 'path' | 'line'>): string {
  return `${finding.path ?? ''}${finding.line !== undefined ? `:${finding.line}` : ''}`;
}

/**
 * What is wrong, in a few words, without the place (the row names it) and never with
 * a secret's value: the advisory's title, the rule's title with the line, the change.
 */
export function problemOf(finding: Finding): string {
  switch (finding.kind) {
    case 'vulnerability':
      return finding.title;
    case 'config-change': {
      const path = finding.path ?? '';
      const change = path && finding.title.startsWith(`${path} `) ? finding.title.slice(path.length + 1) : finding.title;
      return `monitored config file ${change}`;
    }
    case 'secret': {
      const others = finding.related?.length ?? 0;
      return `${finding.title}${finding.line !== undefined ? `, line ${finding.line}` : ''}${others > 0 ? ` (and ${others} more ${others === 1 ? 'place' : 'places'})` : ''}`;
    }
    case 'malicious-code':
      // the excerpt is redacted where it is made: no payload, no long token
      return `${finding.title}${finding.line !== undefined ? `, line ${finding.line}` : ''}${finding.excerpt ? `: ${finding.excerpt}` : ''}`;
    case 'sensitive-file':
    case 'permission':
    case 'unsafe-path':
    case 'parse-error':
    case 'tampered-package':
    case 'new-origin':
      return finding.title;
  }
}

/** What to do about a finding of a kind, in a few words. */
const KIND_FIX: Record<Exclude<FindingKind, 'vulnerability'>, string> = {
  secret: 'rotate the secret, then take it out of the release',
  'sensitive-file': 'keep it out of the package',
  'config-change': 'check that the change is intended',
  permission: 'set the mode or owner in the build, or when packing',
  'unsafe-path': 'rebuild the package without it',
  'parse-error': 'fix or regenerate the file (its packages are not checked)',
  'malicious-code': 'take it out, find out how it got into the build, and check the servers the last release runs on',
  'tampered-package': 'install the package again from its registry, and find out what changed its files',
  'new-origin': 'check that the store means to use this origin (a look-alike domain is how card data leaves)',
};

/** Fixes of rules whose kind's fix would mislead. */
const RULE_FIX: Record<string, string> = {
  'world-writable': 'remove world write (chmod o-w) in the build',
  setuid: 'clear the setuid bit (chmod u-s) in the build',
  setgid: 'clear the setgid bit (chmod g-s) in the build',
  'special-file': 'take the device or FIFO out of the package',
  'script-in-upload-dir': 'delete the script, and find out how it got there',
  'executable-in-upload-dir': 'clear the execute bit (chmod a-x), and check what the file is',
  'mixed-owner': 'pack with --owner=0 --group=0 --numeric-owner',
  'too-many-secrets': 'treat the package as hostile: find out where these values come from',
};

/** What to do about one finding, in a few words. */
export function fixOf(finding: Finding): string {
  if (finding.kind === 'vulnerability') return findingFix(finding) ?? 'upgrade the package';
  return (finding.rule !== undefined ? RULE_FIX[finding.rule] : undefined) ?? KIND_FIX[finding.kind];
}

/** What to do about a row: upgrade a package (to the smallest version that fixes all its advisories), or the fixes of its kinds. */
export function fixesOf(row: Row): string[] {
  if (row.package) {
    if (row.upgradeTo !== undefined) return [`upgrade ${row.package.name} to ${row.upgradeTo}`];
    const fixed = [...new Set(row.findings.flatMap((finding) => finding.advisory?.fixed ?? []))];
    return fixed.length > 0 ? [`upgrade ${row.package.name} (fixed in ${fixed.join(', ')})`] : ['no fixed version yet: remove the package, or accept the risk with a reason'];
  }
  // a file that must not ship and holds secrets: out of the package, and its secrets rotated
  const ships = row.findings.some((finding) => finding.kind === 'sensitive-file');
  return [...new Set(row.findings.map((finding) => (ships && finding.kind === 'secret' ? 'rotate its secrets' : fixOf(finding))))];
}

/** A row's status in words: new and blocking, new below the policy, in the baseline, accepted. */
export function statusWords(row: Pick<Row, 'status' | 'blocking'>): string {
  if (row.blocking) return row.status === 'new' ? 'new, blocks' : 'blocks';
  switch (row.status) {
    case 'new':
      return 'new, does not block';
    case 'existing':
      return 'in the baseline';
    case 'accepted':
      return 'accepted';
  }
}

/** Text cut at a word boundary, never inside a word. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${trimChars(space > max / 2 ? cut.slice(0, space) : cut, ' \t\r\n,;:.(', 'end')}…`;
}
