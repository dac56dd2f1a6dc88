import type { ApprovalChange, ApprovalCheck, Finding, Report } from '../model.js';
import { count, plural } from './format.js';
import { printable } from '../util/printable.js';
import { mdCode, mdText } from './markdown-escape.js';

/** Changes listed in the comment; the rest are counted (the JSON report has them all). */
const MAX_CHANGES = 20;

const HEADINGS: Record<ApprovalCheck['outcome'], string> = {
  approved: '✅ **Approved**',
  needed: '🔒 **Approval needed**',
  ignored: '⛔ **Approval does not count**',
  changed: '🔁 **A new approval is needed**',
  withdrawn: '↩️ **Approval withdrawn**',
  error: '❗ **Approval not checked**',
  'not-needed': '',
};

/** What the verdict line adds: the digest a person approves, when something blocks or was approved. */
export function digestSuffix(report: Pick<Report, 'digest' | 'approval' | 'findings'>): string {
  if (report.digest === undefined) return '';
  const gated = report.approval ? true : report.findings.some((finding) => finding.blocking);
  return gated ? ` · digest ${report.digest}` : '';
}

/**
 * The approval block of the summary and the comment, right under the verdict: who
 * approved which digest when and how; or why a label does not count; or what changed
 * since the approval and that a new one is needed. Pure: report in, Markdown lines out.
 */
export function renderApproval(report: Pick<Report, 'approvalCheck'>): string[] {
  const check = report.approvalCheck;
  if (!check || (check.outcome === 'not-needed' && !check.notes)) return [];
  const out: string[] = [];
  const heading = HEADINGS[check.outcome];
  out.push(`${heading ? `${heading}: ` : ''}${richText(check.reason)}`, '');
  for (const note of check.notes ?? []) out.push(richText(note), '');
  if (check.changes && check.changes.length > 0) {
    const by = (change: ApprovalChange['change']): number => check.changes?.filter((item) => item.change === change).length ?? 0;
    out.push(`**Changed since the approval:** ${count(by('new'))} new, ${count(by('gone'))} gone, ${plural(by('severity'), 'severity change')}`, '');
    for (const change of check.changes.slice(0, MAX_CHANGES)) out.push(changeLine(change));
    if (check.changes.length > MAX_CHANGES) out.push(`- … and ${count(check.changes.length - MAX_CHANGES)} more in the JSON report (\`approvalCheck.changes\`)`);
    out.push('');
  } else if (check.changesUnknown) {
    out.push('The approved findings were too many to keep in the comment, so what changed cannot be listed here: compare with the JSON report of the approving run.', '');
  }
  return out;
}

function changeLine(change: ApprovalChange): string {
  const about = change.title !== undefined ? `${change.kind ? `${change.kind}: ` : ''}${mdText(change.title)}${change.path !== undefined ? ` (${mdCode(change.path)})` : ''}` : `finding ${mdCode(change.id)}`;
  switch (change.change) {
    case 'new':
      return `- **new** · ${change.severity} · ${about}`;
    case 'gone':
      return `- **gone** · was ${change.severity} · ${about}`;
    case 'severity':
      return `- **severity** ${change.was ?? '?'} → ${change.severity} · ${about}`;
  }
}

/**
 * A sentence of an approval check as Markdown: what stands between backticks (logins,
 * digests, the label) as code, so no mention pings and nothing acts; the rest escaped.
 */
function richText(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? codeSpan(part) : mdText(part, 2000)))
    .join('');
}

/** A code span that cannot break out (no backtick, pipe or angle bracket); an @ inside it pings nobody. */
function codeSpan(text: string): string {
  const safe = printable(text).replace(/`/g, '\u02cb').replace(/\|/g, '\u2223').replace(/</g, '\uff1c').replace(/>/g, '\uff1e').slice(0, 300);
  return `\`${safe}\``;
}

/** SARIF: an approved result is suppressed by the approval, which names the approver (none for other findings). */
export function approvalSuppressions(finding: Finding, report: Pick<Report, 'approval'>): { suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[] } {
  if (finding.approvedBy === undefined) return {};
  const approval = report.approval;
  const how = approval ? `${approval.via === 'label' ? 'the pull request label' : 'approve-digest'}, digest ${approval.digest}, ${approval.at}` : 'a release approval';
  return { suppressions: [{ kind: 'external', status: 'accepted', justification: `approved by @${finding.approvedBy} (${how})` }] };
}
