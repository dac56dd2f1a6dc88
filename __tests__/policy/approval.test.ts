// The pure side of release approvals: the digest of what blocks, the record the action
// keeps in its comment, and the decision an approval makes for one scan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { Finding, Report, Severity } from '../../src/model.js';
import { findRecord, formatRecord, recordFindings, type ApprovalRecord } from '../../src/policy/approval-record.js';
import { decideApproval, nextRecord, type LabelEvidence } from '../../src/policy/approval.js';
import { blockingDigest } from '../../src/policy/digest.js';
import { renderApproval } from '../../src/report/approval-text.js';
import { renderSarif } from '../../src/report/sarif.js';
import { ROOT } from '../helpers/run.js';

function finding(id: string, severity: Severity = 'high', blocking = true): Finding {
  return { id: id.padEnd(32, '0'), kind: 'secret', severity, title: `finding ${id}`, path: `app/${id}`, status: 'new', blocking };
}

const A = [finding('aa'), finding('bb', 'critical'), finding('cc', 'low', false)];
const WRITER = { actor: 'alice', at: '2026-05-04T12:00:00Z', eligible: { ok: true } } as const;
const APPROVERS = 'someone with write access';

function label(extra: Partial<LabelEvidence> = {}): LabelEvidence {
  return { via: 'label', label: 'release-gate: approved', approvers: APPROVERS, ...extra };
}

/** A record whose comment showed these findings since 11:00. */
function shown(findings: Finding[], since = '2026-05-04T11:00:00Z'): ApprovalRecord {
  const blocking = findings.filter((item) => item.blocking);
  return { shown: { digest: blockingDigest(findings), since, findings: recordFindings(blocking) } };
}

describe('the digest of what blocks', () => {
  it('is 12 hex over the blocking findings only, in no particular order', () => {
    const digest = blockingDigest(A);
    expect(digest).toMatch(/^[0-9a-f]{12}$/);
    expect(blockingDigest([...A].reverse())).toBe(digest);
    expect(blockingDigest([A[0] as Finding, A[1] as Finding])).toBe(digest);
  });

  it('changes when a blocking finding is added, removed or changes severity', () => {
    const digest = blockingDigest(A);
    expect(blockingDigest([...A, finding('dd')])).not.toBe(digest);
    expect(blockingDigest([A[0] as Finding])).not.toBe(digest);
    expect(blockingDigest([finding('aa', 'medium'), finding('bb', 'critical')])).not.toBe(digest);
  });
});

describe('the record in the comment', () => {
  it('reads back what was written, and nothing in it can close the HTML comment', () => {
    const record: ApprovalRecord = {
      shown: { digest: 'abcdefabcdef', findings: recordFindings([finding('aa')]) },
      approval: { digest: 'abcdefabcdef', approver: 'a--b', at: '2026-05-04T12:00:00Z', via: 'label', findings: { count: 700 } },
    };
    const text = formatRecord(record);
    expect(text.slice(4, -3)).not.toContain('--');
    expect(findRecord(`## body\n${text}\n<!-- release-gate:x -->`)).toEqual({ record: { ...record, approval: { ...record.approval, approver: 'a--b' } } });
  });

  it('keeps at most 500 findings per list, and counts the rest', () => {
    const many = Array.from({ length: 501 }, (_, i) => finding(i.toString(16).padStart(4, '0')));
    expect(recordFindings(many)).toEqual({ count: 501 });
    expect(recordFindings(many.slice(0, 500)).marks).toHaveLength(500);
  });

  it('refuses a record it did not write, saying why', () => {
    expect(findRecord('<!-- release-gate-approval {"v":1,"approval":{"digest":"x","approver":"a","at":"2026-05-04T12:00:00Z","via":"label","count":0}} -->').problem).toMatch(/approval\.digest is not 12 hex/);
    expect(findRecord('<!-- release-gate-approval {nope} -->').problem).toBe('the approval record in the comment is not JSON');
    expect(findRecord('<!-- release-gate-approval {"v":2} -->').problem).toMatch(/unknown version/);
    expect(findRecord('no record')).toEqual({});
  });
});

describe('what an approval decides', () => {
  it('a new label by someone who may approve covers what the comment showed before it: the blocking findings are accepted', () => {
    const findings = structuredClone(A);
    const digest = blockingDigest(findings);
    const decision = decideApproval(label({ present: WRITER, record: shown(A) }), findings, digest);
    expect(decision.approval).toEqual({ digest, approver: 'alice', at: WRITER.at, via: 'label' });
    expect(decision.check.outcome).toBe('approved');
    expect(findings.map((item) => [item.status, item.blocking, item.approvedBy])).toEqual([
      ['accepted', false, 'alice'],
      ['accepted', false, 'alice'],
      ['new', false, undefined],
    ]);
  });

  it('a label added before the comment showed these findings, or in the same second, approves nothing and is removed', () => {
    for (const since of ['2026-05-04T12:30:00Z', WRITER.at]) {
      const findings = structuredClone(A);
      const decision = decideApproval(label({ present: WRITER, record: shown(A, since) }), findings, blockingDigest(findings));
      expect(decision.approval).toBeNull();
      expect(decision.check).toMatchObject({ outcome: 'changed', removeLabel: true });
      expect(findings.filter((item) => item.blocking)).toHaveLength(2);
    }
  });

  it('an approval holds for its digest only: another one lists what changed and removes the label', () => {
    const record = shown(A);
    record.approval = { digest: record.shown?.digest ?? '', approver: 'alice', at: WRITER.at, via: 'label', findings: record.shown?.findings ?? { count: 0 } };
    const now = [finding('aa', 'medium'), finding('dd'), finding('cc', 'low', false)];
    const decision = decideApproval(label({ present: WRITER, record }), now, blockingDigest(now));
    expect(decision.approval).toBeNull();
    expect(decision.check).toMatchObject({ outcome: 'changed', removeLabel: true, previous: { approver: 'alice' } });
    expect(decision.check.changes?.map((change) => `${change.change} ${change.id.slice(0, 2)} ${change.was ?? ''}${change.severity}`)).toEqual(['new dd high', 'severity aa highmedium', 'gone bb critical']);
    const markdown = renderApproval({ approvalCheck: decision.check }).join('\n');
    expect(markdown).toContain('**Changed since the approval:** 1 new, 1 gone, 1 severity change');
    expect(markdown).toContain('- **severity** high → medium · secret: finding aa (`app/aa`)');
  });

  it('a label by someone who may not approve is ignored with one sentence naming them and why', () => {
    const findings = structuredClone(A);
    const decision = decideApproval(label({ present: { ...WRITER, actor: 'bob', eligible: { ok: false, reason: '`@bob` has read access' } }, record: shown(A) }), findings, blockingDigest(findings));
    expect(decision.check.outcome).toBe('ignored');
    expect(decision.check.reason).toMatch(/^The label `release-gate: approved` added by `@bob` \(2026-05-04 12:00 UTC\) does not count: `@bob` has read access\. /);
    expect(decision.check.removeLabel).toBeUndefined();
  });

  it('evidence that could not be read blocks with one sentence, and keeps what was recorded', () => {
    const findings = structuredClone(A);
    const record = shown(A);
    record.approval = { digest: record.shown?.digest ?? '', approver: 'alice', at: WRITER.at, via: 'label', findings: { count: 2 } };
    const decision = decideApproval(label({ problem: 'the label events could not be read', present: WRITER, record }), findings, blockingDigest(findings));
    expect(decision.check).toMatchObject({ outcome: 'error', reason: 'Approvals were not checked, so the gate blocks: the label events could not be read.' });
    expect(findings.filter((item) => item.blocking)).toHaveLength(2);
    const next = nextRecord(record, { digest: blockingDigest(findings), approval: null, approvalCheck: decision.check, findings });
    expect(next.approval).toEqual(record.approval);
  });

  it('nothing blocking needs no approval', () => {
    const findings = [finding('cc', 'low', false)];
    expect(decideApproval(label({ present: WRITER }), findings, blockingDigest(findings)).check.outcome).toBe('not-needed');
  });

  it('approve-digest passes on the current digest for an actor who may approve, and says what to approve otherwise', () => {
    const digest = blockingDigest(A);
    const input = { via: 'input', actor: 'alice', approvers: APPROVERS, at: WRITER.at } as const;
    expect(decideApproval({ ...input, digests: [] }, structuredClone(A), digest).check.reason).toContain(`run again with \`approve-digest: ${digest}\``);
    expect(decideApproval({ ...input, digests: ['000000000000'], eligible: { ok: true } }, structuredClone(A), digest).check.outcome).toBe('changed');
    expect(decideApproval({ ...input, digests: [digest], eligible: { ok: false, reason: 'no' } }, structuredClone(A), digest).check.outcome).toBe('ignored');
    expect(decideApproval({ ...input, digests: [digest], eligible: { ok: true } }, structuredClone(A), digest).approval).toEqual({ digest, approver: 'alice', at: WRITER.at, via: 'input' });
  });
});

describe('the next record', () => {
  it('keeps since when the digest stays, and leaves it to the write when it changes', () => {
    const prior = shown(A);
    const same = nextRecord(prior, { digest: prior.shown?.digest ?? '', approval: null, findings: A });
    expect(same.shown?.since).toBe('2026-05-04T11:00:00Z');
    const other = [finding('zz')];
    expect(nextRecord(prior, { digest: blockingDigest(other), approval: null, findings: other }).shown?.since).toBeUndefined();
  });
});

describe('the approval block', () => {
  it('escapes what came from outside, and names people in code so nobody is pinged', () => {
    const lines = renderApproval({
      approvalCheck: {
        outcome: 'changed',
        via: 'label',
        reason: 'The label `x` added by `@alice` does not count: <img src=x> [link](http://evil) @everyone.',
        changes: [{ change: 'new', id: 'ab', severity: 'high', kind: 'secret', title: '<script>alert(1)</script> @org/team', path: 'a`b|c' }],
      },
    }).join('\n');
    expect(lines).not.toMatch(/<img|<script|\]\(http/);
    expect(lines).toContain('`@alice`');
    expect(lines).not.toMatch(/(^|[^`])@everyone/);
    expect(lines).not.toMatch(/(^|[^`])@org/);
  });
});

describe('SARIF of an approved report', () => {
  it('marks the approved results suppressed by the approval, naming the approver, and stays valid SARIF 2.1.0', () => {
    const findings = structuredClone(A);
    const digest = blockingDigest(findings);
    const decision = decideApproval(label({ present: WRITER, record: shown(A) }), findings, digest);
    const report: Report = {
      schemaVersion: 1,
      tool: { name: 'release-gate', version: '0' },
      target: { path: 'shop.tar.gz', format: 'tar.gz', sha256: '0'.repeat(64), files: 3, bytes: 3 },
      warnings: [],
      origins: [],
      baseline: null,
      files: [],
      packages: [],
      findings,
      verdict: 'warn',
      sources: [],
      notes: [],
      configs: [],
      changes: null,
      digest,
      approval: decision.approval,
    };
    const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { suppressions?: unknown }[] }[] };
    expect(sarif.runs[0]?.results.map((result) => result.suppressions)).toEqual([
      [{ kind: 'external', status: 'accepted', justification: `approved by @alice (the pull request label, digest ${digest}, ${WRITER.at})` }],
      [{ kind: 'external', status: 'accepted', justification: `approved by @alice (the pull request label, digest ${digest}, ${WRITER.at})` }],
      undefined,
    ]);
    const AjvDraft04 = ajvDraft04.default.default;
    const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(
      JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>,
    );
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
});
