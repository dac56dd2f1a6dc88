import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'dist/cli.js');
export const ACTION = resolve(ROOT, 'dist/index.js');
/** The Node 24 of the npm package `node`, the runtime the action declares. */
export const NODE24 = resolve(ROOT, 'node_modules/node/bin/node');
/**
 * This machine's Node. npm and npx put node_modules/.bin first on PATH, where the node@24
 * package links its binary, so the test runner itself may run on Node 24: npm names the
 * Node that runs npm in npm_node_execpath.
 */
export const MACHINE_NODE = process.env['npm_node_execpath'] ?? process.execPath;

export function nodes(): { name: string; path: string }[] {
  if (!existsSync(NODE24)) throw new Error(`${NODE24} is missing: run npm ci (the devDependency node@24 provides it)`);
  const version = (node: string): string => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const [machine, declared] = [version(MACHINE_NODE), version(NODE24)];
  if (!declared.startsWith('v24.')) throw new Error(`${NODE24} is ${declared}, not Node 24`);
  return [
    { name: `this machine's node ${machine}`, path: MACHINE_NODE },
    { name: `node ${declared}`, path: NODE24 },
  ];
}

/** Run a command to completion with a minimal, explicit environment (as a runner would). */
export function run(command: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${command} ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** `node dist/cli.js …` as a user runs it. */
export function runCli(args: readonly string[], options: { node?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  return run(options.node ?? MACHINE_NODE, [CLI, ...args], options);
}
