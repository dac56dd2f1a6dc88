import { FINDING_KINDS, type ConfigChange, type Finding, type Report } from '../model.js';
import { describeChange } from '../findings/describe-change.js';
import { bytes, count, plural } from './format.js';
import { printable } from '../util/printable.js';
import { mdCode, mdText } from './markdown-escape.js';
import { findingFix, findingSubject } from './finding-text.js';
import { verdictLine } from './verdict-line.js';

const ICONS = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

export interface MarkdownOptions {
  /** Largest text to produce (a job summary takes 1 MiB, a PR comment 65,536 characters). */
  maxChars?: number;
  /** Where the rest can be read when the text had to stop (the run's summary). */
  moreAt?: string;
  /** A heading for the package when several are gated in one run. */
  title?: string;
}

const SUMMARY_LIMIT = 1024 * 1024;
const ROWS_PER_TABLE = 500;

/**
 * The Markdown an approver decides from: the verdict first, then the new blocking
 * findings grouped by kind, the package changes, the config diffs, and last, folded,
 * the findings that do not block. Most important first, so that when the text must
 * stop at its bound, what is cut is what matters least. Everything from the package or
 * an advisory is escaped: no HTML, no links, no mentions, no broken tables.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.maxChars ?? SUMMARY_LIMIT;
  const sections = [header(report, options.title), blockingSection(report), changesSection(report), otherFindingsSection(report), originsSection(report), notesSection(report)];
  const out: string[] = [];
  let used = 0;
  // room for the line that says where the rest is
  const reserve = 400;
  for (const section of sections) {
    for (const block of section) {
      if (used + block.length + 1 > limit - reserve) {
        out.push(truncationNote(report, options.moreAt));
        return `${out.join('\n')}\n`;
      }
      out.push(block);
      used += block.length + 1;
    }
  }
  return `${out.join('\n')}\n`;
}

function header(report: Report, title: string | undefined): string[] {
  const { target } = report;
  const out = [`## ${ICONS[report.verdict]} release-gate${title ? ` ${mdCode(title)}` : ''}: ${mdText(verdictLine(report))}`, ''];
  out.push('| | package | format | entries | size | sha256 |', '| --- | --- | --- | --- | --- | --- |');
  out.push(`| this release | ${mdCode(target.path)} | ${target.format} | ${count(target.files)} | ${bytes(target.bytes)} | ${mdCode(target.sha256.slice(0, 16))} |`);
  if (report.baseline) {
    const base = report.baseline;
    out.push(`| baseline | ${mdCode(base.path)} | ${base.format} | ${count(base.files)} | ${bytes(base.bytes)} | ${mdCode(base.sha256.slice(0, 16))} |`);
  }
  out.push('', `**Packages:** ${packageCounts(report)} · **Findings:** ${findingCounts(report)}`, '');
  return out;
}

function blockingSection(report: Report): string[] {
  const blocking = report.findings.filter((finding) => finding.blocking);
  if (blocking.length === 0) return [];
  const out = [`### Blocking findings (${count(blocking.length)})`, ''];
  for (const kind of FINDING_KINDS) {
    const ofKind = blocking.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) continue;
    out.push(`#### ${kind} (${count(ofKind.length)})`, '', ...findingTable(ofKind), '');
  }
  return out;
}

function findingTable(findings: readonly Finding[]): string[] {
  const rows = ['| severity | status | about | finding | where |', '| --- | --- | --- | --- | --- |'];
  for (const finding of findings.slice(0, ROWS_PER_TABLE)) {
    const fix = findingFix(finding);
    const detail = finding.detail && !finding.advisory ? ` (${mdText(finding.detail)})` : '';
    const excerpt = finding.excerpt ? ` ${mdCode(finding.excerpt)}` : '';
    const where = finding.path ? mdCode(finding.line ? `${finding.path}:${finding.line}` : finding.path) : '';
    rows.push(`| ${finding.severity} | ${finding.status} | ${mdCode(findingSubject(finding))} | ${mdText(finding.title)}${fix ? ` (${mdText(fix)})` : ''}${excerpt}${detail} | ${where} |`);
  }
  if (findings.length > ROWS_PER_TABLE) rows.push(`| | | | … and ${count(findings.length - ROWS_PER_TABLE)} more in the JSON report | |`);
  return rows;
}

function changesSection(report: Report): string[] {
  const changes = report.changes;
  if (!changes) return [];
  const { files, packages, configs } = changes;
  const out = ['### What this release changes', ''];
  const roots = changes.roots.target || changes.roots.baseline ? ` (compared inside ${mdCode(changes.roots.target || '.')} and ${mdCode(changes.roots.baseline || '.')})` : '';
  out.push(
    `Files: ${count(files.added)} added, ${count(files.removed)} removed, ${count(files.changed)} changed, ${count(files.unchanged)} unchanged${roots}.`,
    '',
  );
  const packageRows = [
    ...packages.upgraded.map((change) => ['upgraded', change.ecosystem, change.name, change.from, change.to]),
    ...packages.downgraded.map((change) => ['downgraded', change.ecosystem, change.name, change.from, change.to]),
    ...packages.added.map((pkg) => ['added', pkg.ecosystem, pkg.name, '', pkg.version]),
    ...packages.removed.map((pkg) => ['removed', pkg.ecosystem, pkg.name, pkg.version, '']),
  ];
  if (packageRows.length > 0) {
    out.push(`#### Packages (${count(packageRows.length)})`, '', '| change | ecosystem | package | from | to |', '| --- | --- | --- | --- | --- |');
    for (const [change = '', ecosystem = '', name = '', from = '', to = ''] of packageRows.slice(0, ROWS_PER_TABLE)) {
      out.push(`| ${change} | ${ecosystem} | ${mdCode(name)} | ${from ? mdCode(from) : ''} | ${to ? mdCode(to) : ''} |`);
    }
    if (packageRows.length > ROWS_PER_TABLE) out.push(`| | | … and ${count(packageRows.length - ROWS_PER_TABLE)} more in the JSON report | | |`);
    out.push('');
  }
  if (configs.length > 0) {
    out.push(`#### Config and system files (${count(configs.length)})`, '');
    for (const change of configs) out.push(...configBlock(change));
  }
  return out;
}

function configBlock(change: ConfigChange): string[] {
  const title = `${mdCode(change.path)} ${mdText(describeChange(change))}`;
  if (!change.diff) return [`- ${title}${change.diffOmitted ? ` (no diff: ${mdText(change.diffOmitted)})` : ''}`, ''];
  const body = printableDiff(change.diff);
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return [`<details open><summary>${title}</summary>`, '', `${fence}diff`, body, fence, '', '</details>', ''];
}

/** Diff lines as text: control characters visible, nothing else touched (it sits in a fence). */
function printableDiff(diff: string): string {
  return diff
    .split('\n')
    .map((line) => printable(line))
    .join('\n');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

function otherFindingsSection(report: Report): string[] {
  const out: string[] = [];
  const groups: [string, Finding[]][] = [
    ['not blocking (below the policy)', report.findings.filter((finding) => !finding.blocking && finding.status === 'new')],
    ['already in the baseline', report.findings.filter((finding) => !finding.blocking && finding.status === 'existing')],
    ['accepted', report.findings.filter((finding) => finding.status === 'accepted')],
  ];
  for (const [label, findings] of groups) {
    if (findings.length === 0) continue;
    out.push(`<details><summary>${plural(findings.length, 'finding')} ${label}</summary>`, '', ...findingTable(findings), '', '</details>', '');
  }
  return out;
}

/** The external origins storefront code uses, folded: what a reviewer checks a new one against. */
function originsSection(report: Report): string[] {
  const origins = report.origins ?? [];
  if (origins.length === 0) return [];
  const rows = ['| origin | used as | named in |', '| --- | --- | --- |'];
  for (const record of origins.slice(0, ROWS_PER_TABLE)) {
    const more = record.paths.length > 1 ? ` and ${count(record.paths.length - 1)} more` : '';
    rows.push(`| ${mdCode(record.origin)}${record.payment ? ' (with payment fields)' : ''} | ${record.uses.join(', ')} | ${record.paths[0] ? mdCode(record.paths[0]) : ''}${more} |`);
  }
  if (origins.length > ROWS_PER_TABLE) rows.push(`| … and ${count(origins.length - ROWS_PER_TABLE)} more in the JSON report | | |`);
  return [`<details><summary>${plural(origins.length, 'external origin')} the storefront code uses</summary>`, '', ...rows, '', '</details>', ''];
}

function notesSection(report: Report): string[] {
  if (report.notes.length === 0) return [];
  return [
    `<details><summary>${plural(report.notes.length, 'note')}: what the scan could not do fully</summary>`,
    '',
    ...report.notes.map((note) => `- ${mdText(note, 500)}`),
    '',
    '</details>',
    '',
  ];
}

function truncationNote(report: Report, moreAt: string | undefined): string {
  const where = moreAt ? `the [full summary](${encodeURI(moreAt)})` : 'the JSON report';
  return `\n> This summary stops here to stay within its size bound; ${report.findings.length} findings and every change are in ${where}.`;
}

function packageCounts(report: Report): string {
  if (report.packages.length === 0) return 'none found';
  const byEcosystem = new Map<string, number>();
  for (const pkg of report.packages) byEcosystem.set(pkg.ecosystem, (byEcosystem.get(pkg.ecosystem) ?? 0) + 1);
  return `${count(report.packages.length)} (${[...byEcosystem].map(([ecosystem, n]) => `${ecosystem} ${count(n)}`).join(', ')})`;
}

function findingCounts(report: Report): string {
  if (report.findings.length === 0) return 'none';
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const fresh = report.findings.filter((finding) => finding.status === 'new').length;
  return `${count(report.findings.length)} (${count(blocking)} blocking, ${count(fresh)} new)`;
}
