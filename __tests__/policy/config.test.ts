// The policy file: what it may say, and the one line a mistake gets.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import type { Finding } from '../../src/model.js';
import { applyAcceptances, explainExpired } from '../../src/policy/acceptance.js';
import { parseConfig } from '../../src/policy/load-config.js';
import { resolvePolicy } from '../../src/policy/resolve.js';
import { tempDir } from '../helpers/temp.js';

const refused = (text: string): string => {
  try {
    parseConfig(text, 'policy.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScanError);
    expect((error as Error).message.split('\n')).toHaveLength(1);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('a policy file', () => {
  it('reads every key', () => {
    expect(
      parseConfig(
        'fail-on: vulnerability, secret\nseverity: high\nonly-new: false\ninclude-dev: true\nmonitor:\n  add: ["deploy/**"]\n  remove: ["**/next.config.*"]\nignore: ["tests/**"]\naccept:\n  - advisory: CVE-2024-1\n    reason: not reachable\n    expires: 2027-01-31\n',
        'policy.yml',
      ),
    ).toEqual({
      failOn: ['vulnerability', 'secret'],
      severity: 'high',
      onlyNew: false,
      includeDev: true,
      monitor: { add: ['deploy/**'], remove: ['**/next.config.*'] },
      ignore: ['tests/**'],
      accept: [{ advisory: 'CVE-2024-1', reason: 'not reachable', expires: '2027-01-31' }],
    });
  });

  it('an empty file is an empty policy', () => {
    expect(parseConfig('# nothing yet\n', 'policy.yml')).toEqual({});
  });

  it.each([
    ['severity: extreme\n', /policy\.yml: severity must be one of critical, high, medium, low/],
    ['fail-on: [vulnerability, virus]\n', /policy\.yml: fail-on\[1\] must be one of vulnerability, config-change/],
    ['fail-on: 3\n', /policy\.yml: fail-on must be a list of finding kinds or a comma-separated string/],
    ['fail-on: vulnerability, virus\n', /unknown finding kind 'virus' in fail-on/],
    ['only-new: sometimes\n', /only-new must be a boolean/],
    ['colour: red\n', /policy\.yml: the top level has an unknown key 'colour' \(keys: fail-on, severity/],
    ['fail_on: [secret]\n', /policy\.yml: the top level has an unknown key 'fail_on': did you mean 'fail-on'\?/],
    ['onlyNew: true\n', /unknown key 'onlyNew': did you mean 'only-new'\?/],
    ['accept:\n  - id: abc\n    reason: ok\n    expires: 2027-01-01\n', /policy\.yml: accept\[0\]\.reason is too short: say in a few words why the risk is acceptable/],
    ['accept:\n  - id: abc\n    reason: because\n    expire: 2027-01-01\n', /accept\[0\] has an unknown key 'expire': did you mean 'expires'\?/],
    ['fail-on: [secret, secret]\n', /fail-on lists a kind twice/],
    ['ignore: [""]\n', /ignore\[0\] is empty: give a path glob/],
    ['accept:\n  - advisory: X\n    expires: 2027-01-01\n', /accept\[0\] needs 'reason'/],
    ['accept:\n  - reason: because\n    expires: 2027-01-01\n', /accept\[0\] must name what it accepts: advisory, package, path or id/],
    ['accept:\n  - id: abc\n    reason: because\n    expires: next week\n', /accept\[0\]\.expires must be a date written YYYY-MM-DD/],
    ['accept:\n  - id: abc\n    reason: because\n    expires: 2027-02-30\n', /accept\[0\]\.expires '2027-02-30' is not a real date/],
    ['severity: high\naccept: [\n', /policy\.yml line \d is not valid YAML/],
  ])('refuses %j in one line naming the key', (text, message) => {
    const said = refused(text);
    expect(said).toMatch(message);
    // plain words, never the validator's own
    expect(said).not.toMatch(/must NOT|must have|characters\b.*NOT|additionalProperties|instancePath/);
  });
});

describe('options and inputs', () => {
  it('override the file, which fills in the rest', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/release-gate.yml'), 'severity: high\nonly-new: false\nignore: ["tests/**"]\n');
    const resolved = await resolvePolicy(undefined, dir, { severity: 'critical' });
    expect(resolved).toEqual({ policy: { severity: 'critical', onlyNew: false }, ignore: ['tests/**'] });
    expect(await resolvePolicy(undefined, join(dir, '.github'), {})).toEqual({ policy: {} });
  });

  it('a named file that is missing is a mistake, not an empty policy', async () => {
    await expect(resolvePolicy('/no/such/policy.yml', '/', {})).rejects.toThrow(/the policy file \/no\/such\/policy\.yml cannot be read/);
  });
});

describe('acceptances', () => {
  const finding = (id: string, extra: Partial<Finding> = {}): Finding => ({ id, kind: 'vulnerability', severity: 'high', title: 't', status: 'new', blocking: true, ...extra });

  it('match by advisory alias, package (name, name@version, purl), path, kind or id', () => {
    const findings = [
      finding('a', { advisory: { id: 'GHSA-1', aliases: ['CVE-1'], fixed: [] }, package: { ecosystem: 'npm', name: '@scope/pkg', version: '1.0.0' } }),
      finding('b', { package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' } }),
      finding('c', { kind: 'secret', path: 'pub/static/map.js' }),
      finding('d'),
      finding('e', { package: { ecosystem: 'npm', name: 'ms', version: '2.0.0' } }),
    ];
    const { stale } = applyAcceptances(
      findings,
      [
        { advisory: 'CVE-1', package: 'pkg:npm/%40scope/pkg@1.0.0', reason: 'r1', expires: '2099-01-01' },
        { package: 'npm/lodash@4.17.20', reason: 'r2', expires: '2099-01-01' },
        { path: 'pub/static/**', kind: 'secret', reason: 'r3', expires: '2099-01-01' },
        { id: 'd', reason: 'r4', expires: '2099-01-01' },
        { package: 'ms@2.1.0', reason: 'another version', expires: '2099-01-01' },
      ],
      '2026-11-28',
    );
    expect(findings.map((item) => item.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'new']);
    expect(stale.map((acceptance) => acceptance.reason)).toEqual(['another version']);
  });

  it('hold through the day they name, and no longer after it', () => {
    const found = [finding('x')];
    applyAcceptances(found, [{ id: 'x', reason: 'later', expires: '2026-11-28' }], '2026-11-28');
    expect(found[0]?.status).toBe('accepted');
    const late = [finding('x')];
    const { stale, expired } = applyAcceptances(late, [{ id: 'x', reason: 'later', expires: '2026-11-27' }], '2026-11-28');
    expect(late[0]?.status).toBe('new');
    explainExpired(expired);
    expect(late[0]?.detail).toBe('the acceptance expired on 2026-11-27 (later): it blocks again');
    expect(stale).toEqual([]);
  });

  it('an expired acceptance of a finding that does not block says why, never that it blocks again', () => {
    const old = [finding('x', { status: 'existing', blocking: false })];
    const below = [finding('y', { severity: 'low', blocking: false })];
    const { expired } = applyAcceptances([...old, ...below], [{ id: 'x', reason: 'r', expires: '2020-01-01' }, { id: 'y', reason: 'r', expires: '2020-01-01' }], '2026-11-28');
    explainExpired(expired);
    expect(old[0]?.detail).toBe('the acceptance expired on 2020-01-01 (r); it does not block, since the baseline has it too');
    expect(below[0]?.detail).toBe('the acceptance expired on 2020-01-01 (r); it does not block under the policy');
  });
});
