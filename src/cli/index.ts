#!/usr/bin/env node
// The command's entry point: reads the command line once, then decides whether to start
// Node again for throughput before the scanner's modules run (they are imported lazily),
// so that a relaunching parent stays small.
import { relaunchForThroughput, worthRelaunching } from '../run/relaunch.js';
import { parseCommandLine, type CliCommand } from './args.js';

const argv = process.argv.slice(2);
let command: CliCommand | Error;
try {
  command = parseCommandLine(argv);
} catch (error) {
  command = error instanceof Error ? error : new Error(String(error)); // main reports it
}
const target = command instanceof Error || command.command !== 'scan' ? undefined : command.options.target;
const relaunched = worthRelaunching(target) ? await relaunchForThroughput() : undefined;
if (relaunched !== undefined) process.exitCode = relaunched;
else {
  const { main } = await import('./main.js');
  process.exitCode = await main(command, argv.includes('--debug'), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
