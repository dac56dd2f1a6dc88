// A clean release made from a real `npm ci` of a real storefront (see
// __tests__/fixtures/checks/make-clean-release.sh): first-party code, views, assets,
// placeholder config and 204 real packages. The threat checks must find nothing in it:
// a gate that cries wolf on a clean release is a gate people learn to ignore.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { ROOT } from '../helpers/run.js';

const THREATS = new Set(['sensitive-file', 'secret', 'permission', 'unsafe-path', 'malicious-code', 'tampered-package']);
const CLEAN = resolve(ROOT, '__tests__/fixtures/checks/clean-store-2.3.0.tar.gz');

describe('a clean release from a real npm ci', () => {
  it('brings no threat finding', async () => {
    const report = await scan({ target: CLEAN, advisories: ['none'] });
    // the fixture is what it says: a real dependency tree, links and all
    expect(report.files.length).toBeGreaterThan(5000);
    expect(report.files.filter((file) => file.path.includes('/node_modules/') && file.path.endsWith('/package.json')).length).toBeGreaterThan(180);
    expect(report.files.some((file) => file.type === 'symlink')).toBe(true);
    expect(report.findings.filter((finding) => THREATS.has(finding.kind))).toEqual([]);
  });

  it('brings no threat finding in the clean example release either', async () => {
    const report = await scan({ target: resolve(ROOT, 'examples/store-1.3.0.tar.gz'), advisories: ['none'] });
    expect(report.findings.filter((finding) => THREATS.has(finding.kind))).toEqual([]);
  });

  it('while the example release that ships secrets is caught', async () => {
    const report = await scan({ target: resolve(ROOT, 'examples/store-1.4.0.tar.gz'), advisories: ['none'] });
    // paths relative to the package root: its top folder is named once, in the target
    expect(report.target.root).toBe('store-1.4.0');
    const found = report.findings.map((finding) => `${finding.kind} ${finding.rule ?? ''} ${finding.path ?? ''}`).sort();
    expect(found).toEqual(
      [
        'permission script-in-upload-dir shop/pub/media/wysiwyg/.cache.php',
        'permission world-writable shop/var/cache',
        'malicious-code config-auto-prepend shop/pub/.htaccess',
        'malicious-code php-request-to-code-sink shop/pub/media/wysiwyg/.cache.php',
        'secret database-password shop/app/etc/env.php',
        'secret env-credential storefront/.env.production',
        'secret magento-crypt-key shop/app/etc/env.php',
        'secret url-password storefront/.env.production',
        'sensitive-file env-file storefront/.env.production',
        'sensitive-file platform-secrets-file shop/app/etc/env.php',
      ].sort(),
    );
  });
});
