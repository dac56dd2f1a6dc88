// One path form for the policy too: globs match paths relative to the package root
// (the README's style, `shop/pub/media/**`), and one written with the package's
// versioned top folder gets a warning that names the glob to write. A baseline of
// another package is said, not silently compared.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { parseConfig } from '../../src/policy/load-config.js';
import { scan } from '../../src/scan.js';
import { ROOT } from '../helpers/run.js';

const TARGET = join(ROOT, 'examples/store-1.4.0.tar.gz');
const BASELINE = join(ROOT, 'examples/store-1.3.0.tar.gz');

async function withPolicy(yaml: string): Promise<Report> {
  const policy = parseConfig(yaml, 'policy.yml');
  return scan({ target: TARGET, baseline: BASELINE, advisories: ['none'], ...(policy.accept ? { accept: policy.accept } : {}), ...(policy.ignore ? { ignore: policy.ignore } : {}) });
}

const script = (report: Report) => report.findings.find((finding) => finding.rule === 'script-in-upload-dir');

describe('policy globs', () => {
  let relative: Report;
  let versioned: Report;

  beforeAll(async () => {
    relative = await withPolicy("accept:\n  - path: 'shop/pub/media/**'\n    kind: permission\n    reason: reviewed\n    expires: 2099-01-01\n");
    versioned = await withPolicy("accept:\n  - path: 'store-1.4.0/shop/pub/media/**'\n    kind: permission\n    reason: reviewed\n    expires: 2099-01-01\nignore: ['store-1.4.0/storefront/**']\n");
  });

  it('match paths relative to the package root', () => {
    expect(script(relative)).toMatchObject({ path: 'shop/pub/media/wysiwyg/.cache.php', status: 'accepted', blocking: false });
    expect(relative.warnings).toEqual([]);
  });

  it('written with the top folder, match nothing and say what to write instead', () => {
    expect(script(versioned)).toMatchObject({ status: 'new', blocking: true });
    expect(versioned.findings.some((finding) => finding.path?.startsWith('storefront/'))).toBe(true);
    expect(versioned.warnings).toEqual([
      "the policy's ignore[0] 'store-1.4.0/storefront/**' matches only with the package's top folder (store-1.4.0/), which paths leave out and the next release renames; write 'storefront/**'",
      "the policy's accept[0].path 'store-1.4.0/shop/pub/media/**' matches only with the package's top folder (store-1.4.0/), which paths leave out and the next release renames; write 'shop/pub/media/**'",
    ]);
  });
});

describe('monitor globs', () => {
  it('match paths relative to the package root too', async () => {
    const report = await scan({ target: TARGET, baseline: BASELINE, advisories: ['none'], monitor: { add: ['storefront/package-lock.json'] } });
    expect(report.changes?.configs.map((change) => change.path)).toContain('storefront/package-lock.json');
    expect(report.findings.some((finding) => finding.kind === 'config-change' && finding.path === 'storefront/package-lock.json')).toBe(true);
  });
});

describe('a baseline of another package', () => {
  it('is said: it shares almost no path with the package', async () => {
    const report = await scan({ target: TARGET, baseline: join(ROOT, '__tests__/fixtures/checks/clean-store-2.3.0.tar.gz'), advisories: ['none'] });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/^the baseline .*clean-store-2\.3\.0\.tar\.gz shares only [\d,]+ of [\d,]+ paths with this package \([\d,]+ added, [\d,]+ removed\): it looks like another package; give the last release of this package as the baseline/);
  });

  it('is not said for the previous release of the same package', async () => {
    const report = await scan({ target: TARGET, baseline: BASELINE, advisories: ['none'] });
    expect(report.warnings).toEqual([]);
  });
});
