import * as core from '@actions/core';
import { resolve } from 'node:path';
import { describeFailure, refuseUnavailable } from '../errors.js';
import type { Report } from '../model.js';
import { renderMarkdown } from '../report/markdown.js';
import { writeJsonReport, writeOutput } from '../report/write-output.js';
import { verdictLine } from '../report/verdict-line.js';
import { resolvePolicy } from '../policy/resolve.js';
import { scan } from '../scan.js';
import { readInputs, type ActionInputs } from './inputs.js';

/** Exit status when the gate could not decide, as on the command line. */
const EXIT_ERROR = 2;

/**
 * The action: inputs once, the same scan as the command line, then the files and
 * outputs first (nothing is lost if a later network step fails), then the verdict.
 */
export async function run(): Promise<void> {
  let inputs: ActionInputs;
  let report: Report;
  try {
    inputs = readInputs((name) => core.getInput(name));
    refuseUnavailable((['sarif', 'sbom'] as const).filter((name) => inputs[name] !== undefined));
    const policy = await resolvePolicy(inputs.config, process.env['GITHUB_WORKSPACE'] ?? process.cwd(), {
      warnOnly: inputs.warnOnly,
      ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
      ...(inputs.severity ? { severity: inputs.severity } : {}),
      ...(inputs.onlyNew !== undefined ? { onlyNew: inputs.onlyNew } : {}),
    });
    report = await scan({
      target: inputs.package,
      ...(inputs.baseline !== undefined ? { baseline: inputs.baseline } : {}),
      advisories: inputs.advisories,
      offline: inputs.offline,
      allowSourceFailure: inputs.allowSourceFailure,
      ...policy,
    });
  } catch (error) {
    fail(error);
    return;
  }
  try {
    await publish(inputs, report);
  } catch (error) {
    fail(error);
    return;
  }
  const line = verdictLine(report);
  if (report.verdict === 'fail') core.setFailed(line);
  else core.info(line);
}

async function publish(inputs: ActionInputs, report: Report): Promise<void> {
  const reportPath = resolve(inputs.report);
  await writeJsonReport(reportPath, report);
  const markdown = renderMarkdown(report);
  if (inputs.summary) await writeOutput(resolve(inputs.summary), markdown, 'the summary');
  if (process.env['GITHUB_STEP_SUMMARY']) {
    await core.summary.addRaw(markdown, true).write();
  } else {
    core.warning('GITHUB_STEP_SUMMARY is not set, so no job summary was written (is this running outside GitHub Actions?)');
  }
  core.setOutput('verdict', report.verdict);
  core.setOutput('report', reportPath);
  core.setOutput('new-findings', report.findings.filter((finding) => finding.status === 'new').length);
  core.setOutput('blocking-findings', report.findings.filter((finding) => finding.blocking).length);
}


function fail(error: unknown): void {
  core.setOutput('verdict', 'error');
  core.setFailed(describeFailure(error));
  if (error instanceof Error && core.isDebug()) core.debug(error.stack ?? error.message);
  process.exitCode = EXIT_ERROR;
}
