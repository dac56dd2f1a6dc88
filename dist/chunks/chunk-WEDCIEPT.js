import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/relaunch.ts
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
var GC_FLAG = "--single-threaded-gc";
var OPT_OUT = "RELEASE_GATE_NO_RELAUNCH";
var WORTH_IT = Number(process.env["RELEASE_GATE_RELAUNCH_MIN_BYTES"] ?? 64 * 1024 * 1024);
function worthRelaunching(target) {
  if (target === void 0) return false;
  try {
    const stats = statSync(target);
    return stats.isFile() && stats.size >= WORTH_IT;
  } catch {
    return false;
  }
}
async function relaunchForThroughput() {
  if (process.execArgv.includes(GC_FLAG) || process.env[OPT_OUT] === "1") return void 0;
  const script = process.argv[1];
  if (script === void 0) return void 0;
  const child = spawn(process.execPath, [GC_FLAG, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, [OPT_OUT]: "1" }
  });
  const forward = (signal) => {
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    return await new Promise((resolve) => {
      child.once("error", () => {
        resolve(void 0);
      });
      child.once("exit", (code, signal) => {
        resolve(code ?? (signal ? 128 + signalNumber(signal) : 2));
      });
    });
  } finally {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  }
}
function signalNumber(signal) {
  return signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : signal === "SIGKILL" ? 9 : 1;
}

export {
  worthRelaunching,
  relaunchForThroughput
};
//# sourceMappingURL=chunk-WEDCIEPT.js.map
