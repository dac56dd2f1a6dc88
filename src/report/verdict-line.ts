import type { Report } from '../model.js';
import { plural } from './format.js';

/** The one line that says what the gate decided and why. */
export function verdictLine(report: Report): string {
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
