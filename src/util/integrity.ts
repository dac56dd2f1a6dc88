// The JSON report's last field: the SHA-256 of the text before its line. The writer
// (report/json.ts) adds it; the baseline reader (baseline/parse-report.ts) checks it.

/** The integrity line at the end of a report, and the `}` that closes it. */
export const INTEGRITY_LINE = /\n {2}"integrity": "sha256:([0-9a-f]{64})"\n\}\n$/;

/** The closing lines of a report whose text so far has this SHA-256. */
export function integrityLine(sha256: string): string {
  return `  "integrity": "sha256:${sha256}"\n}\n`;
}
