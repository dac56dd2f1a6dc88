import { parseArgs } from 'node:util';
import { ScanError } from '../errors.js';
import { FINDING_KINDS } from '../model.js';
import { THRESHOLDS, parseKinds, parseSeverity } from '../policy/values.js';
import type { OutputPaths, ScanRequest } from '../run/scan-request.js';

export interface CliScanOptions extends ScanRequest, OutputPaths {
  target: string;
  root?: string;
  baselineRoot?: string;
  quiet: boolean;
  debug: boolean;
}

export type CliCommand =
  | { command: 'help'; topic: 'main' | 'scan' }
  | { command: 'version' }
  | { command: 'scan'; options: CliScanOptions };

const SCAN_OPTIONS = {
  baseline: { type: 'string' },
  root: { type: 'string' },
  'baseline-root': { type: 'string' },
  advisories: { type: 'string', multiple: true },
  offline: { type: 'boolean' },
  'allow-source-failure': { type: 'boolean' },
  config: { type: 'string' },
  'fail-on': { type: 'string' },
  severity: { type: 'string' },
  'only-new': { type: 'boolean' },
  all: { type: 'boolean' },
  'include-dev': { type: 'boolean' },
  report: { type: 'string' },
  sarif: { type: 'string' },
  sbom: { type: 'string' },
  summary: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parse the command line; every mistake is a ScanError that says what to type instead. */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: 'help', topic: 'main' };
  if (first === '--version' || first === '-V') return { command: 'version' };
  if (first !== 'scan') {
    throw new ScanError(`unknown command '${first}'; run 'release-gate scan <package>' (see release-gate --help)`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: SCAN_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ScanError(`${argumentProblem(error)}; see release-gate scan --help`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', topic: 'scan' };
  if (positionals.length === 0) throw new ScanError('scan needs a package: release-gate scan <file.tar.gz|file.zip|directory>');
  if (positionals.length > 1) {
    throw new ScanError(`scan takes one package, got ${positionals.length} (${positionals.join(', ')}); run one scan per package`);
  }
  if (values['only-new'] && values.all) throw new ScanError('--only-new and --all contradict each other; pass one of them');

  const options: CliScanOptions = {
    target: positionals[0] as string,
    advisories: values.advisories ?? [],
    offline: values.offline ?? false,
    allowSourceFailure: values['allow-source-failure'] ?? false,
    quiet: values.quiet ?? false,
    debug: values.debug ?? false,
  };
  const failOn = values['fail-on'];
  if (failOn !== undefined) options.failOn = parseKinds(failOn);
  const severity = values.severity;
  if (severity !== undefined) options.severity = parseSeverity(severity);
  if (values['only-new']) options.onlyNew = true;
  if (values.all) options.onlyNew = false;
  if (values['include-dev']) options.includeDev = true;
  for (const key of ['baseline', 'config', 'report', 'sarif', 'sbom', 'summary'] as const) {
    const value = values[key];
    if (value === '') throw new ScanError(`--${key} needs a path`);
    if (value !== undefined) options[key] = value;
  }
  if (values.root !== undefined) {
    if (options.baseline === undefined) throw new ScanError('--root needs --baseline');
    options.root = values.root;
  }
  if (values['baseline-root'] !== undefined) {
    if (options.baseline === undefined) throw new ScanError('--baseline-root needs --baseline');
    options.baselineRoot = values['baseline-root'];
  }
  return { command: 'scan', options };
}

function argumentProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1] ?? 'an option'} needs a value`;
  return message.split('\n')[0] ?? message;
}

export const MAIN_HELP = `release-gate: what a release package brings that production does not have yet, and whether any of it is a threat.

Usage:
  release-gate scan <package> [options]   scan a .tar, .tar.gz, .tgz or .zip package, or a directory
  release-gate --help                     this text (release-gate scan --help for the options)
  release-gate --version                  the version

Exit status: 0 the gate passes (or only warns), 1 it fails on blocking findings, 2 the scan could not be done.
`;

export const SCAN_HELP = `Usage: release-gate scan <package> [options]

<package> is a .tar, .tar.gz, .tgz or .zip file, or a directory (a deployed tree).

Options:
  --baseline <package|dir|report.json>  the last deployment: only what is new against it blocks
  --root <dir>, --baseline-root <dir>   the top folder to strip from each side before comparing
                                        paths (default: a single common top folder, shop-2.4.7/)
  --advisories <source>                 osv (default), osv=<base-url>, a directory of OSV records,
                                        an OSV all.zip, one JSON file, or none; repeatable
  --offline                             never touch the network
  --allow-source-failure                when an advisory source cannot answer, go on with a
                                        warning instead of failing (exit 2)
  --config <file>                       policy file (default .github/release-gate.yml when it exists)
  --fail-on <kinds>                     comma list of finding kinds that block (default: all):
                                        ${FINDING_KINDS.join(', ')}
  --severity <level>                    lowest severity that blocks: ${THRESHOLDS.join(', ')} (default low)
  --only-new | --all                    block only new findings (default with a baseline), or all
  --include-dev                         let vulnerabilities of development dependencies that the
                                        package does not install block too (default: reported only)
  --report <file>                       write the JSON report (also the next scan's baseline)
  --sarif <file>                        write SARIF 2.1.0
  --sbom <file>                         write a CycloneDX 1.6 JSON SBOM
  --summary <file>                      write the Markdown summary
  -q, --quiet                           print only the verdict line
  --debug                               print stack traces and timings on failure
  -h, --help                            this text
`;
