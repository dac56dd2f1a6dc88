#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  relaunchForThroughput,
  worthRelaunching
} from "./chunks/chunk-WEDCIEPT.js";
import {
  parseCommandLine
} from "./chunks/chunk-OZMKGMJ2.js";
import "./chunks/chunk-NO2GEIG2.js";
import "./chunks/chunk-SGZ3533Z.js";

// src/cli/index.ts
var argv = process.argv.slice(2);
var relaunched = worthRelaunching(scanTarget()) ? await relaunchForThroughput() : void 0;
if (relaunched !== void 0) process.exitCode = relaunched;
else {
  const { main } = await import("./chunks/main-FHDHYHJ4.js");
  process.exitCode = await main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text)
  });
}
function scanTarget() {
  try {
    const command = parseCommandLine(argv);
    return command.command === "scan" ? command.options.target : void 0;
  } catch {
    return void 0;
  }
}
//# sourceMappingURL=cli.js.map
