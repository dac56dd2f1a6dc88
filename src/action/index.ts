import * as core from '@actions/core';
import { relaunchForThroughput, worthRelaunching } from '../relaunch.js';
import { run } from './main.js';

const relaunched = worthRelaunching(core.getInput('package')) ? await relaunchForThroughput() : undefined;
if (relaunched === undefined) await run();
else process.exitCode = relaunched;
