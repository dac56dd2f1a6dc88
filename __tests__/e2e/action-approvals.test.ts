// Release approvals through dist/index.js, run as a runner runs it, against GitHub's
// API served on 127.0.0.1 (issue events paged by Link headers, collaborator
// permissions, team memberships, label removal, GraphQL's view of who edited a
// comment): who may approve, that an approval covers one digest and nothing more, that
// nobody forges one, and that bad input ends blocking with one clear line.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { GUZZLE_AND_TWIG_ADVISORIES, composerLock } from '../helpers/composer-store.js';
import { distIsCurrent } from '../helpers/dist-is-current.js';
import { GitHubServer, TOKEN_LOGIN } from '../helpers/github-server.js';
import { MACHINE_NODE } from '../helpers/run.js';
import { runAction, type ActionRun } from '../helpers/runner.js';
import { packTree } from '../helpers/store-package.js';
import { tempDir } from '../helpers/temp.js';

const LABEL = 'release-gate: approved';
const AUTHOR = 'carol';
let work: string;
let github: GitHubServer;
let advisories: string;
let criticalAdvisories: string;
const packages: Record<string, string> = {};

beforeAll(async () => {
  await distIsCurrent();
  work = await tempDir();
  github = await new GitHubServer().start();
  advisories = join(work, 'advisories.json');
  await writeFile(advisories, JSON.stringify(GUZZLE_AND_TWIG_ADVISORIES));
  // the same advisories, guzzle's rated critical: a blocking finding that changes severity
  criticalAdvisories = join(work, 'advisories-critical.json');
  const critical = structuredClone(GUZZLE_AND_TWIG_ADVISORIES);
  (critical[0] as { database_specific: { severity: string } }).database_specific.severity = 'CRITICAL';
  await writeFile(criticalAdvisories, JSON.stringify(critical));
  const lock = composerLock({ 'guzzlehttp/guzzle': '7.4.4', 'twig/twig': 'v3.4.1' });
  packages['vulnerable'] = await packTree(work, 'vulnerable', { 'composer.lock': lock, 'index.php': '<?php\n' });
  // one more blocking finding: a database dump ships
  packages['more'] = await packTree(work, 'more', { 'composer.lock': lock, 'index.php': '<?php\n', 'backup/shop.sql': '-- MySQL dump 10.13\nCREATE TABLE customers (id int);\n' });
  github.roles.set('alice', 'write');
  github.roles.set('bob', 'read');
  github.roles.set('dave', 'triage');
  github.roles.set('erin', 'admin');
  github.roles.set(AUTHOR, 'write');
  github.teams.set('shop/release-managers', ['alice']);
});

afterAll(async () => {
  await github.stop();
});

let build = 0;

interface GateOptions {
  pr?: number;
  action?: string;
  eventName?: string;
  event?: unknown;
  eventText?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  advisories?: string;
}

/** A workflow run of the gate: the package built anew under a new version, the event as GitHub sends it. */
async function gate(name: string, options: GateOptions = {}): Promise<ActionRun & { report: Report }> {
  const dist = join(work, 'dist');
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist);
  await copyFile(packages[name] ?? name, join(dist, `shop-2.4.${++build}.tar.gz`));
  const pr = options.pr ?? 1;
  const event = options.event ?? { action: options.action ?? 'synchronize', number: pr, pull_request: { number: pr, user: { login: AUTHOR }, head: { sha: 'abc' } } };
  const report = join(work, `report-${build}.json`);
  const result = await runAction(
    work,
    { package: 'dist/shop-*.tar.gz', advisories: options.advisories ?? advisories, offline: 'true', 'github-token': 'ghs_fake', report, ...options.inputs },
    {
      node: MACHINE_NODE,
      ...(options.eventText !== undefined ? { eventText: options.eventText } : { event }),
      eventName: options.eventName ?? 'pull_request',
      env: { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '99', GITHUB_ACTOR: AUTHOR, ...options.env },
    },
  );
  let parsed = {} as Report;
  try {
    parsed = JSON.parse(await readFile(report, 'utf8')) as Report;
  } catch {
    // no report: the test says what it expects of the outputs
  }
  return { ...result, report: parsed };
}

function comment(pr: number): string {
  const ours = github.ours(pr);
  expect(ours).toHaveLength(1);
  return ours[0]?.body ?? '';
}

/** The approval block as a reader sees it: the lines between the header (the verdict and the line naming the package) and the findings, Markdown's backslash escapes taken out. */
function approvalBlock(markdown: string): string {
  const lines = markdown.split('\n');
  const heading = lines.findIndex((line) => line.startsWith('## '));
  const start = lines.findIndex((line, i) => i > heading && line.startsWith('`'));
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('### ') || line.startsWith('<details') || line.startsWith('<!--') || line.startsWith('| ')) break;
    // the header's hint when there is no baseline is the header's, not the approval's
    if (line.startsWith('> 💡')) continue;
    out.push(line);
  }
  return out
    .join('\n')
    .trim()
    .replace(/\\([\\`*_{}[\]()#+\-.!|~&=:"'])/g, '$1');
}

const digestOf = (run: ActionRun): string => run.outputs['digest'] ?? '';

describe('approval by label on a pull request', () => {
  it('a writer approves: the blocking findings are accepted with the approver named, recorded in the comment, the report and SARIF', async () => {
    const pr = 21;
    // the label's events spread over several pages of the events
    github.addOtherEvents(pr, 130);
    github.addLabel(pr, LABEL, 'bob');
    github.removeLabel(pr, LABEL, 'bob');
    github.addOtherEvents(pr, 130);
    // the gate's comment on the third GraphQL page
    github.graphqlPageSize = 10;
    github.addComments(pr, 25);

    const blocked = await gate('vulnerable', { pr, action: 'opened' });
    expect(blocked.code).toBe(1);
    expect(blocked.outputs['verdict']).toBe('fail');
    const digest = digestOf(blocked);
    expect(digest).toMatch(/^[0-9a-f]{12}$/);
    expect(blocked.report.digest).toBe(digest);
    expect(blocked.report.approval).toBeNull();
    expect(blocked.stdout).toContain(`FAIL: 2 blocking findings · digest ${digest}`);
    expect(blocked.summary).toContain(`## ❌ release-gate: FAIL: 2 blocking findings · digest ${digest}\n`);
    expect(approvalBlock(blocked.summary)).toBe(
      `🔒 **Approval needed**: Nobody has approved these 2 blocking findings (digest \`${digest}\`). Review them, then someone with write, maintain or admin access who did not open this pull request adds the label \`release-gate: approved\` to let exactly them through; any change to them later needs a new approval.`,
    );
    expect(comment(pr)).toMatch(/<!-- release-gate-approval \{"v":1,"shown":\{"digest":"[0-9a-f]{12}","findings":"[0-9a-f]{12}h [0-9a-f]{12}h","count":2\}\} -->\n<!-- release-gate:dist-shop-\*\.tar\.gz -->$/);

    github.addLabel(pr, LABEL, 'alice');
    const labelTime = github.events.get(pr)?.at(-1)?.created_at ?? '';
    const approved = await gate('vulnerable', { pr, action: 'labeled', inputs: { sarif: 'approved.sarif' } });
    expect(approved.code).toBe(0);
    expect(approved.outputs['verdict']).toBe('pass');
    expect(approved.stdout).toContain(`PASS: nothing new blocks (2 findings: 2 accepted) · digest ${digest}`);
    expect(approved.outputs['digest']).toBe(digest);
    expect(approved.report.approval).toEqual({ digest, approver: 'alice', at: labelTime, via: 'label' });
    expect(approved.report.findings.filter((finding) => finding.kind === 'vulnerability')).toHaveLength(2);
    for (const finding of approved.report.findings) {
      expect(finding).toMatchObject({ status: 'accepted', blocking: false, approvedBy: 'alice' });
      expect(finding.detail).toContain(`approved by @alice on ${labelTime.slice(0, 10)} (digest ${digest}, label)`);
    }
    expect(approved.summary).toContain(`· digest ${digest}`);
    expect(approvalBlock(approved.summary)).toBe(
      `✅ **Approved**: \`@alice\` approved these 2 blocking findings (digest \`${digest}\`) on ${labelTime.slice(0, 10)} ${labelTime.slice(11, 16)} UTC with the label \`release-gate: approved\`: they are accepted. Any change to them needs a new approval.`,
    );
    expect(comment(pr)).toContain(`"approval":{"digest":"${digest}","approver":"alice","at":"${labelTime}","via":"label"`);
    // every page of the events was read, following GitHub's links (which name the repository by id)
    expect(github.calls.map((call) => call.path)).toContain(`/repositories/4242/issues/${pr}/events?per_page=100&page=3`);
    const sarif = JSON.parse(await readFile(join(work, 'approved.sarif'), 'utf8')) as { runs: { results: { suppressions?: { kind: string; justification: string }[] }[] }[] };
    for (const result of sarif.runs[0]?.results ?? []) {
      expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: `approved by @alice (the pull request label, digest ${digest}, ${labelTime})` }]);
    }

    // a push with the same findings: the approval still holds
    const again = await gate('vulnerable', { pr, action: 'synchronize' });
    expect(again.code).toBe(0);
    expect(again.report.approval).toEqual({ digest, approver: 'alice', at: labelTime, via: 'label' });
    expect(github.labels.get(pr)).toEqual([LABEL]);

    // a push that adds a finding: blocked again, what changed listed, the label removed
    const changed = await gate('more', { pr, action: 'synchronize' });
    expect(changed.code).toBe(1);
    expect(changed.report.approval).toBeNull();
    expect(changed.report.approvalCheck).toMatchObject({ outcome: 'changed', removeLabel: true, previous: { digest, approver: 'alice', at: labelTime, via: 'label' } });
    expect(changed.report.approvalCheck?.changes?.map((change) => `${change.change} ${change.severity} ${change.title ?? ''}`)).toEqual([
      'new high Database dump ships',
      'new high Backup folder ships: old code, configs and database dumps',
    ]);
    expect(github.labels.get(pr)).toEqual([]);
    expect(github.calls).toContainEqual({ method: 'DELETE', path: `/repos/shop/storefront/issues/${pr}/labels/release-gate%3A%20approved` });
    expect(github.events.get(pr)?.at(-1)).toMatchObject({ event: 'unlabeled', actor: { login: TOKEN_LOGIN } });
    const block = approvalBlock(changed.summary);
    expect(block).toContain(`🔁 **A new approval is needed**: \`@alice\` approved digest \`${digest}\``);
    expect(block).toContain(`the blocking findings changed since (digest \`${digestOf(changed)}\`)`);
    expect(block).toContain('The gate removes the label `release-gate: approved`');
    expect(block).toContain('**Changed since the approval:** 2 new, 0 gone, 0 severity changes');
    expect(block).toContain('- **new** · high · sensitive-file: Database dump ships (`backup/shop.sql`)');
    expect(approvalBlock(comment(pr))).toBe(block);

    // the next run still says what changed since the approval, and that a new one is needed
    const still = await gate('more', { pr, action: 'synchronize' });
    expect(still.code).toBe(1);
    expect(still.report.approvalCheck).toMatchObject({ outcome: 'changed', previous: { approver: 'alice' } });
    expect(still.report.approvalCheck?.changes).toHaveLength(2);
    github.graphqlPageSize = 100;
  });

  it('a later scan that takes the approved report as its baseline shows the approved findings as existing', async () => {
    const pr = 22;
    await gate('vulnerable', { pr, action: 'opened' });
    github.addLabel(pr, LABEL, 'erin');
    const approved = await gate('vulnerable', { pr, action: 'labeled', inputs: { report: 'approved-baseline.json' } });
    expect(approved.code).toBe(0);
    const next = await gate('vulnerable', { eventName: 'push', event: {}, inputs: { baseline: join(work, 'approved-baseline.json'), comment: 'never' } });
    expect(next.code).toBe(0);
    expect(next.report.findings.map((finding) => finding.status)).toEqual(['existing', 'existing']);
  });

  it('a reader, a triager or the author does not approve; each label says in one line why it does not count', async () => {
    const pr = 23;
    await gate('vulnerable', { pr, action: 'opened' });
    for (const [login, why] of [
      ['bob', '`@bob` has read access to shop/storefront, and approving needs write, maintain or admin'],
      ['dave', '`@dave` has triage access to shop/storefront, and approving needs write, maintain or admin'],
      [AUTHOR, '`@carol` opened this pull request, and an author does not approve their own release (approvers-exclude-author)'],
    ] as const) {
      github.addLabel(pr, LABEL, login);
      const run = await gate('vulnerable', { pr, action: 'labeled' });
      expect(run.code).toBe(1);
      expect(run.report.approval).toBeNull();
      expect(run.report.approvalCheck?.outcome).toBe('ignored');
      const lines = approvalBlock(run.summary).split('\n').filter((line) => line.length > 0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`⛔ **Approval does not count**: The label \`release-gate: approved\` added by \`@${login}\``);
      expect(run.report.approvalCheck?.reason).toContain(`does not count: ${why}.`);
      expect(run.stdout).toContain(`::warning::approval: The label release-gate: approved added by @${login}`);
      // the label is left where it is: it was never an approval
      expect(github.labels.get(pr)).toEqual([LABEL]);
    }
    // with approvers-exclude-author: false, the author may approve
    const own = await gate('vulnerable', { pr, action: 'labeled', inputs: { 'approvers-exclude-author': 'false' } });
    expect(own.code).toBe(0);
    expect(own.report.approval?.approver).toBe(AUTHOR);
  });

  it('only members of the approvers teams approve when teams are named', async () => {
    const pr = 24;
    await gate('vulnerable', { pr, action: 'opened' });
    github.addLabel(pr, LABEL, 'erin');
    const admin = await gate('vulnerable', { pr, action: 'labeled', inputs: { approvers: 'shop/release-managers' } });
    expect(admin.code).toBe(1);
    expect(admin.report.approvalCheck?.reason).toContain('does not count: `@erin` is not an active member of `shop/release-managers` (approvers)');
    github.addLabel(pr, LABEL, 'alice');
    const member = await gate('vulnerable', { pr, action: 'labeled', inputs: { approvers: 'release-managers' } });
    expect(member.code).toBe(0);
    expect(member.report.approval?.approver).toBe('alice');
    expect(github.calls.map((call) => call.path)).toContain('/orgs/shop/teams/release-managers/memberships/alice');
  });

  it('a label removed after the approval withdraws it', async () => {
    const pr = 25;
    await gate('vulnerable', { pr, action: 'opened' });
    github.addLabel(pr, LABEL, 'alice');
    expect((await gate('vulnerable', { pr, action: 'labeled' })).code).toBe(0);
    github.removeLabel(pr, LABEL, 'alice');
    const withdrawn = await gate('vulnerable', { pr, action: 'unlabeled' });
    expect(withdrawn.code).toBe(1);
    expect(withdrawn.report.approval).toBeNull();
    expect(withdrawn.report.approvalCheck).toMatchObject({ outcome: 'withdrawn', previous: { approver: 'alice' } });
    expect(approvalBlock(withdrawn.summary)).toMatch(/^↩️ \*\*Approval withdrawn\*\*: The approval of digest `[0-9a-f]{12}` by `@alice` \(2026-05-04 \d\d:\d\d UTC\) was withdrawn: the label `release-gate: approved` was removed\./);
  });

  it('a label added while the comment showed other findings approves nothing, and is removed', async () => {
    const pr = 26;
    const before = await gate('vulnerable', { pr, action: 'opened' });
    // alice reviews the comment (digest A) and adds the label; the run it starts sees the author's newer push (digest B)
    github.addLabel(pr, LABEL, 'alice');
    const run = await gate('more', { pr, action: 'labeled' });
    expect(run.code).toBe(1);
    expect(run.report.approval).toBeNull();
    expect(run.report.approvalCheck).toMatchObject({ outcome: 'changed', removeLabel: true });
    expect(run.report.approvalCheck?.reason).toContain(`approved digest \`${digestOf(before)}\`, the findings the gate showed then; they changed since (digest \`${digestOf(run)}\`)`);
    expect(run.report.approvalCheck?.changes?.map((change) => change.change)).toEqual(['new', 'new']);
    expect(github.labels.get(pr)).toEqual([]);
    // the next approval is a deliberate act on what the comment shows now
    github.addLabel(pr, LABEL, 'alice');
    const approved = await gate('more', { pr, action: 'labeled' });
    expect(approved.code).toBe(0);
    expect(approved.report.approval?.digest).toBe(digestOf(run));
  });

  it('a label added before the gate showed anything approves nothing', async () => {
    const pr = 27;
    github.addLabel(pr, LABEL, 'alice');
    const run = await gate('vulnerable', { pr, action: 'opened' });
    expect(run.code).toBe(1);
    expect(run.report.approvalCheck?.reason).toContain("came before the gate's comment showed any findings it could approve");
    expect(github.labels.get(pr)).toEqual([]);
  });

  it('a severity change is a change: the approval no longer holds', async () => {
    const pr = 28;
    await gate('vulnerable', { pr, action: 'opened' });
    github.addLabel(pr, LABEL, 'alice');
    expect((await gate('vulnerable', { pr, action: 'labeled' })).code).toBe(0);
    const graver = await gate('vulnerable', { pr, action: 'synchronize', advisories: criticalAdvisories });
    expect(graver.code).toBe(1);
    expect(graver.report.approvalCheck?.changes?.map((change) => `${change.change} ${change.was ?? ''}→${change.severity}`)).toEqual(['severity high→critical']);
    expect(approvalBlock(graver.summary)).toMatch(/- \*\*severity\*\* high → critical · vulnerability: /);
  });
});

describe('nobody forges an approval', () => {
  it('a record in a comment someone else edited is not trusted', async () => {
    const pr = 31;
    // what the forger wants approved: the digest of the package with the dump
    const wanted = digestOf(await gate('more', { pr: 39, inputs: { comment: 'never' } }));
    await gate('vulnerable', { pr, action: 'opened' });
    github.addLabel(pr, LABEL, 'alice');
    const approved = await gate('vulnerable', { pr, action: 'labeled' });
    expect(approved.code).toBe(0);
    const [ours] = github.ours(pr);
    // someone with write access rewrites the record to cover the dump they are about to push
    github.editComment(ours?.id ?? 0, (body) => body.replaceAll(digestOf(approved), wanted), 'mallory');
    const forged = await gate('more', { pr, action: 'synchronize' });
    expect(forged.code).toBe(1);
    expect(forged.report.approval).toBeNull();
    expect(forged.report.approvalCheck?.notes).toEqual([
      expect.stringMatching(/^The gate's comment was edited by `@mallory` on .*: the approval record in it is not trusted, and the gate writes a new one\.$/),
    ]);
    expect(approvalBlock(forged.summary)).toContain("The gate's comment was edited by `@mallory`");
    // the gate wrote its comment again: its own record, no approval in it
    expect(comment(pr)).not.toContain('"approval"');
  });

  it("a forged copy of the gate's comment, by the author, does not count", async () => {
    const pr = 32;
    const wanted = digestOf(await gate('more', { pr: 39, inputs: { comment: 'never' } }));
    await gate('vulnerable', { pr, action: 'opened' });
    github.addLabel(pr, LABEL, 'alice');
    const labelTime = github.events.get(pr)?.at(-1)?.created_at ?? '';
    expect((await gate('vulnerable', { pr, action: 'labeled' })).code).toBe(0);
    // the author (who may write) deletes the gate's comment and posts a copy whose record covers the dump
    const [ours] = github.ours(pr);
    github.deleteComment(ours?.id ?? 0);
    const forgedRecord = `<!-- release-gate-approval {"v":1,"shown":{"digest":"${wanted}","since":"2020-01-01T00:00:00Z","count":0,"findings":""},"approval":{"digest":"${wanted}","approver":"alice","at":"${labelTime}","via":"label","count":0,"findings":""}} -->`;
    const forged = github.postComment(pr, `## ✅ release-gate: approved\n${forgedRecord}\n<!-- release-gate:dist-shop-*.tar.gz -->`, AUTHOR);
    const run = await gate('more', { pr, action: 'synchronize' });
    expect(run.code).toBe(1);
    expect(run.report.approval).toBeNull();
    expect(run.report.approvalCheck?.notes).toEqual(["A comment by `@carol` carries the gate's marker and an approval record: the gate did not write it, so it does not count."]);
    // the gate never edits the forged comment: it posts its own
    expect(github.comments.get(pr)?.find((candidate) => candidate.id === forged.id)?.body).toContain(forgedRecord);
    expect(github.ours(pr).filter((candidate) => candidate.user.login === TOKEN_LOGIN)).toHaveLength(1);
  });
});

describe('bad input ends blocking, with one clear line, never a pass', () => {
  /** A pull request whose label approval would pass. */
  async function approvedPullRequest(pr: number): Promise<void> {
    await gate('vulnerable', { pr, action: 'opened' });
    github.addLabel(pr, LABEL, 'alice');
    expect((await gate('vulnerable', { pr, action: 'labeled' })).code).toBe(0);
  }

  function oneLine(run: ActionRun): string {
    const lines = approvalBlock(run.summary).split('\n').filter((line) => line.length > 0);
    expect(lines).toHaveLength(1);
    return lines[0] ?? '';
  }

  it('an event payload that is not JSON', async () => {
    const pr = 41;
    await approvedPullRequest(pr);
    const run = await gate('vulnerable', { pr, eventText: '{"pull_request": {"number": 41,' });
    expect(run.code).toBe(1);
    expect(run.outputs['verdict']).toBe('fail');
    expect(oneLine(run)).toBe('❗ **Approval not checked**: Approvals were not checked, so the gate blocks: the event payload (GITHUB_EVENT_PATH) is not JSON.');
  });

  it('an event payload without the pull request author', async () => {
    const pr = 42;
    await approvedPullRequest(pr);
    const run = await gate('vulnerable', { pr, event: { action: 'synchronize', pull_request: { number: pr } } });
    expect(run.code).toBe(1);
    expect(oneLine(run)).toContain('the event payload names no author of the pull request (pull_request.user.login)');
  });

  it('a label event list that is not JSON', async () => {
    const pr = 43;
    await approvedPullRequest(pr);
    github.eventsNotJson = true;
    try {
      const run = await gate('vulnerable', { pr });
      expect(run.code).toBe(1);
      expect(run.report.approvalCheck?.outcome).toBe('error');
      expect(oneLine(run)).toContain(`the label events of pull request #${pr} could not be read: GET /repos/shop/storefront/issues/${pr}/events did not answer with a JSON list of events (page 1)`);
    } finally {
      github.eventsNotJson = false;
    }
  });

  it('a 403 from the permission API', async () => {
    const pr = 44;
    await approvedPullRequest(pr);
    github.permissionStatus = 403;
    try {
      const run = await gate('vulnerable', { pr });
      expect(run.code).toBe(1);
      expect(run.report.approvalCheck?.outcome).toBe('ignored');
      expect(oneLine(run)).toContain('does not count: the permission of `@alice` on shop/storefront could not be read (HTTP 403)');
    } finally {
      github.permissionStatus = undefined;
    }
  });
});

describe('approve-digest on release, dispatch and deployment runs', () => {
  const dispatch = (digest: string, actor: string): GateOptions => ({ eventName: 'workflow_dispatch', event: { inputs: { approve: digest } }, inputs: { 'approve-digest': digest }, env: { GITHUB_ACTOR: actor } });

  it('without it, a release run blocks and prints the digest to approve', async () => {
    const run = await gate('vulnerable', { eventName: 'release', event: { action: 'published' } });
    expect(run.code).toBe(1);
    const digest = digestOf(run);
    expect(run.stdout).toContain(`FAIL: 2 blocking findings · digest ${digest}`);
    expect(approvalBlock(run.summary)).toContain(`run again with \`approve-digest: ${digest}\``);
  });

  it('the digest approved by a writer passes; the actor is read again through the permission API', async () => {
    const digest = digestOf(await gate('vulnerable', { eventName: 'release', event: {} }));
    const before = github.calls.length;
    const run = await gate('vulnerable', dispatch(digest, 'alice'));
    expect(run.code).toBe(0);
    expect(run.outputs['verdict']).toBe('pass');
    expect(run.report.approval).toMatchObject({ digest, approver: 'alice', via: 'input' });
    expect(run.report.findings.every((finding) => finding.status === 'accepted' && finding.approvedBy === 'alice')).toBe(true);
    expect(github.calls.slice(before).map((call) => call.path)).toEqual(['/repos/shop/storefront/collaborators/alice/permission']);
  });

  it('another digest, or an actor who may not approve, blocks', async () => {
    const digest = digestOf(await gate('vulnerable', { eventName: 'release', event: {} }));
    const other = await gate('more', dispatch(digest, 'alice'));
    expect(other.code).toBe(1);
    expect(other.report.approvalCheck?.reason).toContain(`approve-digest is \`${digest}\`, but this package's blocking findings have digest \`${digestOf(other)}\``);
    const reader = await gate('vulnerable', dispatch(digest, 'bob'));
    expect(reader.code).toBe(1);
    expect(reader.report.approvalCheck?.reason).toContain('approve-digest was given by `@bob`, who may not approve: `@bob` has read access');
  });

  it('is refused when it is not a digest, and ignored on a pull request', async () => {
    const bad = await gate('vulnerable', { eventName: 'workflow_dispatch', event: {}, inputs: { 'approve-digest': 'yes' } });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain("input approve-digest has 'yes', expected the 12 hex digits of the digest the gate printed");
    const digest = digestOf(await gate('vulnerable', { eventName: 'release', event: {} }));
    const onPr = await gate('vulnerable', { pr: 45, inputs: { 'approve-digest': digest, comment: 'never' } });
    expect(onPr.code).toBe(1);
    expect(onPr.stdout).toContain('::warning::approve-digest is ignored on pull request events');
  });
});

describe('the digest', () => {
  /** Pack the same tree with GNU tar, entries in the order given (no --sort). */
  async function packInOrder(name: string, files: Record<string, string>, order: string[]): Promise<string> {
    const root = join(work, `${name}-tree`);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
    const archive = join(work, `${name}.tar.gz`);
    execFileSync('tar', ['-czf', archive, '--owner=0', '--group=0', '--numeric-owner', '--no-recursion', '-C', root, ...order]);
    return archive;
  }

  it('does not change with the order of the entries, and changes with what blocks', async () => {
    const files = {
      'shop/composer.lock': composerLock({ 'guzzlehttp/guzzle': '7.4.4', 'twig/twig': 'v3.4.1' }),
      'shop/.env': 'DB_PASSWORD=Zq8wE3rT5yU7iO9p\n',
      'shop/pub/index.php': '<?php\n',
    };
    const paths = ['shop', 'shop/pub', 'shop/composer.lock', 'shop/.env', 'shop/pub/index.php'];
    packages['ordered'] = await packInOrder('ordered', files, paths);
    packages['reversed'] = await packInOrder('reversed', files, [paths[0] ?? '', ...paths.slice(1).reverse()]);
    const listing = (archive: string): string[] => execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing(packages['ordered'])).not.toEqual(listing(packages['reversed']));
    expect([...listing(packages['ordered'])].sort()).toEqual([...listing(packages['reversed'])].sort());

    const push = { eventName: 'push', event: {}, inputs: { comment: 'never' } };
    const ordered = await gate('ordered', push);
    const reversed = await gate('reversed', push);
    expect(ordered.code).toBe(1);
    expect(ordered.outputs['blocking-findings']).toBe(reversed.outputs['blocking-findings']);
    expect(digestOf(ordered)).toMatch(/^[0-9a-f]{12}$/);
    expect(digestOf(reversed)).toBe(digestOf(ordered));

    // a blocking finding removed, or one of another severity: another digest
    packages['fewer'] = await packInOrder('fewer', { ...files, 'shop/.env': 'APP_NAME=shop\n' }, paths);
    const fewer = await gate('fewer', push);
    expect(Number(fewer.outputs['blocking-findings'])).toBeLessThan(Number(ordered.outputs['blocking-findings']));
    expect(digestOf(fewer)).not.toBe(digestOf(ordered));
    const graver = await gate('ordered', { ...push, advisories: criticalAdvisories });
    expect(graver.outputs['blocking-findings']).toBe(ordered.outputs['blocking-findings']);
    expect(digestOf(graver)).not.toBe(digestOf(ordered));
  });
});
