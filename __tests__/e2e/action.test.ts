// dist/index.js run as a runner runs it: INPUT_* variables, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY and an event file; on this machine's Node and on Node 24.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../src/baseline/parse-report.js';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { nodes } from '../helpers/run.js';
import { runAction } from '../helpers/runner.js';
import { packTree } from '../helpers/store-package.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
let pkg: string;

beforeAll(async () => {
  await distIsCurrent();
  work = await tempDir();
  pkg = await packTree(work, 'shop', { 'index.php': '<?php\n', 'pub/static/app.js': 'console.log(1)\n' });
});

describe.each(nodes())('the action on $name', ({ path: node }) => {
  it('scans the package, writes the report, the outputs and the job summary', async () => {
    const result = await runAction(work, { package: pkg, report: `report-${node.length}.json` }, { node });
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({
      verdict: 'pass',
      report: join(work, `report-${node.length}.json`),
      'new-findings': '0',
      'blocking-findings': '0',
      // nothing blocks: the digest of the empty set
      digest: 'e3b0c44298fc',
    });
    const report = parseReport(await readFile(result.outputs['report'] ?? '', 'utf8'), 'report');
    expect(report.files.map((file) => file.path)).toContain('pub/static/app.js');
    expect(result.summary).toMatch(/^## ✅ release-gate: PASS: nothing found$/m);
    expect(result.summary).toMatch(/shop\.tar\.gz` · paths are from its root · no baseline/);
    expect(result.stdout).toMatch(/PASS: nothing found/);
  });

  it('fails the step with one error line when the package is missing', async () => {
    const result = await runAction(work, { package: join(work, 'missing.tgz') }, { node });
    expect(result.code).toBe(2);
    expect(result.outputs['verdict']).toBe('error');
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([`::error::${join(work, 'missing.tgz')} does not exist; pass the path of a .tar, .tar.gz, .tgz or .zip package, or of a directory`]);
  });
});

describe('the relaunch with single-threaded GC (large packages)', () => {
  it('gives the same outputs, report and exit status as an in-process run', async () => {
    const [node] = nodes();
    const options = (env: Record<string, string>) => ({ node: node?.path ?? '', env });
    const relaunched = await runAction(work, { package: pkg, report: 'relaunched.json' }, options({ RELEASE_GATE_RELAUNCH_MIN_BYTES: '1' }));
    const inProcess = await runAction(work, { package: pkg, report: 'in-process.json' }, options({ RELEASE_GATE_NO_RELAUNCH: '1' }));
    expect(relaunched.stdout).toMatch(/^::debug::scan of .*shop\.tar\.gz took [\d.]+ s, relaunched with single-threaded GC$/m);
    expect(inProcess.stdout).toMatch(/^::debug::scan of .*shop\.tar\.gz took [\d.]+ s$/m);
    expect(relaunched.code).toBe(0);
    expect(inProcess.code).toBe(0);
    expect({ ...relaunched.outputs, report: '' }).toEqual({ ...inProcess.outputs, report: '' });
    expect(relaunched.summary).toEqual(inProcess.summary);
    const [a, b] = await Promise.all([readFile(join(work, 'relaunched.json'), 'utf8'), readFile(join(work, 'in-process.json'), 'utf8')]);
    expect(parseReport(a, 'report').files).toEqual(parseReport(b, 'report').files);
  });
});

describe('inputs', () => {
  it('reports every bad input in one line', async () => {
    const [node] = nodes();
    const result = await runAction(work, { package: pkg, severity: 'extreme', offline: 'yes', comment: 'sometimes' }, { node: node?.path ?? '' });
    expect(result.code).toBe(2);
    const error = result.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
    expect(error).toMatch(/input offline is 'yes', expected true or false/);
    expect(error).toMatch(/input comment is 'sometimes', expected one of on-findings, always, never/);
    expect(error).toMatch(/unknown severity 'extreme'/);
  });
});

describe('outputs and several packages', () => {
  it('writes SARIF, the SBOM and the summary file, and names them in the outputs', async () => {
    const [node] = nodes();
    const result = await runAction(work, { package: pkg, sarif: 'gate.sarif', sbom: 'gate.cdx.json', summary: 'gate.md', report: 'gate.json' }, { node: node?.path ?? '' });
    expect(result.code).toBe(0);
    expect(result.outputs['sarif']).toBe(join(work, 'gate.sarif'));
    expect(result.outputs['sbom']).toBe(join(work, 'gate.cdx.json'));
    expect(JSON.parse(await readFile(join(work, 'gate.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(JSON.parse(await readFile(join(work, 'gate.cdx.json'), 'utf8'))).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(await readFile(join(work, 'gate.md'), 'utf8')).toMatch(/^## ✅ release-gate: PASS/);
  });

  it('gates every package a glob finds, each with its own report and summary section', async () => {
    const [node] = nodes();
    await packTree(work, 'apps/api/release', { 'index.js': 'api\n' });
    await packTree(work, 'apps/web/release', { 'index.js': 'web\n' });
    const result = await runAction(work, { package: 'apps/*/release.tar.gz', report: 'gate.json' }, { node: node?.path ?? '' });
    expect(result.code).toBe(0);
    expect(result.outputs['report']?.split('\n')).toEqual([join(work, 'gate-apps-api-release.tar.gz.json'), join(work, 'gate-apps-web-release.tar.gz.json')]);
    expect(result.summary.match(/^## ✅ release-gate `apps\/(api|web)\/release\.tar\.gz`: PASS/gm)).toHaveLength(2);
  });

  it('says in one line when a glob finds nothing', async () => {
    const [node] = nodes();
    const result = await runAction(work, { package: 'nowhere/*.tgz' }, { node: node?.path ?? '' });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/::error::the package input 'nowhere\/\*\.tgz' matches nothing under .*; check the build step that makes the package/);
  });
});
