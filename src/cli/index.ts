import { relaunchForThroughput } from '../relaunch.js';
import { main } from './main.js';

const argv = process.argv.slice(2);
const relaunched = argv[0] === 'scan' ? await relaunchForThroughput() : undefined;
process.exitCode =
  relaunched ??
  (await main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }));
