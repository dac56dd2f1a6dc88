import type { ConfigChange, Finding, FixedFinding, OriginRecord, Report } from '../model.js';
import { describeChange } from '../findings/describe-change.js';
import { renderApproval } from './approval-text.js';
import { count, plural } from './format.js';
import { printable } from '../util/printable.js';
import { KIND_WORDS, SEVERITY_ICONS, clip, fixesOf, placeOf, problemOf, statusWords } from './finding-text.js';
import { htmlText, mdCode, mdCodeInline, mdLink, mdPlain, mdText } from './markdown-escape.js';
import { rowsOf, type Row } from './rows.js';
import { verdictLine } from './verdict-line.js';

const ICONS = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

export interface MarkdownOptions {
  /** Largest text to produce (a job summary takes 1 MiB, a PR comment 65,536 characters). */
  maxChars?: number;
  /** A heading for the package when several are gated in one run. */
  title?: string;
  /** The workflow run's page. */
  runUrl?: string;
  /** Where the full report and summary can be downloaded (the run's artifact). */
  reportUrl?: string;
  /**
   * The approval block (release approvals, issue 13): Markdown rendered as it is, right
   * after the header and before the list of what to fix.
   */
  approval?: string;
  /** Rows of the "what to fix" table (the rest go into a fold, one line each); 100 when absent. */
  rows?: number;
  /** Today (YYYY-MM-DD): the `accept:` entries offered expire 30 days later. */
  today?: string;
}

const SUMMARY_LIMIT = 1024 * 1024;
/** Room kept for the footer and the closing of whatever is open. */
const FOOTER_ROOM = 1200;
/** Problems listed in one row; the rest are counted. */
const PROBLEMS_PER_ROW = 8;
/** `accept:` entries offered at most. */
const MAX_ACCEPT_ENTRIES = 100;
/** Rows of the summary's table; the rest are one line each, in a fold. */
const SUMMARY_ROWS = 100;

/**
 * The Markdown a reviewer decides from, the same for the pull request comment and the
 * job summary: the verdict, the package and the run; the approval block when there is
 * one; then what to fix, one row per package or file, the gravest first, each saying
 * how to fix it; then folds: the rest of the rows, `accept:` entries for what blocks,
 * what the release fixes, accepted findings, package changes, config diffs, notes; last
 * a footer that says where everything is. It never exceeds its bound: what does not
 * fit is counted and the footer names where it is. Everything from the package or an
 * advisory is escaped: no HTML, no links, no mentions, no broken tables.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.maxChars ?? SUMMARY_LIMIT;
  const out = new Output(limit - FOOTER_ROOM);
  const rows = rowsOf(report.findings.filter((finding) => finding.status !== 'accepted'));
  out.into('header').add(header(report, options));
  // the approval block sits right under the verdict: who let what through, or why not
  const approval = options.approval ?? renderApproval(report).join('\n');
  if (approval.trim() !== '') out.add(['', approval.trimEnd()]);

  const shown = whatToFix(out.into('table'), rows.slice(0, options.rows ?? SUMMARY_ROWS), rows.length);
  // the room goes to what a reviewer needs most; the text keeps its reading order
  acceptFold(out.into('accept'), rows.slice(0, shown), options.today);
  fixedFold(out.into('fixed'), report);
  configsFold(out.into('configs'), report.changes?.configs ?? []);
  packagesFold(out.into('packages'), report);
  acceptedFold(out.into('accepted'), report.findings.filter((finding) => finding.status === 'accepted'));
  originsFold(out.into('origins'), report.origins);
  notesFold(out.into('notes'), report.notes);
  restFold(out.into('rest'), rows.slice(shown));
  out.into('footer').force(footer(report, options, out.left));
  return `${ORDER.flatMap((section) => out.section(section)).join('\n')}\n`;
}

/** The reading order of the sections. */
const ORDER = ['header', 'table', 'accept', 'rest', 'fixed', 'accepted', 'packages', 'configs', 'origins', 'notes', 'footer'] as const;
type Section = (typeof ORDER)[number];

/** UTF-8 bytes of lines joined by newlines: GitHub's bounds are bytes (a job summary's 1 MiB) or characters (a comment's 65,536), never fewer. */
function cost(lines: readonly string[]): number {
  return lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
}

/** Lines within a budget, by section; what did not fit is counted for the footer. */
class Output {
  private readonly sections = new Map<Section, string[]>();
  private current: string[] = [];
  /** What was left out, in words, for the footer. */
  readonly left: string[] = [];
  constructor(private remaining: number) {}

  /** Lines from here on go to this section. */
  into(section: Section): this {
    let lines = this.sections.get(section);
    if (!lines) this.sections.set(section, (lines = []));
    this.current = lines;
    return this;
  }

  section(section: Section): string[] {
    return this.sections.get(section) ?? [];
  }

  /** Bytes still free. */
  get room(): number {
    return this.remaining;
  }

  fits(lines: readonly string[]): boolean {
    return cost(lines) <= this.remaining;
  }

  /** Add lines if they fit; false (nothing added) if they do not. */
  add(lines: readonly string[]): boolean {
    if (!this.fits(lines)) return false;
    this.force(lines);
    return true;
  }

  force(lines: readonly string[]): void {
    for (const line of lines) this.current.push(line);
    this.remaining -= cost(lines);
  }
}

/** Items taken while they fit in `room` bytes, with what they cost. */
function take(items: readonly string[], room: number): { taken: string[]; size: number } {
  const taken: string[] = [];
  let size = 0;
  for (const item of items) {
    const more = Buffer.byteLength(item) + 1;
    if (size + more > room) break;
    taken.push(item);
    size += more;
  }
  return { taken, size };
}

function header(report: Report, options: MarkdownOptions): string[] {
  const title = options.title ? ` ${mdCodeInline(options.title)}` : '';
  const out = [`## ${ICONS[report.verdict]} release-gate${title}: ${mdPlain(verdictLine(report))}`, ''];
  const { target, baseline } = report;
  const parts = [mdCodeInline(target.path)];
  parts.push(target.root ? `paths are inside its top folder ${mdCodeInline(`${target.root}/`)}` : 'paths are from its root');
  const files = report.changes?.files;
  parts.push(baseline ? `compared with ${mdCodeInline(baseline.path)}${files ? `: ${count(files.added)} files added, ${count(files.removed)} removed, ${count(files.changed)} changed` : ''}` : 'no baseline');
  parts.push(`${plural(target.files, 'entry', 'entries')}, ${plural(report.packages.length, 'package')}`);
  if (options.runUrl) parts.push(`[workflow run](${encodeURI(options.runUrl)})`);
  out.push(parts.join(' · '));
  for (const warning of report.warnings) out.push('', `> ⚠️ ${mdText(warning, 600)}`);
  if (!baseline && report.findings.length > 0) {
    out.push(
      '',
      '> 💡 No baseline: every finding counts as new. Compare with the last release, so that only what this release brings blocks: `baseline: release:latest` in the workflow (with `attach-report: true` where releases are published), or `--baseline <last package or report>`.',
    );
  }
  return out;
}

/** The table of rows; returns how many it shows. */
function whatToFix(out: Output, rows: readonly Row[], total: number): number {
  if (total === 0) return 0;
  const heading = ['', `### What to fix${total > rows.length ? `: the ${count(rows.length)} gravest of ${count(total)}` : ''}`, ''];
  const head = ['| severity | where, what is wrong, and the fix |', '| --- | --- |'];
  if (!out.add([...heading, ...head])) return 0;
  let shown = 0;
  for (const row of rows) {
    if (!out.add([tableRow(row)])) break;
    shown++;
  }
  if (shown < rows.length) out.left.push(`${plural(rows.length - shown, 'row')} of the table`);
  return shown;
}

function tableRow(row: Row): string {
  const severity = `${SEVERITY_ICONS[row.severity]} **${row.severity}**<br>${statusWords(row)}`;
  const where = row.package ? `${mdCode(row.package.name)} ${mdCode(row.package.version)} (${row.package.ecosystem})` : row.path !== undefined ? mdCode(row.path) : KIND_WORDS[row.findings[0]?.kind ?? 'parse-error'];
  const mixed = row.findings.length > 1;
  const problems = row.findings.slice(0, PROBLEMS_PER_ROW).map((finding) => problemCell(finding, mixed, row));
  if (row.findings.length > PROBLEMS_PER_ROW) problems.push(`and ${count(row.findings.length - PROBLEMS_PER_ROW)} more`);
  const why = !mixed && row.findings[0] && row.findings[0].kind !== 'vulnerability' && row.findings[0].kind !== 'secret' && row.findings[0].detail ? ` (${mdText(clip(row.findings[0].detail, 160), 400)})` : '';
  return `| ${severity} | ${where}<br>${problems.join('<br>')}${why}<br>**Fix:** ${fixCell(row)} |`;
}

function problemCell(finding: Finding, mixed: boolean, row: Row): string {
  const icon = mixed ? `${SEVERITY_ICONS[finding.severity]} ` : '';
  const status = finding.status !== row.status ? ` (${finding.status === 'existing' ? 'in the baseline' : finding.status})` : '';
  const text = mdText(clip(problemOf(finding), 140), 400);
  if (finding.advisory) return `${icon}${mdLink(finding.advisory.id, finding.advisory.url)} ${text}${mixed ? '' : ` (${finding.severity})`}${status}`;
  return `${icon}${text}${status}`;
}

function fixCell(row: Row): string {
  if (row.package) {
    const where = row.path !== undefined ? ` in ${mdCode(row.path)}` : '';
    if (row.upgradeTo !== undefined) return `upgrade to **${mdText(row.upgradeTo, 60)}**${where}`;
  }
  const fixes = fixesOf(row).map((fix) => mdText(fix, 300));
  const hasConfig = row.findings.some((finding) => finding.kind === 'config-change');
  return `${fixes.join('; ')}${hasConfig ? ' (the diff is below)' : ''}`;
}

/** The `accept:` entries that would let the blocking findings of the shown rows through, ready to paste. */
function acceptFold(out: Output, rows: readonly Row[], today: string | undefined): void {
  const blocking = rows.flatMap((row) => row.findings.filter((finding) => finding.blocking));
  if (blocking.length === 0) return;
  const expires = today ? addDays(today, 30) : undefined;
  const entries = blocking.slice(0, MAX_ACCEPT_ENTRIES).map((finding) => [
    `  # ${finding.severity} ${KIND_WORDS[finding.kind]}: ${yamlComment(findingLabel(finding))}`,
    `  - id: ${finding.id}`,
    `    reason: "TODO: why this risk is acceptable, and who decided"`,
    `    expires: ${expires ?? 'YYYY-MM-DD  # a date soon: an acceptance is temporary'}`,
  ]);
  const summary = `<summary>Accept instead of fixing: <code>accept:</code> entries for ${blocking.length === 1 ? 'the blocking finding' : `the ${count(blocking.length)} blocking findings`} above, with their ids</summary>`;
  const intro = ['', '<details>', summary, '', 'Paste into `.github/release-gate.yml`, say why, and keep the expiry near: the finding blocks again when it expires.', '', '```yaml', 'accept:'];
  const close = ['```', '', '</details>'];
  if (!out.fits([...intro, ...close])) {
    out.left.push('the `accept:` entries');
    return;
  }
  const room = out.room - cost([...intro, ...close, '  # … and 99,999 more in the full report']);
  const { taken } = take(entries.map((entry) => entry.join('\n')), room);
  const lines = [...intro, ...taken];
  if (taken.length < blocking.length) lines.push(`  # … and ${count(blocking.length - taken.length)} more in the full report`);
  out.add([...lines, ...close]);
}

function findingLabel(finding: Finding): string {
  if (finding.package) return `${finding.package.name} ${finding.package.version} ${finding.advisory?.id ?? ''}`.trim();
  return `${problemOf(finding)} at ${placeOf({ path: finding.path ?? '' })}`;
}

function yamlComment(text: string): string {
  return clip(printable(text).replace(/`/g, "'"), 160);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A fold of list items, as many as fit; what does not is counted. */
function fold(out: Output, summary: string, items: readonly string[], what: string, intro: readonly string[] = []): void {
  if (items.length === 0) return;
  const open = ['', '<details>', `<summary>${summary}</summary>`, '', ...intro];
  const close = ['', '</details>'];
  if (!out.fits([...open, ...close])) {
    out.left.push(what);
    return;
  }
  const room = out.room - cost([...open, ...close, '- … and 99,999 more (in the full report)']);
  const { taken } = take(items, room);
  const lines = [...open, ...taken];
  if (taken.length < items.length) {
    lines.push(`- … and ${count(items.length - taken.length)} more (in the full report)`);
    out.left.push(`${count(items.length - taken.length)} of the ${what}`);
  }
  out.add([...lines, ...close]);
}

function restFold(out: Output, rows: readonly Row[]): void {
  const findings = rows.reduce((n, row) => n + row.findings.length, 0);
  const items = rows.map((row) => {
    const where = row.package ? mdCodeInline(`${row.package.name} ${row.package.version}`) : row.path !== undefined ? mdCodeInline(row.path) : KIND_WORDS[row.findings[0]?.kind ?? 'parse-error'];
    const problems = row.findings
      .slice(0, 3)
      .map((finding) => `${finding.advisory ? `${finding.advisory.id} ` : ''}${clip(problemOf(finding), 100)}`)
      .join('; ');
    const more = row.findings.length > 3 ? `; and ${count(row.findings.length - 3)} more` : '';
    return `- ${SEVERITY_ICONS[row.severity]} ${row.severity}, ${statusWords(row)}: ${where} ${mdText(`${problems}${more}`, 500)} → ${mdText(fixesOf(row).join('; '), 200)}`;
  });
  fold(out, `${plural(rows.length, 'more row')} (${plural(findings, 'finding')})`, items, 'rows');
}

function fixedFold(out: Output, report: Report): void {
  const fixed = report.changes?.fixed ?? [];
  const upgraded = new Map((report.changes?.packages.upgraded ?? []).map((change) => [`${change.ecosystem}\0${change.name}`, change.to]));
  const items = fixed.map((finding) => `- ${SEVERITY_ICONS[finding.severity]} ${finding.severity} ${fixedText(finding, upgraded)}`);
  fold(out, `✅ Fixed by this release: ${plural(fixed.length, 'finding')} the baseline had`, items, 'fixed findings');
}

function fixedText(finding: FixedFinding, upgraded: ReadonlyMap<string, string>): string {
  if (finding.package && finding.advisory) {
    const to = upgraded.get(`${finding.package.ecosystem}\0${finding.package.name}`);
    const change = to ? `${finding.package.version} → ${to}` : `${finding.package.version}, removed`;
    return `${mdLink(finding.advisory.id, finding.advisory.url)} in ${mdCodeInline(finding.package.name)} ${mdText(change, 120)}: ${mdText(clip(finding.title, 140), 400)}`;
  }
  return `${KIND_WORDS[finding.kind]}${finding.path !== undefined ? ` at ${mdCodeInline(finding.path)}` : ''}: ${mdText(clip(finding.title, 140), 400)}`;
}

function acceptedFold(out: Output, findings: readonly Finding[]): void {
  const items = findings.map((finding) => {
    const where = finding.package ? mdCodeInline(`${finding.package.name} ${finding.package.version}`) : finding.path !== undefined ? mdCodeInline(finding.path) : '';
    return `- ${SEVERITY_ICONS[finding.severity]} ${finding.severity} ${where} ${mdText(clip(`${finding.advisory ? `${finding.advisory.id} ` : ''}${problemOf(finding)}`, 140), 400)}${finding.detail ? ` (${mdText(clip(finding.detail, 200), 500)})` : ''}`;
  });
  fold(out, `Accepted: ${plural(findings.length, 'finding')} the policy lets through`, items, 'accepted findings');
}

function packagesFold(out: Output, report: Report): void {
  const packages = report.changes?.packages;
  if (!packages) return;
  const rows = [
    ...packages.upgraded.map((change) => ['upgraded', change.ecosystem, change.name, change.from, change.to]),
    ...packages.downgraded.map((change) => ['downgraded', change.ecosystem, change.name, change.from, change.to]),
    ...packages.added.map((pkg) => ['added', pkg.ecosystem, pkg.name, '', pkg.version]),
    ...packages.removed.map((pkg) => ['removed', pkg.ecosystem, pkg.name, pkg.version, '']),
  ];
  if (rows.length === 0) return;
  const counts = [
    ['upgraded', packages.upgraded.length],
    ['downgraded', packages.downgraded.length],
    ['added', packages.added.length],
    ['removed', packages.removed.length],
  ].flatMap(([word, n]) => (n ? [`${count(n as number)} ${String(word)}`] : []));
  const items = rows.map(([change = '', ecosystem = '', name = '', from = '', to = '']) => `| ${change} | ${mdCode(name)} | ${ecosystem} | ${from ? mdCode(from) : ''} | ${to ? mdCode(to) : ''} |`);
  fold(out, `📦 Package changes: ${counts.join(', ')}`, items, 'package changes', ['| change | package | ecosystem | from | to |', '| --- | --- | --- | --- | --- |']);
}

function configsFold(out: Output, configs: readonly ConfigChange[]): void {
  if (configs.length === 0) return;
  const open = ['', '<details>', `<summary>📝 Config and system files: ${plural(configs.length, 'change')}, with their diffs (secrets redacted)</summary>`, ''];
  const close = ['</details>'];
  if (!out.fits([...open, ...close])) {
    out.left.push('the config diffs');
    return;
  }
  const room = out.room - cost([...open, ...close, '… and 99,999 more config changes (in the full report)', '']);
  const { taken } = take(configs.map((change) => configBlock(change).join('\n')), room);
  const lines = [...open, ...taken];
  if (taken.length < configs.length) {
    lines.push(`… and ${plural(configs.length - taken.length, 'more config change')} (in the full report)`, '');
    out.left.push(`${count(configs.length - taken.length)} config diffs`);
  }
  out.add([...lines, ...close]);
}

function configBlock(change: ConfigChange): string[] {
  const title = `${mdCodeInline(change.path)} ${mdText(describeChange(change))}`;
  if (!change.diff) return [`${title}${change.diffOmitted ? ` (no diff: ${mdText(change.diffOmitted)})` : ''}`, ''];
  const body = change.diff
    .split('\n')
    .map((line) => printable(line))
    .join('\n');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return [title, '', `${fence}diff`, body, fence, ''];
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

/** The external origins storefront code uses: what a reviewer checks a new one against. */
function originsFold(out: Output, origins: readonly OriginRecord[]): void {
  if (origins.length === 0) return;
  const rows = ['| origin | used as | named in |', '| --- | --- | --- |'];
  for (const record of origins) {
    const more = record.paths.length > 1 ? ` and ${count(record.paths.length - 1)} more` : '';
    rows.push(`| ${mdCode(record.origin)}${record.payment ? ' (with payment fields)' : ''} | ${record.uses.join(', ')} | ${record.paths[0] ? mdCode(record.paths[0]) : ''}${more} |`);
  }
  fold(out, `${plural(origins.length, 'external origin')} the storefront code uses`, rows.slice(2), 'origins', rows.slice(0, 2));
}

function notesFold(out: Output, notes: readonly string[]): void {
  fold(out, `${plural(notes.length, 'note')}: what the scan could not do fully`, notes.map((note) => `- ${mdText(note, 500)}`), 'notes');
}

/** Where everything is, and honestly what this text left out. */
function footer(report: Report, options: MarkdownOptions, left: readonly string[]): string[] {
  const out = ['', '---'];
  if (left.length > 0) out.push(`This text stops at its size bound and leaves out ${htmlText(left.slice(0, 4).join(', '))}.`);
  const links: string[] = [];
  if (options.reportUrl) links.push(`[the full report and summary](${encodeURI(options.reportUrl)}) (JSON report and Markdown, a workflow artifact)`);
  if (options.runUrl) links.push(`[the workflow run](${encodeURI(options.runUrl)})`);
  const where = links.length > 0 ? links.join(' · ') : 'the JSON report (the `report` input, or `--report`)';
  out.push(`${plural(report.findings.length, 'finding')} in all; everything is in ${where}. <sub>release-gate ${htmlText(report.tool.version)}</sub>`);
  return out;
}
