import type { Report } from '../model.js';
import { describeChange } from '../findings/describe-change.js';
import { findingFix, findingSubject } from '../report/finding-text.js';
import { verdictLine } from '../report/verdict-line.js';
import { bytes, count, plural } from '../report/format.js';
import { printable } from '../util/printable.js';

const LISTED_FINDINGS = 20;
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
  }
  lines.push(`findings  ${findingCounts(report)}`);
  const shown = [...report.findings].sort((a, b) => Number(b.blocking) - Number(a.blocking)).slice(0, LISTED_FINDINGS);
  for (const finding of shown) {
    const where = finding.path ? `  (${printable(finding.line ? `${finding.path}:${finding.line}` : finding.path)})` : '';
    const fix = findingFix(finding);
    const about = finding.package ? `${printable(findingSubject(finding))}: ` : '';
    lines.push(
      `  ${finding.blocking ? 'BLOCK' : 'note '} ${finding.status.padEnd(8)} ${finding.severity.padEnd(8)} ${finding.kind.padEnd(14)} ${about}${printable(finding.title)}${fix ? `; ${fix}` : ''}${where}`,
    );
  }
  if (report.findings.length > shown.length) {
    lines.push(`  … and ${count(report.findings.length - shown.length)} more in the report (--report, --summary)`);
  }
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
