// The JSON report is also the baseline of a later scan: what is written must read
// back equal, and anything else must be refused with a line that says why.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import type { Report } from '../../src/model.js';
import { renderJson } from '../../src/report/json.js';
import { parseReport } from '../../src/baseline/parse-report.js';
import { scan } from '../../src/scan.js';
import { tempDir } from '../helpers/temp.js';

let report: Report;

beforeAll(async () => {
  const work = await tempDir();
  const shop = join(work, 'shop');
  await mkdir(join(shop, 'app/etc'), { recursive: true });
  await writeFile(join(shop, 'app/etc/config.php'), '<?php return [];\n');
  await writeFile(join(shop, 'index.php'), '<?php\n');
  await symlink('index.php', join(shop, 'current'));
  const archive = join(work, 'shop.tar.gz');
  execFileSync('tar', ['-czf', archive, '--owner=0', '--group=0', '--numeric-owner', '-C', work, 'shop']);
  report = await scan({ target: archive, advisories: ['none'] });
});

describe('the JSON report', () => {
  it('has the shape of the contract', () => {
    // the contract's keys first, in its order; later additions after them
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'target', 'baseline', 'files', 'packages', 'findings', 'verdict', 'sources', 'notes', 'configs', 'changes', 'origins', 'warnings', 'digest', 'approval']);
    expect(report.schemaVersion).toBe(1);
    expect(report.target).toMatchObject({ format: 'tar.gz', files: 6, bytes: 23 });
    expect(report.target.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.files.map((file) => file.path)).toEqual(['shop', 'shop/app', 'shop/app/etc', 'shop/app/etc/config.php', 'shop/current', 'shop/index.php']);
    expect(report.files.find((file) => file.path === 'shop/current')).toEqual({ path: 'shop/current', type: 'symlink', mode: '0777', uid: 0, gid: 0, link: 'index.php' });
  });

  it('reads back equal to what was written', () => {
    const text = renderJson(report);
    const { integrity, ...written } = JSON.parse(text) as Report & { integrity: string };
    expect(written).toEqual(report);
    expect(integrity).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parseReport(text, 'report.json')).toEqual(report);
  });

  it('reads back findings and packages with every field', () => {
    const full: Report = {
      ...report,
      packages: [{ ecosystem: 'npm', name: 'lodash', version: '4.17.15', purl: 'pkg:npm/lodash@4.17.15', locations: ['package-lock.json'], dev: false }],
      findings: [
        {
          id: 'abc',
          kind: 'vulnerability',
          severity: 'high',
          title: 'Prototype Pollution in lodash',
          path: 'package-lock.json',
          package: { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
          advisory: { id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'], fixed: ['4.17.19'], url: 'https://osv.dev/GHSA-p6mc-m468-83gw' },
          rule: 'osv',
          detail: 'd',
          line: 3,
          related: [{ path: 'node_modules/.package-lock.json' }, { path: 'b.js', line: 2 }],
          upgradeTo: '4.17.19',
          status: 'new',
          blocking: true,
        },
      ],
      verdict: 'fail',
      target: { ...report.target, root: 'shop' },
      warnings: ['the baseline shares only 2 of 1,549 paths with this package'],
    };
    expect(parseReport(renderJson(full), 'report.json')).toEqual(full);
  });
});

describe('a report that is not one', () => {
  const refused = (text: string): string => {
    try {
      parseReport(text, 'base.json');
    } catch (error) {
      expect(error).toBeInstanceOf(ScanError);
      return (error as ScanError).message;
    }
    throw new Error('accepted');
  };

  it('refuses another schema version instead of guessing', () => {
    expect(refused(JSON.stringify({ ...report, schemaVersion: 2 }))).toMatch(/base\.json is a report of schema version 2; this release-gate reads version 1/);
  });

  it('refuses a report edited after the scan wrote it, or one with no digest', () => {
    const text = renderJson(report);
    // one finding made to look accepted, one character changed
    const edited = text.replace('"format":"tar.gz"', '"format":"tar"');
    expect(edited).not.toBe(text);
    expect(refused(edited)).toMatch(/base\.json was edited after the scan wrote it \(its integrity digest does not match its content\)/);
    expect(refused(JSON.stringify(JSON.parse(text), null, 2))).toMatch(/base\.json has no integrity digest/);
    const bare = JSON.parse(text) as Partial<Report & { integrity: string }>;
    delete bare.integrity;
    expect(refused(JSON.stringify(bare))).toMatch(/has no integrity digest/);
  });

  it('refuses text that is not JSON', () => {
    expect(refused('{"schemaVersion": 1,')).toMatch(/base\.json is not JSON/);
  });

  it('names the field that is wrong', () => {
    // written with a digest that matches, as someone who knows the format could: the fields are still checked
    const bad = structuredClone(report);
    (bad.files[2] as { mode: string }).mode = 'rwxr-xr-x';
    expect(refused(renderJson(bad))).toMatch(/files\[2\]\.mode is "rwxr-xr-x"/);
  });

  it('refuses an unknown entry type', () => {
    const bad = structuredClone(report);
    (bad.files[0] as { type: string }).type = 'socket';
    expect(refused(renderJson(bad))).toMatch(/files\[0\]\.type is "socket", expected one of file, dir, symlink, hardlink, other/);
  });
});
