import { printable } from './util/printable.js';

/**
 * A failure the user can act on: the scan could not be done (exit 2).
 * The message is one line that names the cause and the fix; faces print it
 * without a stack trace (unless --debug).
 */
export class ScanError extends Error {
  override readonly name = 'ScanError';
}

/**
 * The one line a face prints for any failure: ScanErrors as they are, anything else with
 * a hint. Messages quote entry names and paths from the package: every control character
 * is escaped, so a name cannot start a second line, forge a workflow command or colour a
 * terminal.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof ScanError) return printable(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${printable(oneLine(message))}; run again with --debug and report it with the output`;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
