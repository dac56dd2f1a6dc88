// The action's entry point: decides whether to start Node again for throughput
// before the scanner's and the toolkit's modules run (they are imported lazily), so
// that a relaunching parent stays small.
import { relaunchForThroughput, worthRelaunching } from '../run/relaunch.js';
import { setAsideUnreadableEvent } from './event-file.js';

setAsideUnreadableEvent();

// The `package` input as @actions/core's getInput reads it (INPUT_<NAME>, trimmed),
// read here without loading the toolkit. Several packages, or a glob: each is scanned
// in turn; the first tells whether a relaunch pays.
const firstPackage = (process.env['INPUT_PACKAGE'] ?? '').split(/[\n,]/)[0]?.trim();
const relaunched = worthRelaunching(firstPackage) ? await relaunchForThroughput() : undefined;
if (relaunched !== undefined) process.exitCode = relaunched;
else {
  const { run } = await import('./main.js');
  await run();
}
