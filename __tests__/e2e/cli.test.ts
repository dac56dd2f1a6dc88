// `node dist/cli.js` as a user runs it, on this machine's Node and on Node 24.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../src/baseline/parse-report.js';
import { TOOL_VERSION } from '../../src/version.js';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { nodes, runCli } from '../helpers/run.js';
import { packTree } from '../helpers/store-package.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
let pkg: string;

beforeAll(async () => {
  await distIsCurrent();
  work = await tempDir();
  pkg = await packTree(work, 'shop', { 'index.php': '<?php\n', 'app/etc/config.php': '<?php return [];\n' });
});

describe.each(nodes())('release-gate on $name', ({ path: node }) => {
  it('scans a package, writes the report and the summary, and passes', async () => {
    const report = join(work, `report-${node.length}.json`);
    const summary = join(work, `summary-${node.length}.md`);
    const result = await runCli(['scan', pkg, '--report', report, '--summary', summary], { node });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^package {3}.*shop\.tar\.gz \(tar\.gz, 4 entries, 23 bytes\)$/m);
    expect(result.stdout).toMatch(/^PASS: nothing found$/m);
    const written = parseReport(await readFile(report, 'utf8'), report);
    expect(written.files.map((file) => file.path)).toEqual(['app', 'app/etc', 'app/etc/config.php', 'index.php']);
    expect(await readFile(summary, 'utf8')).toMatch(/release-gate: PASS: nothing found/);
  });

  it('prints only the verdict with --quiet', async () => {
    const result = await runCli(['scan', pkg, '--quiet'], { node });
    expect(result.stdout).toBe('PASS: nothing found\n');
  });

  it('prints help and version and exits 0', async () => {
    expect((await runCli(['--version'], { node })).stdout).toBe(`release-gate ${TOOL_VERSION}\n`);
    const help = await runCli(['--help'], { node });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/release-gate scan <package> \[options\]/);
    const scanHelp = await runCli(['scan', '--help'], { node });
    expect(scanHelp.code).toBe(0);
    expect(scanHelp.stdout).toMatch(/--baseline <package\|dir\|report\.json>/);
  });
});

describe('a mistake on the command line', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown option', ['scan', 'x.tar.gz', '--frobnicate'], /^release-gate: unknown option --frobnicate; see release-gate scan --help$/],
    ['an unknown command', ['check', 'x'], /^release-gate: unknown command 'check'; run 'release-gate scan <package>'/],
    ['no package', ['scan'], /^release-gate: scan needs a package/],
    ['two packages', ['scan', 'a.tgz', 'b.tgz'], /^release-gate: scan takes one package, got 2/],
    ['an unknown severity', ['scan', 'a.tgz', '--severity', 'extreme'], /^release-gate: unknown severity 'extreme'; use one of: critical, high, medium, low$/],
    ['an unknown kind', ['scan', 'a.tgz', '--fail-on', 'secret,virus'], /^release-gate: unknown finding kind 'virus' in fail-on/],
    ['an option without its value', ['scan', 'a.tgz', '--report'], /^release-gate: --report needs a value; see release-gate scan --help$/],
    ['--only-new with --all', ['scan', 'a.tgz', '--only-new', '--all'], /contradict each other/],
    ['a missing package', ['scan', 'no-such.tar.gz'], /^release-gate: no-such\.tar\.gz does not exist; pass the path of/],
  ];
  it.each(cases)('%s: exit 2 and one line on stderr', async (_name, args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
  });

  it('shows the stack with --debug', async () => {
    const result = await runCli(['scan', 'no-such.tar.gz', '--debug']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ScanError: no-such\.tar\.gz does not exist[\s\S]*\n\s+at /);
  });

  it('cannot write the report: exit 2, one line', async () => {
    const result = await runCli(['scan', pkg, '--report', join(work, 'no/such/folder/r.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(/^release-gate: cannot write the JSON report to .*r\.json \(ENOENT.*\); choose a path in a folder that exists and can be written$/);
  });
});

describe('the relaunch with single-threaded GC (large packages)', () => {
  it('gives the same output and exit status as an in-process scan', async () => {
    const env = { RELEASE_GATE_RELAUNCH_MIN_BYTES: '1' };
    const relaunched = await runCli(['scan', pkg], { env });
    const inProcess = await runCli(['scan', pkg], { env: { RELEASE_GATE_NO_RELAUNCH: '1' } });
    expect(relaunched).toEqual(inProcess);
    expect(relaunched.code).toBe(0);
    expect((await runCli(['scan', pkg, '--debug', '-q'], { env })).stderr).toMatch(/^scan took [\d.]+ s, relaunched with single-threaded GC$/m);
    expect((await runCli(['scan', pkg, '--debug', '-q'])).stderr).toMatch(/^scan took [\d.]+ s$/m);
    const junk = join(work, 'junk.tar.gz');
    await writeFile(junk, 'not a package at all');
    const failing = await runCli(['scan', junk, '--debug'], { env });
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(/^release-gate: .*junk\.tar\.gz is not a \.tar, \.tar\.gz, \.tgz or \.zip package/);
  });
});
