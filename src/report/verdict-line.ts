import type { Report } from '../model.js';
import { digestSuffix } from './approval-text.js';
import { count, plural } from './format.js';

/** The one line that says what the gate decided and why, and the digest a person would approve. */
export function verdictLine(report: Report): string {
  return `${decision(report)}${digestSuffix(report)}`;
}

function decision(report: Report): string {
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const total = report.findings.length;
  const fresh = report.findings.filter((finding) => finding.status === 'new').length;
  switch (report.verdict) {
    case 'fail':
      return `FAIL: ${plural(blocking, 'blocking finding')}${total > blocking ? ` (${plural(total, 'finding')} in all)` : ''}`;
    case 'warn':
      return blocking > 0
        ? `WARN: ${plural(blocking, 'blocking finding')}, reported without failing (warn-only)`
        : `WARN: ${plural(fresh, 'new finding')}, none blocking${total > fresh ? ` (${plural(total, 'finding')} in all)` : ''}`;
    case 'pass':
      return total > 0 ? `PASS: nothing new blocks (${restOf(report)})` : 'PASS: nothing found';
  }
}

/** What a passing release still has: findings the baseline has too, accepted ones. */
function restOf(report: Report): string {
  const existing = report.findings.filter((finding) => finding.status === 'existing').length;
  const accepted = report.findings.filter((finding) => finding.status === 'accepted').length;
  const fresh = report.findings.length - existing - accepted;
  const parts = [
    ...(existing > 0 ? [`${count(existing)} already in the baseline`] : []),
    ...(accepted > 0 ? [`${count(accepted)} accepted`] : []),
    ...(fresh > 0 ? [`${count(fresh)} new`] : []),
  ];
  return `${plural(report.findings.length, 'finding')}: ${parts.join(', ')}`;
}
