import { readFileSync } from 'node:fs';

// @actions/github parses the event file when it is loaded and throws on one that is
// not a JSON object: the action would die with a stack trace before it scanned
// anything. The entry point sets such a file aside first and remembers why; the run
// goes on without the event, and approvals say in one line why they were not checked.
const UNREADABLE = 'RELEASE_GATE_UNREADABLE_EVENT';

/** Before @actions/github loads: an event file that is not a JSON object is set aside (a relaunched child inherits the verdict). */
export function setAsideUnreadableEvent(): void {
  const path = process.env['GITHUB_EVENT_PATH'];
  if (!path) return;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return; // a missing file is the toolkit's to report; it does not throw
  }
  let problem: string | undefined;
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) problem = 'is not a JSON object';
  } catch {
    problem = 'is not JSON';
  }
  if (problem === undefined) return;
  process.env[UNREADABLE] = `the event payload (GITHUB_EVENT_PATH) ${problem}`;
  delete process.env['GITHUB_EVENT_PATH'];
}

/** Why the event payload could not be read, when it could not. */
export function unreadableEvent(): string | undefined {
  return process.env[UNREADABLE];
}
