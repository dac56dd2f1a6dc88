import type { Report } from '../model.js';
import { digestSuffix } from './approval-text.js';
import { plural } from './format.js';

/** The one line that says what the gate decided and why, and the digest a person would approve. */
export function verdictLine(report: Report): string {
  return `${decision(report)}${digestSuffix(report)}`;
}

function decision(report: Report): string {
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const total = report.findings.length;
  switch (report.verdict) {
    case 'fail':
      return `FAIL: ${plural(blocking, 'blocking finding')}${total > blocking ? ` (${plural(total, 'finding')} in all)` : ''}`;
    case 'warn':
      return blocking > 0
        ? `WARN: ${plural(blocking, 'blocking finding')}, reported without failing (warn-only)`
        : `WARN: ${plural(total, 'finding')}, none blocking`;
    case 'pass':
      return total > 0 ? `PASS: ${plural(total, 'finding')}, none blocking` : 'PASS: nothing found';
  }
}
