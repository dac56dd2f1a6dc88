import { relaunchForThroughput } from '../relaunch.js';
import { run } from './main.js';

const relaunched = await relaunchForThroughput();
if (relaunched === undefined) await run();
else process.exitCode = relaunched;
