import { spawn } from 'node:child_process';
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
/** The Node that runs the tests: this machine's (npm sets npm_node_execpath when it runs a script). */
export const MACHINE_NODE = process.execPath;

export function nodes(): { name: string; path: string }[] {
  if (!existsSync(NODE24)) throw new Error(`${NODE24} is missing: run npm ci (the devDependency node@24 provides it)`);
  return [
    { name: `machine node ${process.version}`, path: MACHINE_NODE },
    { name: 'node 24', path: NODE24 },
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
