import type { Report } from '../model.js';
import { bytes, count, plural } from '../text/format.js';
import { mdCode, mdText } from '../text/markdown-escape.js';
import { findingFix, findingSubject } from './finding-text.js';
import { verdictLine } from './verdict-line.js';

const ICONS = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

/** The Markdown summary of a scan: verdict first, then what the package holds, then the findings. */
export function renderMarkdown(report: Report): string {
  const { target } = report;
  const out: string[] = [];
  out.push(`## ${ICONS[report.verdict]} release-gate: ${mdText(verdictLine(report))}`, '');
  out.push('| package | format | entries | size | sha256 |', '| --- | --- | --- | --- | --- |');
  out.push(`| ${mdCode(target.path)} | ${target.format} | ${count(target.files)} | ${bytes(target.bytes)} | ${mdCode(target.sha256.slice(0, 16))} |`);
  if (report.baseline) {
    const base = report.baseline;
    out.push(`| baseline ${mdCode(base.path)} | ${base.format} | ${count(base.files)} | ${bytes(base.bytes)} | ${mdCode(base.sha256.slice(0, 16))} |`);
  }
  out.push('');
  out.push(`**Packages:** ${report.packages.length === 0 ? 'none found' : plural(report.packages.length, 'package')}`, '');
  if (report.findings.length === 0) {
    out.push('**Findings:** none');
  } else {
    out.push(`**Findings:** ${plural(report.findings.length, 'finding')}`, '');
    out.push('| | severity | kind | about | finding | where |', '| --- | --- | --- | --- | --- | --- |');
    for (const finding of report.findings) {
      const fix = findingFix(finding);
      out.push(
        `| ${finding.blocking ? '🚫' : ''} | ${finding.severity} | ${finding.kind} | ${mdCode(findingSubject(finding))} | ${mdText(finding.title)}${fix ? ` (${mdText(fix)})` : ''} | ${finding.path ? mdCode(finding.path) : ''} |`,
      );
    }
  }
  if (report.notes.length > 0) {
    out.push('', `<details><summary>${plural(report.notes.length, 'note')}: what the scan could not do fully</summary>`, '');
    for (const note of report.notes) out.push(`- ${mdText(note, 500)}`);
    out.push('', '</details>');
  }
  out.push('');
  return out.join('\n');
}
