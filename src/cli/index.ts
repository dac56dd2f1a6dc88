import { relaunchForThroughput, worthRelaunching } from '../relaunch.js';
import { parseCommandLine } from './args.js';
import { main } from './main.js';

const argv = process.argv.slice(2);
const relaunched = worthRelaunching(scanTarget()) ? await relaunchForThroughput() : undefined;
process.exitCode =
  relaunched ??
  (await main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }));

function scanTarget(): string | undefined {
  try {
    const command = parseCommandLine(argv);
    return command.command === 'scan' ? command.options.target : undefined;
  } catch {
    return undefined; // main reports the mistake
  }
}
