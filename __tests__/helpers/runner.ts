import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ACTION, run, type RunResult } from './run.js';

export interface ActionRun extends RunResult {
  outputs: Record<string, string>;
  summary: string;
}

/** Parse $GITHUB_OUTPUT as the runner does: `name<<delimiter`, value lines, delimiter. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name ?? ''] = value.join('\n');
  }
  return outputs;
}

/**
 * The defaults action.yml declares, as a runner reads them: a file that is not valid
 * YAML fails here as it would fail every workflow that uses the action. Defaults that
 * are expressions (`${{ github.token }}`) are the runner's to fill in, not ours.
 */
export async function actionDefaults(): Promise<Record<string, string>> {
  const document = parseDocument(await readFile('action.yml', 'utf8'));
  if (document.errors.length > 0) throw new Error(`action.yml is not valid YAML: ${document.errors[0]?.message ?? ''}`);
  const inputs = (document.toJS() as { inputs: Record<string, { default?: unknown }> }).inputs;
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(inputs)) {
    const value = typeof input.default === 'string' || typeof input.default === 'boolean' || typeof input.default === 'number' ? String(input.default) : '';
    if (!value.includes('${{')) defaults[name] = value;
  }
  return defaults;
}

/**
 * Run dist/index.js as a runner runs it: a child process with INPUT_* variables, the
 * file commands, an event file and nothing else from this environment.
 */
export async function runAction(
  workdir: string,
  inputs: Record<string, string>,
  options: { node: string; event?: unknown; eventText?: string; eventName?: string; env?: Record<string, string> },
): Promise<ActionRun> {
  const outputFile = join(workdir, 'github_output');
  const summaryFile = join(workdir, 'step_summary');
  const eventFile = join(workdir, 'event.json');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  // eventText: a payload as given, even one that is not JSON
  await writeFile(eventFile, options.eventText ?? JSON.stringify(options.event ?? {}));
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_REPOSITORY: 'shop/storefront',
    GITHUB_WORKSPACE: workdir,
    RUNNER_TEMP: workdir,
    NO_PROXY: '127.0.0.1,localhost',
    ...options.env,
  };
  // a runner sets every declared input, given or defaulted, as INPUT_<NAME>
  for (const [name, value] of Object.entries({ ...(await actionDefaults()), ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const result = await run(options.node, [ACTION], { env, cwd: workdir });
  return {
    ...result,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  };
}
