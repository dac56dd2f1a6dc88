// Microsoft's SARIF multitool (npm @microsoft/sarif-multitool, a self-contained .NET
// program that runs offline) with its GitHub rule set: the checks GitHub code scanning
// applies to an upload, run before GitHub does.
import { chmod, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ROOT, run } from './run.js';
import { tempDir } from './temp.js';

const BINARY: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'sarif-multitool-linux/Sarif.Multitool',
  darwin: 'sarif-multitool-darwin/Sarif.Multitool',
  win32: 'sarif-multitool-win32/Sarif.Multitool.exe',
};

/** The multitool of this platform, made executable (its install script may not have run), or undefined when npm did not install one. */
export async function multitool(): Promise<string | undefined> {
  const name = BINARY[process.platform];
  if (!name) return undefined;
  const path = resolve(ROOT, 'node_modules/@microsoft', name);
  const found = await stat(path).catch(() => undefined);
  if (!found) return undefined;
  if (process.platform !== 'win32' && !(found.mode & 0o100)) await chmod(path, found.mode | 0o100);
  return path;
}

export interface Diagnostic {
  rule: string;
  level: string;
  message: string;
}

/** What the multitool says about a SARIF file under a rule kind (`Gh`: GitHub's; `Sarif`: the specification's), at every level. */
export async function validate(tool: string, sarif: string, ruleKind: 'Gh' | 'Sarif'): Promise<Diagnostic[]> {
  const out = join(await tempDir(), 'validation.sarif');
  const home = await tempDir();
  const result = await run(tool, ['validate', sarif, '--rule-kind', ruleKind, '--level', 'Error;Warning;Note', '--output', out, '--log', 'ForceOverwrite'], {
    env: { HOME: home, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`the SARIF multitool failed (${String(result.code)}): ${result.stdout}${result.stderr}`);
  const log = JSON.parse(await readFile(out, 'utf8')) as { runs: { results?: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }[] }[] };
  return (log.runs[0]?.results ?? []).map((item) => ({ rule: item.ruleId, level: item.level ?? 'warning', message: item.message.text ?? [item.message.id, ...(item.message.arguments ?? [])].join(' ') }));
}
