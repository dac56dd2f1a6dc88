import { open, stat } from 'node:fs/promises';
import { ScanError } from '../errors.js';
import type { Inspection } from '../pass/inspection.js';
import type { ConfigText, FileRecord, Finding, OriginRecord, Package, TargetSummary } from '../model.js';
import { manifestDigest } from '../pass/manifest-digest.js';
import { parseReport } from './parse-report.js';

/** A JSON report read as a baseline is bounded: it is untrusted input too. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

/** The last deployment, whatever it was given as. */
export interface Baseline {
  summary: TargetSummary;
  files: FileRecord[];
  packages: Package[];
  /** Its findings (from its report, or from inspecting it now); vulnerabilities are added by the caller. */
  findings: Finding[];
  configs: ConfigText[];
  /** The external origins its storefront code used. */
  origins: OriginRecord[];
}

/**
 * A baseline is a previous package or deployed directory (inspected like the package),
 * or the JSON report of an earlier scan (the report is the manifest). Anything that
 * cannot be read is one ScanError line.
 */
export async function loadBaseline(spec: string, inspect: (target: string) => Promise<Inspection>): Promise<Baseline> {
  const stats = await stat(spec).catch(() => {
    throw new ScanError(`the baseline ${spec} does not exist; pass the previous package, the deployed directory, or the JSON report of its scan`);
  });
  if (stats.isFile() && (await looksLikeJson(spec))) {
    if (stats.size > MAX_REPORT_BYTES) throw new ScanError(`the baseline report ${spec} is larger than ${MAX_REPORT_BYTES} bytes; pass the previous package instead`);
    const handle = await open(spec, 'r');
    let text: string;
    try {
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
    const report = parseReport(text, `the baseline ${spec}`);
    return {
      summary: { ...report.target, path: spec, format: 'report' },
      files: report.files,
      packages: report.packages,
      findings: report.findings,
      configs: report.configs,
      origins: report.origins,
    };
  }
  let inspection: Inspection;
  try {
    inspection = await inspect(spec);
  } catch (error) {
    if (error instanceof ScanError) throw new ScanError(`the baseline: ${error.message}`, { cause: error });
    throw error;
  }
  return {
    summary: {
      path: spec,
      format: inspection.read.format,
      sha256: inspection.read.sha256 ?? manifestDigest(inspection.files),
      files: inspection.files.length,
      bytes: inspection.read.bytes,
    },
    files: inspection.files,
    packages: inspection.packages,
    findings: inspection.findings,
    configs: inspection.configs,
    origins: inspection.origins,
  };
}

async function looksLikeJson(path: string): Promise<boolean> {
  if (path.toLowerCase().endsWith('.json')) return true;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, 64, 0);
    return head.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('{');
  } finally {
    await handle.close();
  }
}
