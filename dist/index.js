import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  relaunchForThroughput,
  worthRelaunching
} from "./chunks/chunk-WEDCIEPT.js";
import "./chunks/chunk-SGZ3533Z.js";

// src/action/index.ts
var firstPackage = (process.env["INPUT_PACKAGE"] ?? "").split(/[\n,]/)[0]?.trim();
var relaunched = worthRelaunching(firstPackage) ? await relaunchForThroughput() : void 0;
if (relaunched !== void 0) process.exitCode = relaunched;
else {
  const { run } = await import("./chunks/main-5HL4PK4V.js");
  await run();
}
//# sourceMappingURL=index.js.map
