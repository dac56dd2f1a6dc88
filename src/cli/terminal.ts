import type { Report } from '../model.js';
import { describeChange } from '../findings/describe-change.js';
import { fixesOf, problemOf, statusWords } from '../report/finding-text.js';
import { rowsOf } from '../report/rows.js';
import { verdictLine } from '../report/verdict-line.js';
import { bytes, count, plural } from '../report/format.js';
import { printable } from '../util/printable.js';

/** Packages and files listed, the gravest first: the rest are in the report. */
const LISTED_ROWS = 15;
const LISTED_CHANGES = 10;
const LISTED_NOTES = 5;

/** What `release-gate scan` prints: the package, what it holds and changes, the findings that matter, the verdict. */
export function renderTerminal(report: Report): string {
  const { target } = report;
  const lines = [
    `package   ${printable(target.path)} (${target.format}, ${plural(target.files, 'entry', 'entries')}, ${bytes(target.bytes)})`,
    `sha256    ${target.sha256}`,
  ];
  if (report.baseline) lines.push(`baseline  ${printable(report.baseline.path)} (${report.baseline.format}, ${plural(report.baseline.files, 'entry', 'entries')})`);
  lines.push(`packages  ${packageCounts(report)}`);
  const changes = report.changes;
  if (changes) {
    const { files, packages, configs } = changes;
    lines.push(
      `changes   files +${count(files.added)} -${count(files.removed)} ~${count(files.changed)}; packages ${count(packages.upgraded.length)} upgraded, ${count(packages.downgraded.length)} downgraded, ${count(packages.added.length)} added, ${count(packages.removed.length)} removed; ${plural(configs.length, 'config file')} changed`,
    );
    for (const config of configs.slice(0, LISTED_CHANGES)) lines.push(`  config  ${printable(config.path)} ${printable(describeChange(config))}`);
    if (configs.length > LISTED_CHANGES) lines.push(`  … and ${count(configs.length - LISTED_CHANGES)} more config changes in the report`);
    const fixed = changes.fixed ?? [];
    if (fixed.length > 0) {
      const named = fixed.slice(0, 5).map((finding) => (finding.advisory && finding.package ? `${finding.advisory.id} (${finding.package.name})` : `${finding.rule ?? finding.kind} (${finding.path ?? ''})`));
      lines.push(`fixed     ${plural(fixed.length, 'finding')} of the baseline gone: ${printable(named.join(', '))}${fixed.length > 5 ? ', …' : ''}`);
    }
  }
  lines.push(`findings  ${findingCounts(report)}`);
  if (report.target.root) lines.push(`          paths are inside the package's top folder ${printable(report.target.root)}/`);
  // one line per package or file, the gravest first, and what to do about it
  const rows = rowsOf(report.findings.filter((finding) => finding.status !== 'accepted'));
  for (const row of rows.slice(0, LISTED_ROWS)) {
    const where = row.package ? `${row.package.name} ${row.package.version}` : (row.path ?? '');
    const problems = row.findings.map((finding) => `${finding.advisory ? `${finding.advisory.id} ` : ''}${problemOf(finding)}`);
    const fix = row.package && row.upgradeTo !== undefined ? `upgrade to ${row.upgradeTo}${row.path !== undefined ? ` in ${row.path}` : ''}` : fixesOf(row).join('; ');
    lines.push(`  ${row.blocking ? 'BLOCK' : 'note '} ${row.severity.padEnd(8)} ${statusWords(row).padEnd(19)} ${printable(where)}: ${printable(problems.join('; '))}`);
    lines.push(`${' '.repeat(35)}fix: ${printable(fix)}`);
  }
  const accepted = report.findings.length - rows.reduce((n, row) => n + row.findings.length, 0);
  if (rows.length > LISTED_ROWS) lines.push(`  … and ${plural(rows.length - LISTED_ROWS, 'more place')} in the report (--report, --summary)`);
  if (accepted > 0) lines.push(`  ${plural(accepted, 'accepted finding')} not listed (--summary lists them)`);
  for (const warning of report.warnings) lines.push(`warning   ${printable(warning)}`);
  if (!report.baseline && report.findings.length > 0) lines.push('hint      no baseline: every finding counts as new; --baseline <the last release or its report> blocks only what this release brings');
  for (const note of report.notes.slice(0, LISTED_NOTES)) lines.push(`note      ${printable(note)}`);
  if (report.notes.length > LISTED_NOTES) lines.push(`note      … and ${count(report.notes.length - LISTED_NOTES)} more notes in the report`);
  lines.push(verdictLine(report));
  return `${lines.join('\n')}\n`;
}

function packageCounts(report: Report): string {
  if (report.packages.length === 0) return 'none found';
  const byEcosystem = new Map<string, number>();
  for (const pkg of report.packages) byEcosystem.set(pkg.ecosystem, (byEcosystem.get(pkg.ecosystem) ?? 0) + 1);
  const parts = [...byEcosystem].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ecosystem, n]) => `${ecosystem} ${count(n)}`);
  return `${count(report.packages.length)} (${parts.join(', ')})`;
}

function findingCounts(report: Report): string {
  if (report.findings.length === 0) return 'none';
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const fresh = report.findings.filter((finding) => finding.status === 'new').length;
  return `${count(report.findings.length)} (${count(blocking)} blocking, ${count(fresh)} new)`;
}
