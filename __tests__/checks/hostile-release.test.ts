// A hostile release made in the test, scanned end to end (read, pass, checks): every
// planted threat comes out under its kind, once, at its path, and nothing else does.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model.js';
import { createHash } from 'node:crypto';
import { fingerprint } from '../../src/checks/secrets/secret-fingerprint.js';
import { identify } from '../../src/findings/draft.js';
import { scan } from '../../src/scan.js';
import { tempDir } from '../helpers/temp.js';
import { EXPECTED, hostileRelease } from './hostile-release.js';
import { plantSecrets, type Planted } from './planted.js';

const THREATS = new Set(['sensitive-file', 'secret', 'permission', 'unsafe-path']);

let report: Report;
let planted: Planted;

beforeAll(async () => {
  planted = plantSecrets();
  report = await scan({ target: await hostileRelease(await tempDir(), planted), advisories: ['none'] });
});

function key(finding: Pick<Finding, 'kind' | 'rule' | 'path'>): string {
  return `${finding.kind} ${finding.rule ?? ''} ${JSON.stringify(finding.path ?? '')}`;
}

describe('the hostile release', () => {
  it('brings every planted threat, once, under its kind and rule, at its path, and nothing else', () => {
    const found = report.findings.filter((finding) => THREATS.has(finding.kind)).map(key).sort();
    expect(found).toEqual(EXPECTED.map(key).sort());
  });

  it('gives every finding a distinct stable id, a title, status new and blocking', () => {
    const ids = report.findings.map((finding) => finding.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const finding of report.findings) {
      expect(finding).toMatchObject({ status: 'new', blocking: true });
      expect(finding.id).toMatch(/^[0-9a-f]{32}$/);
      expect(finding.title.length).toBeGreaterThan(10);
    }
  });

  it('ranks what it finds: live credentials and escapes critical, hygiene lower', () => {
    const severity = (kind: string, rule: string, path: string): string | undefined =>
      report.findings.find((finding) => finding.kind === kind && finding.rule === rule && finding.path === path)?.severity;
    expect(severity('secret', 'stripe-secret-key', 'storefront/.env')).toBe('critical');
    expect(severity('secret', 'stripe-secret-key', 'storefront/src/config.js')).toBe('low');
    expect(severity('sensitive-file', 'platform-secrets-file', 'shop/app/etc/env.php')).toBe('critical');
    expect(severity('sensitive-file', 'database-dump', 'shop/dump.sql')).toBe('critical');
    expect(severity('permission', 'setuid', 'shop/bin/tool')).toBe('critical');
    expect(severity('permission', 'world-writable', 'shop/app/code/Acme/Pay/Model/Gateway.php')).toBe('high');
    expect(severity('permission', 'world-writable', 'shop/var/cache')).toBe('medium');
    expect(severity('permission', 'special-file', 'shop/dev/sda')).toBe('critical');
    expect(severity('unsafe-path', 'hardlink-outside', 'shop/hl-out')).toBe('critical');
    expect(severity('unsafe-path', 'written-through-link-outside', 'shop/uploads/x.txt')).toBe('critical');
    expect(severity('unsafe-path', 'written-through-link', 'shop/alias/etc/extra.txt')).toBe('medium');
    expect(severity('sensitive-file', 'editor-leftover', 'shop/.DS_Store')).toBe('low');
  });

  it('reports a folder once, however many entries it holds', () => {
    const git = report.findings.filter((finding) => finding.rule === 'vcs-folder');
    expect(git).toHaveLength(1);
    expect(git[0]?.detail).toMatch(/6 entries/);
    const worldWritable = report.findings.find((finding) => finding.path === 'shop/var/cache');
    expect(worldWritable?.title).toMatch(/1 world-writable entries beneath it/);
  });

  it('reports one secret found in several places once, and says where else', () => {
    const crypt = report.findings.filter((finding) => finding.rule === 'magento-crypt-key');
    expect(crypt).toHaveLength(1);
    expect(crypt[0]?.related).toContainEqual({ path: 'shop/app/etc/env.php.bak', line: 3 });
    expect(crypt[0]?.detail).toMatch(/^found in \d+ places; rotate it/);
    const salts = report.findings.filter((finding) => finding.rule === 'wordpress-salts');
    expect(salts[0]?.related?.some((place) => place.path === 'shop/wp-config.php~' && (place.line ?? 0) > 0)).toBe(true);
  });

  it('names a secret by its rule and place only, and derives its id from the rule and a slow, salted fingerprint', async () => {
    const stripe = report.findings.find((finding) => finding.rule === 'stripe-secret-key' && finding.path === 'storefront/.env');
    // nothing of the value: not its head, not its length, not a fast hash of it
    expect(stripe?.title).toBe('Stripe secret key');
    expect(stripe?.line).toBeGreaterThan(0);
    expect(JSON.stringify(stripe)).not.toMatch(/fingerprint|characters/);
    const fast = createHash('sha256').update('release-gate secret\0').update(planted.stripeLive).digest('hex').slice(0, 16);
    const [old] = identify([{ kind: 'secret', severity: 'critical', title: '', rule: 'stripe-secret-key', identity: { subject: fast } }]);
    expect(stripe?.id).not.toBe(old?.id);
    const [expected] = identify([{ kind: 'secret', severity: 'critical', title: '', rule: 'stripe-secret-key', identity: { subject: await fingerprint(planted.stripeLive), aspect: 'stripe-secret-key:critical' } }]);
    expect(stripe?.id).toBe(expected?.id);
  });
});
