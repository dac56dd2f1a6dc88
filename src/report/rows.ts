import { FINDING_STATUSES, type Finding, type PackageRef, type Severity } from '../model.js';
import { severityRank } from '../util/order.js';

/**
 * One thing a reviewer acts on: a package version with its advisories, or a file with
 * everything wrong with it (`env.php`: it ships, it holds two secrets, it changed), or a
 * finding that has no place. Every renderer lists rows, not findings, in one order: the
 * gravest first, then new before existing before accepted, then blocking before not.
 */
export interface Row {
  /** The findings of the row, in report order (the gravest first). */
  findings: Finding[];
  severity: Severity;
  /** The best status any of its findings has: new, else existing, else accepted. */
  status: Finding['status'];
  blocking: boolean;
  /** Vulnerabilities: the package they are about. */
  package?: PackageRef;
  /** The place: the file the findings are about, or for a package the manifest to edit. */
  path?: string;
  /** Vulnerabilities: the smallest version that fixes all of them. */
  upgradeTo?: string;
}

function keyOf(finding: Finding): string {
  if (finding.kind === 'vulnerability' && finding.package) return `package\0${finding.package.ecosystem}\0${finding.package.name}\0${finding.package.version}`;
  if (finding.path !== undefined) return `path\0${finding.path}`;
  return `id\0${finding.id}`;
}

/** Findings as rows, in the order every surface shows them. */
export function rowsOf(findings: readonly Finding[]): Row[] {
  const rows = new Map<string, Row>();
  const first = new Map<Row, number>();
  findings.forEach((finding, index) => {
    const key = keyOf(finding);
    const row = rows.get(key);
    if (!row) {
      const made: Row = { findings: [finding], severity: finding.severity, status: finding.status, blocking: finding.blocking };
      first.set(made, index);
      if (finding.kind === 'vulnerability' && finding.package) made.package = finding.package;
      if (finding.path !== undefined) made.path = finding.path;
      if (finding.upgradeTo !== undefined) made.upgradeTo = finding.upgradeTo;
      rows.set(key, made);
      return;
    }
    row.findings.push(finding);
    if (severityRank(finding.severity) < severityRank(row.severity)) row.severity = finding.severity;
    if (FINDING_STATUSES.indexOf(finding.status) < FINDING_STATUSES.indexOf(row.status)) row.status = finding.status;
    row.blocking ||= finding.blocking;
  });
  return [...rows.values()].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      FINDING_STATUSES.indexOf(a.status) - FINDING_STATUSES.indexOf(b.status) ||
      Number(b.blocking) - Number(a.blocking) ||
      (first.get(a) ?? 0) - (first.get(b) ?? 0),
  );
}
