import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';

// V8's concurrent GC threads compete with zlib's inflate thread for the two cores of
// a hosted runner; a scan of a large .tar.gz measured 8-10% faster with them off
// (`npm run bench`). A small young generation (2 MiB semi-spaces, 16 by default) lets
// the inflated chunks waiting in the stream die young instead of piling up in the old
// generation until a full GC: peak memory 20-35% lower at the same speed (storefront
// 182 → 140 MiB, magento 155 → 119 MiB, 300,000 entries 210 → 178 MiB). Both can only
// be set when V8 starts, so the faces start Node once more with them. Used by the
// faces only, never by the core.
const GC_FLAG = '--single-threaded-gc';
const GC_FLAGS = [GC_FLAG, '--max-semi-space-size=2'];
const OPT_OUT = 'RELEASE_GATE_NO_RELAUNCH';
/** Below this a second Node start costs more than it saves (the tests lower it to cover the relaunch). */
const WORTH_IT = Number(process.env['RELEASE_GATE_RELAUNCH_MIN_BYTES'] ?? 64 * 1024 * 1024);

/** A package file big enough for the relaunch to pay (a directory or a missing path is not). */
export function worthRelaunching(target: string | undefined): boolean {
  if (target === undefined) return false;
  try {
    const stats = statSync(target);
    return stats.isFile() && stats.size >= WORTH_IT;
  } catch {
    return false;
  }
}

/**
 * Run this script again in a child Node with the GC flags above and wait for it;
 * returns its exit status, or undefined when this process should do the work itself
 * (already relaunched, opted out, or the child could not start).
 */
export async function relaunchForThroughput(): Promise<number | undefined> {
  if (process.execArgv.includes(GC_FLAG) || process.env[OPT_OUT] === '1') return undefined;
  const script = process.argv[1];
  if (script === undefined) return undefined;
  const child = spawn(process.execPath, [...GC_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [OPT_OUT]: '1' },
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    return await new Promise<number | undefined>((resolve) => {
      child.once('error', () => {
        resolve(undefined);
      });
      child.once('exit', (code, signal) => {
        resolve(code ?? (signal ? 128 + signalNumber(signal) : 2));
      });
    });
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : signal === 'SIGKILL' ? 9 : 1;
}
