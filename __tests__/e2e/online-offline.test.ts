// The same advisory records served by an OSV-compatible API on 127.0.0.1 and read from
// a directory give the same findings, through the command line as a user runs it.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { OsvServer } from '../helpers/osv-server.js';
import { ROOT, runCli } from '../helpers/run.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
let server: OsvServer;

beforeAll(async () => {
  await distIsCurrent();
  work = await tempDir();
  const dir = join(ROOT, 'examples/advisories');
  const records = await Promise.all(
    (await readdir(dir)).filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as { id: string; modified: string }),
  );
  server = await new OsvServer(records).start();
});

afterAll(async () => {
  await server.stop();
});

async function findings(args: string[], name: string): Promise<Report> {
  const report = join(work, `${name}.json`);
  const result = await runCli(['scan', join(ROOT, 'examples/store-1.4.0.tar.gz'), '--baseline', join(ROOT, 'examples/store-1.3.0.tar.gz'), '--report', report, '-q', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
  return JSON.parse(await readFile(report, 'utf8')) as Report;
}

describe('online and offline', () => {
  it('report the same findings for the same records', async () => {
    const offline = await findings(['--offline', '--advisories', join(ROOT, 'examples/advisories')], 'offline');
    const online = await findings(['--advisories', `osv=${server.url}`], 'online');
    expect(online.findings).toEqual(offline.findings);
    expect(online.findings.filter((finding) => finding.kind === 'vulnerability').length).toBeGreaterThan(10);
    for (const finding of online.findings.filter((item) => item.kind === 'vulnerability')) {
      expect(finding.advisory?.id).toBeTruthy();
      expect(finding.path).toBeTruthy();
      expect(finding.advisory?.fixed.length).toBeGreaterThan(0);
    }
    // one querybatch for both releases' packages, the pages it had to follow, and each record once
    const posts = server.calls.filter((call) => call.method === 'POST').length;
    const gets = server.calls.filter((call) => call.method === 'GET').length;
    expect(online.sources).toEqual([{ source: `the OSV API at ${server.url}`, records: gets, httpCalls: posts + gets, skipped: 0 }]);
    console.log(`example store against the OSV API: ${posts} querybatch calls, ${gets} record fetches`);
  });
});
