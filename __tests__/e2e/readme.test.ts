// The README's first screen promises two commands on a fresh clone; keep them true.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/version.js';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { ROOT, run } from '../helpers/run.js';

let readme: string;

beforeAll(async () => {
  await distIsCurrent();
  readme = await readFile(join(ROOT, 'README.md'), 'utf8');
});

/** The commands of the code block after "On a fresh clone". */
function freshCloneCommands(): string[] {
  const block = /On a fresh clone[^]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

describe('README', () => {
  it('names the demo scan and the test command', () => {
    const commands = freshCloneCommands();
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^node dist\/cli\.js scan examples\//);
    expect(commands[1]).toBe('npm ci && npm test');
  });

  it('the demo command runs a real scan of the example release offline', async () => {
    const [demo = ''] = freshCloneCommands();
    const result = await run('sh', ['-c', demo], { env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' } });
    expect([0, 1]).toContain(result.code);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^package {3}examples\/store-1\.4\.0\.tar\.gz \(tar\.gz, [\d,]+ entries/m);
    expect(result.stdout).toMatch(/^(PASS|WARN|FAIL): /m);
  });

  it('states the version the code carries', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
