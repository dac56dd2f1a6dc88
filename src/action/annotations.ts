import * as core from '@actions/core';
import type { Report } from '../model.js';
import { findingFix, findingSubject } from '../report/finding-text.js';
import { printable } from '../util/printable.js';

/** GitHub shows a limited number of annotations per step; the summary has the rest. */
const MAX_ANNOTATIONS = 50;

/** One error annotation per blocking finding (capped), on its file where there is one. */
export function annotate(report: Report, packageLabel: string): void {
  const blocking = report.findings.filter((finding) => finding.blocking);
  for (const finding of blocking.slice(0, MAX_ANNOTATIONS)) {
    const fix = findingFix(finding);
    const message = `${finding.title}${fix ? `; ${fix}` : ''}${finding.detail && !finding.advisory ? ` (${finding.detail})` : ''} [${packageLabel}]`;
    // names come from the package: no control character reaches the log, where an escape would act
    core.error(printable(message), {
      title: printable(`release-gate ${finding.severity} ${finding.kind}: ${findingSubject(finding)}`),
      ...(finding.path ? { file: printable(finding.path) } : {}),
      ...(finding.line ? { startLine: finding.line } : {}),
    });
  }
  if (blocking.length > MAX_ANNOTATIONS) core.error(`… and ${blocking.length - MAX_ANNOTATIONS} more blocking findings in the job summary and the report [${packageLabel}]`);
}
