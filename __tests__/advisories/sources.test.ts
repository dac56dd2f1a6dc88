// Offline OSV databases in every form the contract names, and the usage errors of --advisories.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import { openSources } from '../../src/advisories/sources/open-sources.js';
import { OsvOfflineSource } from '../../src/advisories/sources/osv-offline.js';
import { tempDir } from '../helpers/temp.js';

const lodash = {
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2021-23337'],
  summary: 'Command Injection in lodash',
  affected: [
    { package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] },
    { package: { ecosystem: 'npm', name: 'lodash-es' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] },
  ],
};
const django = {
  id: 'PYSEC-2023-1',
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'PyPI', name: 'Django' }, versions: ['4.2.0'] }],
};

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

describe('an offline OSV database', () => {
  it('reads a directory of records at any depth, indexed by package (PEP 503 names alike)', async () => {
    const dir = join(work, 'db');
    await mkdir(join(dir, 'npm'), { recursive: true });
    await mkdir(join(dir, 'PyPI'));
    await writeFile(join(dir, 'npm', `${lodash.id}.json`), JSON.stringify(lodash));
    await writeFile(join(dir, 'PyPI', `${django.id}.json`), JSON.stringify(django));
    const source = await OsvOfflineSource.open(dir);
    const [a, b, c, d] = await source.lookup([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
      { ecosystem: 'npm', name: 'lodash-es', version: '1' },
      { ecosystem: 'PyPI', name: 'django', version: '4.2.0' },
      { ecosystem: 'npm', name: 'left-pad', version: '1' },
    ]);
    expect(a?.map((r) => r.id)).toEqual([lodash.id]);
    expect(b?.map((r) => r.id)).toEqual([lodash.id]);
    expect(c?.map((r) => r.id)).toEqual([django.id]);
    expect(d).toEqual([]);
    expect(source.stats()).toEqual({ source: `OSV records at ${dir}`, records: 2, httpCalls: 0, skipped: [] });
  });

  it('reads an all.zip as the OSV bucket serves it (made with zip)', async () => {
    const dir = join(work, 'zipsrc');
    await mkdir(dir);
    await writeFile(join(dir, `${lodash.id}.json`), JSON.stringify(lodash));
    await writeFile(join(dir, `${django.id}.json`), JSON.stringify(django));
    execFileSync('zip', ['-q', join(work, 'all.zip'), `${lodash.id}.json`, `${django.id}.json`], { cwd: dir });
    const source = await OsvOfflineSource.open(join(work, 'all.zip'));
    expect(source.stats().records).toBe(2);
    const [found] = await source.lookup([{ ecosystem: 'npm', name: 'lodash', version: '1' }]);
    expect(found?.[0]?.summary).toBe('Command Injection in lodash');
  });

  it('reads one JSON file with a record or an array, skipping and reporting the records it cannot read', async () => {
    const file = join(work, 'mixed.json');
    await writeFile(file, JSON.stringify([lodash, { id: 'BROKEN-1', affected: [{ ranges: 'x' }] }, 'nonsense', django]));
    const source = await OsvOfflineSource.open(file);
    expect(source.stats().records).toBe(2);
    expect(source.stats().skipped).toEqual([
      { where: `${file}[1]`, reason: 'BROKEN-1: affected[0].ranges is not a list' },
      { where: `${file}[2]`, reason: 'the record is not an object' },
    ]);
  });

  it('refuses a database with no readable record, and one that is not there', async () => {
    const file = join(work, 'empty.json');
    await writeFile(file, '[]');
    await expect(OsvOfflineSource.open(file)).rejects.toThrow(/holds no readable OSV record/);
    await expect(OsvOfflineSource.open(join(work, 'nope'))).rejects.toThrow(/does not exist; pass a directory of OSV records/);
  });
});

describe('--advisories', () => {
  it('defaults to the OSV API', async () => {
    const sources = await openSources({ specs: [], offline: false });
    expect(sources.map((source) => source.description)).toEqual(['the OSV API at https://api.osv.dev']);
  });

  it('takes several sources, and none', async () => {
    const file = join(work, 'one.json');
    await writeFile(file, JSON.stringify(lodash));
    const sources = await openSources({ specs: ['osv=http://127.0.0.1:9/', file], offline: false });
    expect(sources.map((source) => source.description)).toEqual(['the OSV API at http://127.0.0.1:9', `OSV records at ${file}`]);
    expect(await openSources({ specs: ['none'], offline: true })).toEqual([]);
  });

  it('is a usage error for a network source with --offline, a bad URL, a missing database', async () => {
    await expect(openSources({ specs: [], offline: true })).rejects.toThrow(ScanError);
    await expect(openSources({ specs: ['osv'], offline: true })).rejects.toThrow(/--offline forbids the network, and --advisories osv needs it/);
    await expect(openSources({ specs: ['osv=ftp://x'], offline: false })).rejects.toThrow(/'ftp:\/\/x' is not an http\(s\) URL/);
    await expect(openSources({ specs: [join(work, 'missing')], offline: true })).rejects.toThrow(ScanError);
    await expect(openSources({ specs: ['none', 'osv'], offline: false })).rejects.toThrow(/cannot be combined/);
  });
});
