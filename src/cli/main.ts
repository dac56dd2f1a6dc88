import { describeFailure } from '../errors.js';
import type { Report } from '../model.js';
import { renderCycloneDx } from '../report/cyclonedx.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { writeJsonReport, writeOutput } from '../run/write-output.js';
import { verdictLine } from '../report/verdict-line.js';
import { resolvePolicy } from '../policy/resolve.js';
import { scan } from '../scan.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { MAIN_HELP, SCAN_HELP, parseCommandLine, type CliScanOptions } from './args.js';
import { renderTerminal } from './terminal.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;

/** The command line as a function: arguments in, exit status out. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const command = parseCommandLine(argv);
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
  const policy = await resolvePolicy(options.config, process.cwd(), {
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(options.severity ? { severity: options.severity } : {}),
    ...(options.onlyNew !== undefined ? { onlyNew: options.onlyNew } : {}),
    ...(options.includeDev ? { includeDev: true } : {}),
  });
  const started = performance.now();
  const report = await scan({
    target: options.target,
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    roots: { ...(options.root !== undefined ? { target: options.root } : {}), ...(options.baselineRoot !== undefined ? { baseline: options.baselineRoot } : {}) },
    advisories: options.advisories,
    offline: options.offline,
    allowSourceFailure: options.allowSourceFailure,
    ...policy,
  });
  // the files come first: nothing is lost if the terminal goes away
  if (options.report) await writeJsonReport(options.report, report);
  if (options.summary) await writeOutput(options.summary, renderMarkdown(report), 'the summary');
  if (options.sarif) await writeOutput(options.sarif, renderSarif(report), 'the SARIF file');
  if (options.sbom) await writeOutput(options.sbom, renderCycloneDx(report), 'the SBOM');
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
