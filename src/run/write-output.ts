import { open } from 'node:fs/promises';
import { ScanError, oneLine } from '../errors.js';
import type { Report } from '../model.js';
import { jsonReportPieces } from '../report/json.js';

/** Write an output file (the faces' report, summary, SARIF…); a failure is one ScanError line. */
export async function writeOutput(path: string, content: string | Iterable<string>, what: string): Promise<void> {
  try {
    const handle = await open(path, 'w');
    try {
      if (typeof content === 'string') await handle.write(content);
      else for (const piece of content) await handle.write(piece);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const message = error instanceof Error ? oneLine(error.message) : String(error);
    throw new ScanError(`cannot write ${what} to ${path} (${message}); choose a path in a folder that exists and can be written`, { cause: error });
  }
}

/** The JSON report, written piece by piece: a large package's report is never one string in memory. */
export function writeJsonReport(path: string, report: Report): Promise<void> {
  return writeOutput(path, jsonReportPieces(report), 'the JSON report');
}
