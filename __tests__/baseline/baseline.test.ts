// Two releases of a Magento-like store, packed with real GNU tar: what the newer one
// changes against the older, given as a package, a directory or the older report.
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { writeJsonReport } from '../../src/run/write-output.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { scan } from '../../src/scan.js';
import { GUZZLE_AND_TWIG_ADVISORIES, composerLock } from '../helpers/composer-store.js';
import { tempDir } from '../helpers/temp.js';

// built at run time, so no credential-looking literal sits in the source
const DB_PASSWORD = ['Zq8', 'rT2', 'vL9', 'xW4', 'kP1'].join('');

const OLD: Record<string, string> = {
  'composer.lock': composerLock({ 'guzzlehttp/guzzle': '7.4.4', 'monolog/monolog': '2.9.1' }),
  'pub/.htaccess': 'Options -Indexes\nRewriteEngine on\n',
  'pub/media/.htaccess': 'php_flag engine 0\n',
  'pub/static/app.js': 'console.log(1)\n',
  'app/etc/config.php': "<?php return ['modules' => ['Magento_Store' => 1]];\n",
  'app/etc/di.xml': '<config/>\n',
  'var/cache/.keep': '',
  'bin/magento': '#!/usr/bin/env php\n',
  'index.php': '<?php\n',
  'nginx.conf.sample': 'location / { try_files $uri /index.php; }\n',
};

const NEW: Record<string, string | null> = {
  ...OLD,
  'pub/.htaccess': 'Options -Indexes\nRewriteEngine on\nphp_value auto_prepend_file /tmp/x.php\n',
  'pub/media/.htaccess': null, // removed: media can execute PHP again
  'pub/static/app.js': 'console.log(2)\n',
  'app/etc/config.php': "<?php return ['modules' => ['Magento_Store' => 1, 'Evil_Module' => 1]];\n",
  'app/etc/database.php': `<?php return ['password' => '${DB_PASSWORD}'];\n`,
  'etc/cron.d/shop': '* * * * * www-data php /var/www/bin/magento cron:run\n',
  // guzzle kept (still vulnerable), monolog upgraded, a vulnerable twig added
  'composer.lock': composerLock({ 'guzzlehttp/guzzle': '7.4.4', 'monolog/monolog': '2.10.0', 'twig/twig': 'v3.4.1' }),
};

let work: string;

async function writeTree(root: string, files: Record<string, string | null>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** Pack `<top>/…` with GNU tar, as a release build does. */
function pack(parent: string, top: string, archive: string): string {
  execFileSync('tar', ['-czf', archive, '--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-C', parent, top]);
  return archive;
}

let oldPackage: string;
let newPackage: string;
let oldReport: string;
let againstPackage: Report;
let againstReport: Report;
let advisories: string;

beforeAll(async () => {
  work = await tempDir();
  await writeTree(join(work, 'old/shop-2.4.6'), OLD);
  await writeTree(join(work, 'new/shop-2.4.7'), NEW);
  await chmod(join(work, 'old/shop-2.4.6/bin/magento'), 0o755);
  await chmod(join(work, 'new/shop-2.4.7/bin/magento'), 0o777); // loosened, but not a monitored file: counted only
  await chmod(join(work, 'new/shop-2.4.7/app/etc/di.xml'), 0o666);
  // a world-writable cache folder both releases ship: production already has it
  await chmod(join(work, 'old/shop-2.4.6/var/cache'), 0o777);
  await chmod(join(work, 'new/shop-2.4.7/var/cache'), 0o777);
  oldPackage = pack(join(work, 'old'), 'shop-2.4.6', join(work, 'shop-2.4.6.tar.gz'));
  newPackage = pack(join(work, 'new'), 'shop-2.4.7', join(work, 'shop-2.4.7.tar.gz'));
  advisories = join(work, 'advisories.json');
  await writeFile(advisories, JSON.stringify(GUZZLE_AND_TWIG_ADVISORIES));
  oldReport = join(work, 'shop-2.4.6.report.json');
  await writeJsonReport(oldReport, await scan({ target: oldPackage, advisories: [advisories] }));
  againstPackage = await scan({ target: newPackage, baseline: oldPackage, advisories: [advisories] });
  againstReport = await scan({ target: newPackage, baseline: oldReport, advisories: [advisories] });
});

const configSummary = (report: Report) => report.changes?.configs.map((change) => `${change.path}: ${change.changes.join('+')}`);

describe('against the previous package', () => {
  it('strips the versioned top folders, so only what changed is changed', () => {
    expect(againstPackage.changes?.roots).toEqual({ target: 'shop-2.4.7', baseline: 'shop-2.4.6' });
    expect(againstPackage.changes?.files).toEqual({ added: 4, removed: 2, changed: 6, unchanged: 10 });
  });

  it('lists every monitored file added, removed or changed, with what changed', () => {
    expect(configSummary(againstPackage)).toEqual([
      'app/etc/config.php: content',
      'app/etc/database.php: added',
      'app/etc/di.xml: mode',
      'etc/cron.d/shop: added',
      'pub/.htaccess: content',
      'pub/media/.htaccess: removed',
    ]);
  });

  it('makes each of them a config-change finding; a static asset is counted, not a finding', () => {
    const titles = againstPackage.findings.filter((finding) => finding.kind === 'config-change').map((finding) => `${finding.severity} ${finding.title}`);
    // the gravest first, then by path
    expect(titles).toEqual([
      'high app/etc/di.xml mode 0644 → 0666',
      'high etc/cron.d/shop added',
      'high pub/.htaccess changed',
      'high pub/media/.htaccess removed',
      'medium app/etc/config.php changed',
      'medium app/etc/database.php added',
    ]);
    expect(againstPackage.findings.some((finding) => finding.path?.includes('static'))).toBe(false);
  });

  it('shows the diff of a changed config, and the changed line with its secret redacted', () => {
    const htaccess = againstPackage.changes?.configs.find((change) => change.path === 'pub/.htaccess');
    expect(htaccess?.diff).toContain('+php_value auto_prepend_file /tmp/x.php');
    const database = againstPackage.changes?.configs.find((change) => change.path === 'app/etc/database.php');
    // nothing of the value: not its head, not its length
    expect(database?.diff).toMatch(/^\+<\?php return \['password' => '\[redacted\]'\];$/m);
    const everything = JSON.stringify(againstPackage) + renderMarkdown(againstPackage);
    expect(everything).not.toContain(DB_PASSWORD);
  });

  it('compares the packages by the ecosystem order', () => {
    expect(againstPackage.changes?.packages).toEqual({
      added: [{ ecosystem: 'Packagist', name: 'twig/twig', version: 'v3.4.1' }],
      removed: [],
      upgraded: [{ ecosystem: 'Packagist', name: 'monolog/monolog', from: '2.9.1', to: '2.10.0' }],
      downgraded: [],
    });
  });

  it('blocks only what is new: the vulnerable component added, not the one kept', () => {
    const vulnerabilities = againstPackage.findings.filter((finding) => finding.kind === 'vulnerability');
    // new before existing at the same severity
    expect(vulnerabilities.map((finding) => [finding.package?.name, finding.status, finding.blocking])).toEqual([
      ['twig/twig', 'new', true],
      ['guzzlehttp/guzzle', 'existing', false],
    ]);
    expect(againstPackage.verdict).toBe('fail');
    expect(againstPackage.findings.filter((finding) => finding.status === 'new').every((finding) => finding.blocking)).toBe(true);
  });
});

describe('the checks against the previous package', () => {
  it('knows a threat the baseline already had under its old top folder, and blocks only the new one', () => {
    const permissions = againstPackage.findings.filter((finding) => finding.kind === 'permission');
    // one path form: relative to the package root, the versioned top folder named once, in the target
    expect(permissions.map((finding) => [finding.path, finding.status, finding.blocking])).toEqual([
      ['app/etc/di.xml', 'new', true],
      ['bin/magento', 'new', true],
      ['var/cache', 'existing', false],
    ]);
    expect(againstPackage.target.root).toBe('shop-2.4.7');
    expect(againstPackage.baseline?.root).toBe('shop-2.4.6');
    expect(againstPackage.findings.every((finding) => !finding.path?.startsWith('shop-2.4'))).toBe(true);
  });
});

describe('against the previous report', () => {
  it('gives the same classification as against the package', () => {
    const strip = (report: Report) => ({ changes: report.changes, findings: report.findings, verdict: report.verdict });
    expect(strip(againstReport)).toEqual(strip(againstPackage));
    expect(againstReport.baseline).toMatchObject({ path: oldReport, format: 'report' });
  });
});

describe('against the deployed directory', () => {
  it('compares the tarball with the tree without its top folder', async () => {
    const deployed = join(work, 'deployed');
    await cp(join(work, 'old/shop-2.4.6'), deployed, { recursive: true });
    await rm(join(deployed, 'var'), { recursive: true });
    await mkdir(join(deployed, 'var/cache'), { recursive: true });
    await writeFile(join(deployed, 'var/cache/.keep'), '');
    const report = await scan({ target: newPackage, baseline: deployed, advisories: [advisories] });
    expect(report.changes?.roots).toEqual({ target: 'shop-2.4.7', baseline: '' });
    expect(configSummary(report)).toContain('pub/.htaccess: content');
    expect(report.changes?.files.added).toBeLessThan(10);
  });
});

describe('the summary', () => {
  it('shows the config diffs and the counts', () => {
    const markdown = renderMarkdown(againstPackage);
    expect(markdown).toMatch(/compared with `[^`]*shop-2\.4\.6\.tar\.gz`: 4 files added, 2 removed, 6 changed/);
    expect(markdown).toMatch(/\| upgraded \| `monolog\/monolog` \| Packagist \| `2\.9\.1` \| `2\.10\.0` \|/);
    expect(markdown).toMatch(/<summary>📝 Config and system files: 6 changes, with their diffs \(secrets redacted\)<\/summary>/);
    expect(markdown).toMatch(/^`pub\/\.htaccess` changed\n\n```diff\n--- a\/pub\/\.htaccess\n\+\+\+ b\/pub\/\.htaccess/m);
    // the baseline's findings this release still has are rows too, said as such
    expect(markdown).toMatch(/\| 🟠 \*\*high\*\*<br>in the baseline \| `guzzlehttp\/guzzle` `7\.4\.4` \(Packagist\)/);
  });
});

describe('the report as baseline', () => {
  it('round-trips: a report of a report-baselined scan is itself a baseline', async () => {
    const second = join(work, 'shop-2.4.7.report.json');
    await writeJsonReport(second, againstReport);
    const again = await scan({ target: newPackage, baseline: second, advisories: [advisories] });
    expect(again.changes?.configs).toEqual([]);
    expect(again.changes?.files).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(again.findings.every((finding) => finding.status === 'existing' && !finding.blocking)).toBe(true);
    // nothing new: a release does not stay at WARN for what production already runs
    expect(again.verdict).toBe('pass');
  });
});
