import * as core from '@actions/core';
import type { Finding, Report } from '../model.js';
import { KIND_WORDS, fixOf, placeOf } from '../report/finding-text.js';
import { severityRank } from '../util/order.js';
import { printable } from '../util/printable.js';

/** GitHub shows at most 10 error annotations per step: the 10 gravest blocking findings, all packages together. */
export const MAX_ANNOTATIONS = 10;

/**
 * The gravest blocking findings as error annotations, at most 10 over all packages (the
 * rest are in the summary), each on its file and line where it has them; no secret
 * value, only the rule and the place.
 */
export function annotate(gated: readonly { report: Report; label: string }[]): void {
  const blocking = gated.flatMap(({ report, label }) => report.findings.filter((finding) => finding.blocking).map((finding, order) => ({ finding, label, order })));
  // each report is gravest first already; across packages, by severity, then in each one's order
  blocking.sort((a, b) => severityRank(a.finding.severity) - severityRank(b.finding.severity) || a.order - b.order);
  for (const { finding, label } of blocking.slice(0, MAX_ANNOTATIONS)) {
    // names come from the package: no control character reaches the log, where an escape would act
    core.error(printable(messageOf(finding, gated.length > 1 ? label : undefined)), {
      title: `release-gate: ${finding.severity} ${KIND_WORDS[finding.kind]}`,
      ...(finding.path !== undefined ? { file: printable(finding.path) } : {}),
      ...(finding.line !== undefined ? { startLine: finding.line } : {}),
    });
  }
}

function messageOf(finding: Finding, label: string | undefined): string {
  const about = finding.package ? `${finding.package.name} ${finding.package.version}: ${finding.advisory?.id ?? ''} ${finding.title}` : finding.title;
  const where = finding.path !== undefined && !finding.package ? ` at ${placeOf(finding)}` : finding.path !== undefined ? ` (${finding.path})` : '';
  const fix = finding.kind === 'vulnerability' && finding.upgradeTo !== undefined ? `upgrade to ${finding.upgradeTo}` : fixOf(finding);
  return `${about}${where}; ${fix}${label ? ` [${label}]` : ''}`.replace(/\r?\n/g, ' ');
}
