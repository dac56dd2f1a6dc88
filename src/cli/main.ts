import { describeFailure } from '../errors.js';
import type { Report } from '../model.js';
import type { CheckCost } from '../pass/content-analyzer.js';
import { verdictLine } from '../report/verdict-line.js';
import { RequestRunner, checkWorkerBundle } from '../run/run-request.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { MAIN_HELP, SCAN_HELP, type CliCommand, type CliScanOptions } from './args.js';
import { renderTerminal } from './terminal.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;

/** The command line as a function: the parsed command (or why it could not be parsed) in, exit status out. */
export async function main(command: CliCommand | Error, debug: boolean, io: CliIo): Promise<number> {
  try {
    if (command instanceof Error) throw command;
    switch (command.command) {
      case 'help':
        io.stdout(command.topic === 'scan' ? SCAN_HELP : MAIN_HELP);
        return EXIT_PASS;
      case 'version':
        io.stdout(`${TOOL_NAME} ${TOOL_VERSION}\n`);
        return EXIT_PASS;
      case 'scan':
        return await runScan(command.options, io);
    }
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${describeFailure(error)}\n`);
    if (debug && error instanceof Error) io.stderr(`${error.stack ?? ''}\n${causeChain(error)}`);
    return EXIT_ERROR;
  }
}

async function runScan(options: CliScanOptions, io: CliIo): Promise<number> {
  const started = performance.now();
  const runner = await RequestRunner.open(options, process.cwd());
  const roots = { ...(options.root !== undefined ? { target: options.root } : {}), ...(options.baselineRoot !== undefined ? { baseline: options.baselineRoot } : {}) };
  // `npm run bench` asks what each content check cost: one line per check on stderr
  const onCheckCosts = process.env['RELEASE_GATE_CHECK_COSTS'] === '1' ? (costs: readonly CheckCost[]) => {
    for (const cost of costs) io.stderr(`check-cost ${cost.name} ${cost.thread} ${cost.milliseconds.toFixed(1)} ms ${(cost.bytes / 2 ** 20).toFixed(1)} MiB\n`);
  } : undefined;
  // secrets and malicious code on a thread of their own; RELEASE_GATE_CHECK_WORKER=0 keeps them on the main thread
  const checkWorker = process.env['RELEASE_GATE_CHECK_WORKER'] === '0' ? undefined : checkWorkerBundle();
  // the files come first: nothing is lost if the terminal goes away
  const report = await runner.run(options.target, options, { roots, ...(onCheckCosts ? { onCheckCosts } : {}), ...(checkWorker ? { checkWorker } : {}) });
  io.stdout(options.quiet ? `${verdictLine(report)}\n` : renderTerminal(report));
  if (options.debug) {
    const gc = process.execArgv.includes('--single-threaded-gc') ? ', relaunched with single-threaded GC' : '';
    io.stderr(`scan took ${((performance.now() - started) / 1000).toFixed(2)} s${gc}\n`);
  }
  return exitStatus(report);
}

export function exitStatus(report: Report): number {
  return report.verdict === 'fail' ? EXIT_FAIL : EXIT_PASS;
}

function causeChain(error: Error): string {
  let text = '';
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) text += `caused by: ${cause.stack ?? cause.message}\n`;
  return text;
}
