import * as core from '@actions/core';
import { relaunchForThroughput, worthRelaunching } from '../relaunch.js';
import { run } from './main.js';

// several packages, or a glob: each is scanned in turn; the first tells whether a relaunch pays
const relaunched = worthRelaunching(core.getInput('package').split(/[\n,]/)[0]?.trim()) ? await relaunchForThroughput() : undefined;
if (relaunched === undefined) await run();
else process.exitCode = relaunched;
