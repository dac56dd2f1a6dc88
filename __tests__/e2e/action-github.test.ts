// dist/index.js run as a runner runs it, against GitHub's REST API served on 127.0.0.1:
// the pull request comment (found again among other people's comments, edited in place,
// updated when clean, bounded, escaped, refused), warn-only, acceptances, and release
// assets as baselines.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUZZLE_AND_TWIG_ADVISORIES, composerLock } from '../helpers/composer-store.js';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { elements, renderGfm, textOf } from '../helpers/gfm.js';
import { GitHubServer } from '../helpers/github-server.js';
import { MACHINE_NODE } from '../helpers/run.js';
import { runAction, type ActionRun } from '../helpers/runner.js';
import { packTree } from '../helpers/store-package.js';
import { tempDir } from '../helpers/temp.js';

const PR = 7;
let work: string;
let github: GitHubServer;
let advisories: string;
const packages: Record<string, string> = {};


beforeAll(async () => {
  await distIsCurrent();
  work = await tempDir();
  github = await new GitHubServer().start();
  advisories = join(work, 'advisories.json');
  await writeFile(advisories, JSON.stringify(GUZZLE_AND_TWIG_ADVISORIES));
  packages['vulnerable'] = await packTree(work, 'vulnerable', { 'composer.lock': composerLock({ 'guzzlehttp/guzzle': '7.4.4', 'twig/twig': 'v3.4.1' }) });
  packages['clean'] = await packTree(work, 'clean', { 'composer.lock': composerLock({ 'guzzlehttp/guzzle': '7.4.5', 'twig/twig': 'v3.4.3' }) });
  packages['hostile'] = await packTree(work, 'hostile', { '@octocat/`x`|y/<img src=x onerror=alert(1)>/package-lock.json': '{ broken' });
  const many: Record<string, string> = {};
  for (let i = 0; i < 4000; i++) many[`plugins/plugin-${i}/package-lock.json`] = '{';
  packages['many'] = await packTree(work, 'many', many);
});

afterAll(async () => {
  await github.stop();
});

let build = 0;

/**
 * Run the action as a pull request's workflow does: the same input path each run, the
 * package built anew with a new version in its name (the comment is still found again).
 */
async function gate(name: string, inputs: Record<string, string> = {}, options: { pr?: number; event?: unknown; eventName?: string } = {}): Promise<ActionRun> {
  const dist = join(work, 'dist');
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist);
  await copyFile(packages[name] ?? name, join(dist, `shop-2.4.${++build}.tar.gz`));
  return runAction(
    work,
    { package: 'dist/shop-*.tar.gz', advisories, offline: 'true', 'github-token': 'ghs_fake', report: `${name}.json`, ...inputs },
    {
      node: MACHINE_NODE,
      event: options.event ?? { pull_request: { number: options.pr ?? PR } },
      eventName: options.eventName ?? 'pull_request',
      env: { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.localhost', GITHUB_RUN_ID: '99', ...github.runnerEnv() },
    },
  );
}

describe('the pull request comment', () => {
  it('is posted once on a pull request busy with other comments', async () => {
    github.addComments(PR, 150);
    const result = await gate('vulnerable');
    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('fail');
    const ours = github.ours(PR);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toMatch(/^## ❌ release-gate: FAIL/);
    expect(ours[0]?.body).toMatch(/GHSA-25mq-v84q-4j7r/);
  });

  it('is found again on the second page and edited in place', async () => {
    const before = github.calls.length;
    const result = await gate('vulnerable');
    expect(result.code).toBe(1);
    expect(github.ours(PR)).toHaveLength(1);
    const calls = github.calls.slice(before).map((call) => `${call.method} ${call.path.replace(/\?.*page=(\d+).*/, '?page=$1')}`);
    // on a pull request the comments are read through GraphQL (it says who wrote and edited each): 150 comments, two pages
    expect(calls.filter((call) => call === 'POST /graphql')).toHaveLength(2);
    expect(calls.filter((call) => call.startsWith('PATCH'))).toHaveLength(1);
    expect(calls.filter((call) => call.startsWith('POST') && call.includes('/issues/'))).toHaveLength(0);
  });

  it('is updated to say the pull request is clear when a later run is clean', async () => {
    const result = await gate('clean');
    expect(result.code).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    const [ours] = github.ours(PR);
    expect(ours?.body).toMatch(/^## ✅ release-gate: PASS/);
    expect(github.ours(PR)).toHaveLength(1);
  });

  it('is not posted for a clean pull request that never had one (on-findings)', async () => {
    const result = await gate('clean', {}, { pr: 8 });
    expect(result.code).toBe(0);
    expect(github.ours(8)).toHaveLength(0);
  });

  it('stays within 65,536 characters with 4,000 findings, the gravest first, and links the full report', async () => {
    const result = await gate('many', { severity: 'low' }, { pr: 9 });
    expect(result.code).toBe(1);
    expect(result.outputs['blocking-findings']).toBe('4000');
    const [ours] = github.ours(9);
    expect(Buffer.byteLength(ours?.body ?? '')).toBeLessThanOrEqual(65_536);
    expect(ours?.body).toMatch(/### What to fix: the 25 gravest of 4,000/);
    expect(ours?.body).toMatch(/This text stops at its size bound and leaves out [\d,]+ of the rows\.\n4,000 findings in all; everything is in \[the full report and summary\]\(https:\/\/github\.localhost\/shop\/storefront\/actions\/runs\/99\/artifacts\/\d+\)/);
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1024 * 1024);
    // GitHub shows 10 error annotations a step: the 10 gravest, and the verdict as a notice (no error line of its own)
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::error'))).toHaveLength(10);
    expect(result.stdout).toMatch(/^::notice title=release-gate verdict::FAIL: 4,000 blocking findings · digest [0-9a-f]{12}$/m);
  });

  it('neutralises hostile names: no HTML, no links, no mentions, no broken tables', async () => {
    const result = await gate('hostile', {}, { pr: 10 });
    expect(result.code).toBe(1);
    const [ours] = github.ours(10);
    const body = ours?.body ?? '';
    const html = renderGfm(body);
    expect(html).toMatch(/unreadable file|could not be read|not valid JSON/);
    // the name shows as it is, inside code, where GitHub makes no tag, link or mention
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('<code>@octocat/</code>'); // the package's top folder, named once
    expect(html).toContain('<code>`x`|y/&lt;img src=x onerror=alert(1)&gt;/package-lock.json</code>');
    expect(textOf(html.replace(/<code>[\s\S]*?<\/code>/g, ''))).not.toMatch(/@octocat/);
    // every table row has exactly its two cells: no | from the name splits it
    const rows = elements(elements(html, 'tbody')[0] ?? '', 'tr');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(elements(row, 'td')).toHaveLength(2);
  });

  it('gives a warning when the token may not write, and still writes the summary and outputs', async () => {
    github.forbidWrites = true;
    try {
      const result = await gate('vulnerable', {}, { pr: 11 });
      expect(result.code).toBe(1); // the verdict decides the step, not the comment
      expect(result.outputs['verdict']).toBe('fail');
      expect(result.summary).toMatch(/^## ❌ release-gate: FAIL/m);
      expect(result.stdout).toMatch(/::warning::release-gate could not comment on the pull request: the token may not \(HTTP 403/);
      expect(github.ours(11)).toHaveLength(0);
    } finally {
      github.forbidWrites = false;
    }
  });

  it('is never posted with comment: never', async () => {
    await gate('vulnerable', { comment: 'never' }, { pr: 12 });
    expect(github.ours(12)).toHaveLength(0);
  });
});

describe('the verdict', () => {
  it('warn-only reports the findings and passes the step', async () => {
    const result = await gate('vulnerable', { 'warn-only': 'true', comment: 'never' });
    expect(result.code).toBe(0);
    expect(result.outputs['verdict']).toBe('warn');
    expect(result.outputs['blocking-findings']).toBe('2');
    expect(result.stdout).toMatch(/^::error title=release-gate%3A high vulnerable package,file=composer\.lock::guzzlehttp\/guzzle 7\.4\.4: GHSA-25mq-v84q-4j7r .*; upgrade to 7\.4\.5$/m);
  });

  it('expired acceptances block again and say so; stale ones are reported', async () => {
    const dir = join(work, 'with-policy');
    await mkdir(join(dir, '.github'), { recursive: true });
    await writeFile(
      join(dir, '.github/release-gate.yml'),
      [
        'accept:',
        '  - advisory: GHSA-25mq-v84q-4j7r',
        '    reason: the curl handler is not used',
        '    expires: 2020-01-01',
        '  - package: twig/twig',
        '    reason: templates come from the theme only',
        '    expires: 2099-12-31',
        '  - advisory: GHSA-nope-nope-nope',
        '    reason: an old acceptance nobody removed',
        '    expires: 2099-12-31',
        '',
      ].join('\n'),
    );
    const result = await runAction(
      dir,
      { package: packages['vulnerable'] ?? '', advisories, offline: 'true', comment: 'never' },
      { node: MACHINE_NODE, eventName: 'push' },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(await readFile(result.outputs['report'] ?? '', 'utf8')) as { findings: { advisory?: { id: string }; status: string; blocking: boolean; detail?: string }[]; notes: string[] };
    const guzzle = report.findings.find((finding) => finding.advisory?.id === 'GHSA-25mq-v84q-4j7r');
    const twig = report.findings.find((finding) => finding.advisory?.id === 'GHSA-52m2-vc4m-jj33');
    expect(guzzle).toMatchObject({ status: 'new', blocking: true });
    expect(guzzle?.detail).toMatch(/the acceptance expired on 2020-01-01 \(the curl handler is not used\): it blocks again/);
    expect(twig).toMatchObject({ status: 'accepted', blocking: false });
    expect(report.notes).toContain('stale acceptance: advisory GHSA-nope-nope-nope (until 2099-12-31) matched no finding; remove it from the policy file');
    expect(result.summary).toMatch(/stale acceptance/);
  });

  it('refuses a policy file it cannot understand, naming the key', async () => {
    const dir = join(work, 'bad-policy');
    await mkdir(join(dir, '.github'), { recursive: true });
    await writeFile(join(dir, '.github/release-gate.yml'), 'accept:\n  - advisory: GHSA-x\n    expires: tomorrow\n');
    const result = await runAction(dir, { package: packages['clean'] ?? '', advisories, offline: 'true' }, { node: MACHINE_NODE, eventName: 'push' });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/::error::the policy file .*release-gate\.yml: accept\[0\] needs 'reason'; fix the file/);
  });
});

describe('release assets', () => {
  it('attaches the report to the release being published', async () => {
    const release = github.addRelease('v1.0.0');
    const result = await gate('vulnerable', { 'attach-report': 'true', report: 'release-gate-report.json' }, {
      eventName: 'release',
      event: { release: { id: release.id, tag_name: 'v1.0.0', upload_url: `${github.url}/upload/repos/shop/storefront/releases/${release.id}/assets{?name,label}` } },
    });
    expect(result.code).toBe(1);
    expect(release.assets.map((asset) => asset.name)).toEqual(['release-gate-report.json']);
    expect(JSON.parse(release.assets[0]?.data.toString() ?? '{}')).toMatchObject({ schemaVersion: 1 });
  });

  it('takes the report of the latest release as the baseline', async () => {
    const result = await gate('vulnerable', { baseline: 'release:latest', report: 'release-gate-report.json', comment: 'never' });
    expect(result.code).toBe(0);
    // nothing new: what production already runs does not keep a release at WARN
    expect(result.outputs['verdict']).toBe('pass');
    const report = JSON.parse(await readFile(result.outputs['report'] ?? '', 'utf8')) as { baseline: { format: string }; findings: { status: string }[] };
    expect(report.baseline.format).toBe('report');
    expect(report.findings.every((finding) => finding.status === 'existing')).toBe(true);
  });

  it('says in one line when the release has no report', async () => {
    github.addRelease('v2.0.0');
    const result = await gate('vulnerable', { baseline: 'release:v2.0.0', comment: 'never' });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/::error::release v2\.0\.0 \(v2\.0\.0\) has no asset vulnerable\.json \(it has: none\); attach the report when releasing \(attach-report: true\)/);
    expect(result.outputs['verdict']).toBe('error');
  });
});

describe('where a baseline may come from', () => {
  const BASE = 'a'.repeat(40);
  const baselineReport = async (): Promise<string> => {
    // the report a scan of the release wrote, kept in the repository as baselines/shop.json
    const first = await gate('vulnerable', { report: 'first.json', comment: 'never' }, { event: {}, eventName: 'push' });
    expect(first.code).toBe(1);
    await mkdir(join(work, 'baselines'), { recursive: true });
    await copyFile(join(work, 'first.json'), join(work, 'baselines/shop.json'));
    return readFile(join(work, 'baselines/shop.json'), 'utf8');
  };

  it('refuses a baseline file that the pull request itself changes', async () => {
    await baselineReport();
    github.pullFiles.set(31, [{ filename: 'src/app.php', status: 'modified' }, { filename: 'baselines/shop.json', status: 'modified' }]);
    const result = await gate('vulnerable', { baseline: 'baselines/shop.json', comment: 'never' }, { pr: 31, event: { pull_request: { number: 31, base: { sha: BASE } } } });
    expect(result.code).toBe(2);
    expect(result.outputs['verdict']).toBe('error');
    expect(result.stdout).toMatch(/::error::the baseline baselines\/shop\.json is changed by this pull request \(baselines\/shop\.json\); a pull request cannot choose its own baseline: use release:latest, base:<path>/);
  });

  it('takes a baseline file the pull request leaves alone', async () => {
    github.pullFiles.set(32, [{ filename: 'src/app.php', status: 'modified' }]);
    const result = await gate('vulnerable', { baseline: 'baselines/shop.json', comment: 'never' }, { pr: 32, event: { pull_request: { number: 32, base: { sha: BASE } } } });
    expect(result.code).toBe(0);
    expect(github.calls.some((call) => call.path.startsWith('/repos/shop/storefront/pulls/32/files'))).toBe(true);
  });

  it('reads base:<path> at the pull request’s base commit, not from the checkout', async () => {
    const report = await baselineReport();
    github.contents.set(BASE, new Map([['baselines/shop.json', Buffer.from(report)]]));
    // the checkout's copy is the pull request's: made worthless here, and never read
    await writeFile(join(work, 'baselines/shop.json'), '{ "edited": true }');
    github.pullFiles.set(33, [{ filename: 'baselines/shop.json', status: 'modified' }]);
    const result = await gate('vulnerable', { baseline: 'base:baselines/shop.json', comment: 'never' }, { pr: 33, event: { pull_request: { number: 33, base: { sha: BASE } } } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/baseline: baselines\/shop\.json of the base branch \(aaaaaaaaaaaa\)/);
    const written = JSON.parse(await readFile(result.outputs['report'] ?? '', 'utf8')) as { findings: { status: string }[] };
    expect(written.findings.every((finding) => finding.status === 'existing')).toBe(true);
  });

  it('says base:<path> needs a pull request', async () => {
    const result = await gate('vulnerable', { baseline: 'base:baselines/shop.json', comment: 'never' }, { event: {}, eventName: 'push' });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/::error::baseline base:baselines\/shop\.json needs a pull_request event/);
  });
});

describe('when the gate cannot decide', () => {
  const PR_ERR = 20;

  /** The comment the earlier run posted on the pull request, now. */
  const comment = (): string => github.ours(PR_ERR)[0]?.body ?? '';

  it('a bad policy file, a bad input, a glob that finds nothing and an unreadable package each write the summary and replace the last verdict in the comment', async () => {
    const first = await gate('vulnerable', {}, { pr: PR_ERR });
    expect(first.code).toBe(1);
    expect(comment()).toMatch(/^## ❌ release-gate: FAIL/);

    await writeFile(join(work, 'bad-policy.yml'), 'fail_on: [secret]\n');
    const policy = await gate('vulnerable', { config: 'bad-policy.yml' }, { pr: PR_ERR });
    expect(policy.code).toBe(2);
    expect(policy.outputs['verdict']).toBe('error');
    for (const text of [policy.summary, comment()]) {
      expect(text).toMatch(/^## ❗ release-gate: ERROR: the gate could not decide$/m);
      expect(textOf(renderGfm(text))).toMatch(/bad-policy\.yml: the top level has an unknown key 'fail_on': did you mean 'fail-on'\?/);
      expect(text).toMatch(/No verdict holds until it runs again/);
    }
    expect(github.ours(PR_ERR)).toHaveLength(1);

    const input = await gate('vulnerable', { severity: 'extreme' }, { pr: PR_ERR });
    expect(input.code).toBe(2);
    expect(textOf(renderGfm(input.summary))).toMatch(/unknown severity 'extreme'/);
    expect(textOf(renderGfm(comment()))).toMatch(/unknown severity 'extreme'/);

    await rm(join(work, 'dist'), { recursive: true, force: true });
    await mkdir(join(work, 'dist'));
    const empty = await runAction(
      work,
      { package: 'dist/shop-*.tar.gz', advisories, offline: 'true', 'github-token': 'ghs_fake' },
      { node: MACHINE_NODE, event: { pull_request: { number: PR_ERR } }, eventName: 'pull_request', env: { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.localhost', GITHUB_RUN_ID: '99' } },
    );
    expect(empty.code).toBe(2);
    expect(textOf(renderGfm(empty.summary))).toMatch(/the package input 'dist\/shop-\*\.tar\.gz' matches nothing under/);
    expect(textOf(renderGfm(comment()))).toMatch(/matches nothing under/);

    await writeFile(join(work, 'junk.tar.gz'), 'not a package at all');
    const junk = await gate(join(work, 'junk.tar.gz'), {}, { pr: PR_ERR });
    expect(junk.code).toBe(2);
    expect(textOf(renderGfm(junk.summary))).toMatch(/is not a \.tar, \.tar\.gz, \.tgz or \.zip package/);
    expect(textOf(renderGfm(comment()))).toMatch(/is not a \.tar, \.tar\.gz, \.tgz or \.zip package/);
    expect(github.ours(PR_ERR)).toHaveLength(1);

    // fixed: the comment shows the verdict again
    const again = await gate('clean', {}, { pr: PR_ERR });
    expect(again.code).toBe(0);
    expect(comment()).toMatch(/^## ✅ release-gate: PASS/);
  });

  it('posts no new comment for an error on a pull request that has none', async () => {
    const result = await gate('vulnerable', { severity: 'extreme' }, { pr: 21 });
    expect(result.code).toBe(2);
    expect(github.ours(21)).toHaveLength(0);
  });
});

describe('the full report as a workflow artifact', () => {
  it('is uploaded with the summary in full, and linked from the comment and the job summary', async () => {
    const before = github.artifacts.length;
    const result = await gate('vulnerable', {}, { pr: 22 });
    expect(result.code).toBe(1);
    const artifact = github.artifacts[before];
    expect(artifact).toMatchObject({ name: 'release-gate-dist-shop.tar.gz', finalized: true });
    // a zip: its directory names the report and the summary
    const zip = artifact?.committed?.toString('latin1') ?? '';
    expect(zip.startsWith('PK')).toBe(true);
    expect(zip).toContain('vulnerable.json');
    expect(zip).toContain('vulnerable.summary.md');
    const link = `https://github.localhost/shop/storefront/actions/runs/99/artifacts/${artifact?.id ?? 0}`;
    expect(github.ours(22)[0]?.body).toContain(`[the full report and summary](${link})`);
    expect(result.summary).toContain(`[the full report and summary](${link})`);
  });

  it('is left out with artifact: false, and the links name the files instead', async () => {
    const before = github.artifacts.length;
    const result = await gate('vulnerable', { artifact: 'false', comment: 'never' });
    expect(result.code).toBe(1);
    expect(github.artifacts).toHaveLength(before);
    expect(result.summary).toMatch(/everything is in \[the workflow run\]/);
  });
});

describe('several versioned packages', () => {
  it('attach their reports under names without versions, which the next release finds as its baseline', async () => {
    const dist = join(work, 'dist');
    const build = async (shop: string, api: string): Promise<void> => {
      await rm(dist, { recursive: true, force: true });
      await mkdir(dist);
      await copyFile(packages['vulnerable'] ?? '', join(dist, `shop-${shop}.tar.gz`));
      await copyFile(packages['clean'] ?? '', join(dist, `api-${api}.tar.gz`));
    };
    const env = { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.localhost', GITHUB_RUN_ID: '99' };
    const inputs = { package: 'dist/*.tar.gz', advisories, offline: 'true', 'github-token': 'ghs_fake', comment: 'never', artifact: 'false', sarif: 'gate.sarif' };
    const release = github.addRelease('v4.0.0');
    await build('2.4.1', '1.0.0');
    const first = await runAction(work, { ...inputs, 'attach-report': 'true' }, {
      node: MACHINE_NODE,
      eventName: 'release',
      event: { release: { id: release.id, tag_name: 'v4.0.0', upload_url: `${github.url}/upload/repos/shop/storefront/releases/${release.id}/assets{?name,label}` } },
      env,
    });
    expect(first.code).toBe(1);
    expect(release.assets.map((asset) => asset.name).sort()).toEqual(['release-gate-report-dist-api.tar.gz.json', 'release-gate-report-dist-shop.tar.gz.json']);
    // each SARIF names its own code-scanning category, without the version
    const sarif = JSON.parse(await readFile(join(work, 'gate-dist-shop.tar.gz.sarif'), 'utf8')) as { runs: { automationDetails?: { id: string } }[] };
    expect(sarif.runs[0]?.automationDetails).toEqual({ id: 'release-gate/dist-shop.tar.gz/' });

    await build('2.4.2', '1.0.1');
    const next = await runAction(work, { ...inputs, baseline: 'release:latest' }, { node: MACHINE_NODE, eventName: 'push', env });
    expect(next.code).toBe(0);
    const reports = (next.outputs['report'] ?? '').split('\n');
    expect(reports.map((path) => path.slice(work.length + 1))).toEqual(['release-gate-report-dist-api.tar.gz.json', 'release-gate-report-dist-shop.tar.gz.json']);
    for (const path of reports) {
      const report = JSON.parse(await readFile(path, 'utf8')) as { baseline: { format: string } };
      expect(report.baseline.format).toBe('report');
    }
  });

  it('one package writes SARIF without a category of its own: upload-sarif decides it', async () => {
    const result = await gate('clean', { sarif: 'one.sarif', comment: 'never' });
    expect(result.code).toBe(0);
    const sarif = JSON.parse(await readFile(join(work, 'one.sarif'), 'utf8')) as { runs: Record<string, unknown>[] };
    expect(sarif.runs[0]).not.toHaveProperty('automationDetails');
    expect(JSON.stringify(sarif)).not.toContain('uriBaseId');
  });
});
