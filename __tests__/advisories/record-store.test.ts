// OSV records kept between runs: what was saved reads back; a damaged or poisoned file
// costs requests, never a wrong answer or a crash.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { osvRecordOf } from '../../src/advisories/osv.js';
import { loadRecordStore, saveRecordStore } from '../../src/advisories/sources/record-store.js';
import { tempDir } from '../helpers/temp.js';

const record = (id: string) =>
  osvRecordOf({ id, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }] });

describe('the OSV record store', () => {
  it('reads back what was saved', async () => {
    const file = join(await tempDir(), 'records.json');
    const store = new Map([
      ['GHSA-a', record('GHSA-a')],
      ['GHSA-b', record('GHSA-b')],
    ]);
    await saveRecordStore(file, store);
    expect(await loadRecordStore(file)).toEqual(store);
  });

  it('drops entries that are not records, and ignores a file that is not a store', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'mixed.json'), JSON.stringify([record('GHSA-ok'), { id: 'GHSA-bad', affected: 'x' }, 42]));
    expect([...(await loadRecordStore(join(dir, 'mixed.json'))).keys()]).toEqual(['GHSA-ok']);
    await writeFile(join(dir, 'junk.json'), '{ not json');
    expect((await loadRecordStore(join(dir, 'junk.json'))).size).toBe(0);
    expect((await loadRecordStore(join(dir, 'missing.json'))).size).toBe(0);
  });
});
