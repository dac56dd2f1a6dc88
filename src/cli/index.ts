#!/usr/bin/env node
// The command's entry point: decides whether to start Node again for throughput
// before the scanner's modules run (they are imported lazily), so that a relaunching
// parent stays small.
import { relaunchForThroughput, worthRelaunching } from '../run/relaunch.js';
import { parseCommandLine } from './args.js';

const argv = process.argv.slice(2);
const relaunched = worthRelaunching(scanTarget()) ? await relaunchForThroughput() : undefined;
if (relaunched !== undefined) process.exitCode = relaunched;
else {
  const { main } = await import('./main.js');
  process.exitCode = await main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

function scanTarget(): string | undefined {
  try {
    const command = parseCommandLine(argv);
    return command.command === 'scan' ? command.options.target : undefined;
  } catch {
    return undefined; // main reports the mistake
  }
}
