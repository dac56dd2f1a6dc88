import type { Approval, ApprovalChange, ApprovalCheck, Finding, Report } from '../model.js';
import { severityRank } from '../util/order.js';
import { readMark, recordFindings, type ApprovalRecord, type RecordedApproval, type RecordedFindings } from './approval-record.js';

/** Whether a person may approve, as the action found out through GitHub's API. */
export type Eligibility = { ok: true } | { ok: false; reason: string };

/** A label on a pull request, as the action read it from GitHub. */
export interface LabelEvidence {
  via: 'label';
  label: string;
  /** Who may approve, in words (`someone with write, maintain or admin access who did not open this pull request`). */
  approvers: string;
  /** The evidence could not be read: the gate blocks and says why in this sentence. */
  problem?: string;
  /** The label on the pull request now: who added it last and when; absent when it is not on it. */
  present?: { actor: string; at: string; eligible: Eligibility };
  /** The record in the action's own comment, when the action wrote it and nobody else edited it. */
  record?: ApprovalRecord;
  /** Sentences about a record that is not trusted or could not be read. */
  notes?: string[];
}

/** The `approve-digest` input of a release, dispatch or deployment run. */
export interface InputEvidence {
  via: 'input';
  /** The digests given (none: the run only says what to approve). */
  digests: string[];
  /** The run's actor. */
  actor: string;
  /** Who may approve, in words. */
  approvers: string;
  /** Checked when digests were given. */
  eligible?: Eligibility;
  /** When the run took the input. */
  at: string;
  problem?: string;
}

export type ApprovalEvidence = LabelEvidence | InputEvidence;

export interface ApprovalDecision {
  approval: Approval | null;
  check: ApprovalCheck;
}

/**
 * Decide what an approval does to one scan: pure, from the blocking findings, their
 * digest and the evidence the action read. An approval applies only to the digest it
 * covered: the blocking findings become `accepted` with the approver named. Anything
 * else leaves them blocking and says why, in one sentence a reviewer can act on.
 */
export function decideApproval(evidence: ApprovalEvidence, findings: Finding[], digest: string): ApprovalDecision {
  const blocking = findings.filter((finding) => finding.blocking);
  const base = { via: evidence.via, ...(evidence.via === 'label' ? { label: evidence.label } : {}) } as const;
  const notes = evidence.via === 'label' && evidence.notes && evidence.notes.length > 0 ? { notes: evidence.notes } : {};
  if (blocking.length === 0) {
    return { approval: null, check: { outcome: 'not-needed', ...base, reason: 'Nothing blocks: no approval is needed.', ...notes } };
  }
  const these = `${blocking.length === 1 ? 'the blocking finding' : `these ${blocking.length} blocking findings`} (digest \`${digest}\`)`;
  if (evidence.problem !== undefined) {
    return { approval: null, check: { outcome: 'error', ...base, reason: `Approvals were not checked, so the gate blocks: ${evidence.problem}.`, ...notes } };
  }
  if (evidence.via === 'input') return decideInput(evidence, blocking, digest, these);

  const { label, record, present } = evidence;
  const recorded = record?.approval;
  const changed = (since: RecordedApproval | undefined, findingsThen: RecordedFindings | undefined): Partial<ApprovalCheck> => ({
    ...(since ? { previous: approvalOf(since) } : {}),
    ...(findingsThen && since?.digest !== digest ? changesPart(findingsThen, findings, blocking) : {}),
  });
  const check = (outcome: ApprovalCheck['outcome'], reason: string, extra: Partial<ApprovalCheck> = {}): ApprovalDecision => ({
    approval: null,
    check: { outcome, ...base, reason, ...extra, ...notes },
  });
  const ask = `Review them, then ${evidence.approvers} adds the label \`${label}\``;

  if (!present) {
    if (recorded) {
      return check('withdrawn', `The approval of digest \`${recorded.digest}\` by \`@${recorded.approver}\` (${when(recorded.at)}) was withdrawn: the label \`${label}\` was removed. ${ask} to approve ${these}.`, changed(recorded, recorded.findings));
    }
    const previous = record?.previous;
    if (previous) {
      return check(
        'changed',
        previous.digest === digest
          ? `\`@${previous.approver}\` approved digest \`${previous.digest}\` (${when(previous.at)}), and that approval no longer holds. ${ask} again to approve ${these}.`
          : `\`@${previous.approver}\` approved digest \`${previous.digest}\` (${when(previous.at)}); the blocking findings changed since (digest \`${digest}\`), so a new approval is needed. ${ask} again to approve ${these}.`,
        changed(previous, previous.findings),
      );
    }
    return check('needed', `Nobody has approved ${these}. ${ask} to let exactly them through; any change to them later needs a new approval.`);
  }

  const { actor, at, eligible } = present;
  const sameAct = recorded !== undefined && recorded.approver.toLowerCase() === actor.toLowerCase() && recorded.at === at;
  if (!eligible.ok) {
    const superseded = recorded && !sameAct ? changed(recorded, undefined) : sameAct ? changed(recorded, recorded.findings) : {};
    return check('ignored', `The label \`${label}\` added by \`@${actor}\` (${when(at)}) does not count: ${eligible.reason}. ${ask} to approve ${these}.`, superseded);
  }
  if (sameAct) {
    if (recorded.digest === digest) return approve(blocking, { digest, approver: recorded.approver, at: recorded.at, via: 'label' }, these, label);
    return check(
      'changed',
      `\`@${recorded.approver}\` approved digest \`${recorded.digest}\` (${when(recorded.at)}); the blocking findings changed since (digest \`${digest}\`), so a new approval is needed. The gate removes the label \`${label}\`: ${evidence.approvers} adds it again after reviewing them.`,
      { ...changed(recorded, recorded.findings), removeLabel: true },
    );
  }

  // a new label: it approves what the gate's comment showed when it was added, nothing the author pushed after
  const shown = record?.shown;
  const superseded = recorded ? { previous: approvalOf(recorded) } : {};
  // GitHub's times have whole seconds: a label in the same second as the comment's write may have come first
  if (!shown || shown.since === undefined || !(Date.parse(shown.since) < Date.parse(at))) {
    const what = shown?.since ? `before the gate's comment showed digest \`${shown.digest}\` (${when(shown.since)})` : "before the gate's comment showed any findings it could approve";
    return check(
      'changed',
      `The label \`${label}\` added by \`@${actor}\` (${when(at)}) came ${what}, so it cannot have approved ${these}. The gate removes the label: ${evidence.approvers} adds it again after reviewing them.`,
      { ...superseded, removeLabel: true },
    );
  }
  if (shown.digest !== digest) {
    return check(
      'changed',
      `The label \`${label}\` added by \`@${actor}\` (${when(at)}) approved digest \`${shown.digest}\`, the findings the gate showed then; they changed since (digest \`${digest}\`), so a new approval is needed. The gate removes the label: ${evidence.approvers} adds it again after reviewing them.`,
      { ...superseded, ...changesPart(shown.findings, findings, blocking), removeLabel: true },
    );
  }
  return approve(blocking, { digest, approver: actor, at, via: 'label' }, these, label);
}

function decideInput(evidence: InputEvidence, blocking: Finding[], digest: string, these: string): ApprovalDecision {
  const check = (outcome: ApprovalCheck['outcome'], reason: string): ApprovalDecision => ({ approval: null, check: { outcome, via: 'input', reason } });
  const ask = `Review them, then run again with \`approve-digest: ${digest}\` as ${evidence.approvers}`;
  if (evidence.digests.length === 0) return check('needed', `Nobody has approved ${these}. ${ask} to let exactly them through.`);
  if (!evidence.eligible?.ok) {
    const reason = evidence.eligible ? evidence.eligible.reason : 'it was not checked';
    return check('ignored', `approve-digest was given by \`@${evidence.actor}\`, who may not approve: ${reason}. ${ask}.`);
  }
  if (!evidence.digests.includes(digest)) {
    const given = evidence.digests.map((value) => `\`${value}\``).join(', ');
    return check('changed', `approve-digest is ${given}, but this package's blocking findings have digest \`${digest}\`: the findings differ from what was approved. ${ask} to approve ${these}.`);
  }
  return approve(blocking, { digest, approver: evidence.actor, at: evidence.at, via: 'input' }, these);
}

/** The blocking findings become accepted, each naming who approved it, when and how. */
function approve(blocking: Finding[], approval: Approval, these: string, label?: string): ApprovalDecision {
  const how = approval.via === 'label' ? `with the label \`${label ?? ''}\`` : 'with `approve-digest`';
  for (const finding of blocking) {
    finding.status = 'accepted';
    finding.blocking = false;
    finding.approvedBy = approval.approver;
    const note = `approved by @${approval.approver} on ${approval.at.slice(0, 10)} (digest ${approval.digest}, ${approval.via === 'label' ? 'label' : 'approve-digest'})`;
    finding.detail = finding.detail ? `${finding.detail}; ${note}` : note;
  }
  return {
    approval,
    check: {
      outcome: 'approved',
      via: approval.via,
      ...(label !== undefined ? { label } : {}),
      reason: `\`@${approval.approver}\` approved ${these} on ${when(approval.at)} ${how}: they are accepted. Any change to them needs a new approval.`,
    },
  };
}

function approvalOf(recorded: RecordedApproval): Approval {
  return { digest: recorded.digest, approver: recorded.approver, at: recorded.at, via: recorded.via };
}

function changesPart(then: RecordedFindings, findings: readonly Finding[], blocking: readonly Finding[]): Pick<ApprovalCheck, 'changes' | 'changesUnknown'> {
  const changes = approvalChanges(then, findings, blocking);
  return changes ? { changes } : { changesUnknown: true };
}

/**
 * What differs between the blocking findings a record kept and this run's: new, gone,
 * another severity; the gravest first. Undefined when the record kept only a count.
 */
export function approvalChanges(then: RecordedFindings, findings: readonly Finding[], blocking: readonly Finding[]): ApprovalChange[] | undefined {
  if (!then.marks) return undefined;
  const before = new Map(then.marks.map((mark) => [readMark(mark).id, readMark(mark).severity]));
  const out: ApprovalChange[] = [];
  for (const finding of blocking) {
    const short = finding.id.slice(0, 12);
    const was = before.get(short);
    const about = { id: finding.id, severity: finding.severity, kind: finding.kind, title: finding.title, ...(finding.path !== undefined ? { path: finding.path } : {}) };
    if (was === undefined) out.push({ change: 'new', ...about });
    else if (was !== finding.severity) out.push({ change: 'severity', ...about, was });
    before.delete(short);
  }
  for (const [id, severity] of before) {
    // a finding that stopped blocking may still be in the report (below the policy, accepted)
    const still = findings.find((finding) => finding.id.startsWith(id));
    out.push({ change: 'gone', id: still?.id ?? id, severity, ...(still ? { kind: still.kind, title: still.title, ...(still.path !== undefined ? { path: still.path } : {}) } : {}) });
  }
  const order = { new: 0, severity: 1, gone: 2 } as const;
  return out.sort((a, b) => order[a.change] - order[b.change] || severityRank(a.severity) - severityRank(b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The record the action writes after a run: the digest its comment now shows (and
 * since when: kept while the digest stays, else the time of this write), the approval
 * in force, and the last approval that stopped holding.
 */
export function nextRecord(prior: ApprovalRecord | undefined, report: Pick<Report, 'digest' | 'approval' | 'approvalCheck' | 'findings'>): ApprovalRecord {
  const digest = report.digest ?? '';
  const approved = report.findings.filter((finding) => finding.blocking || finding.approvedBy !== undefined);
  const findings = recordFindings(approved);
  const record: ApprovalRecord = {
    shown: { digest, ...(prior?.shown?.digest === digest && prior.shown.since ? { since: prior.shown.since } : {}), findings },
  };
  const listOf = (approval: Approval): RecordedFindings => {
    if (approval.digest === digest) return findings;
    for (const candidate of [prior?.approval, prior?.previous]) if (candidate?.digest === approval.digest) return candidate.findings;
    if (prior?.shown?.digest === approval.digest) return prior.shown.findings;
    return { count: 0 };
  };
  if (report.approval && report.approval.via === 'label') {
    record.approval = { ...report.approval, findings: listOf(report.approval) };
    return record;
  }
  // nothing blocks, or the evidence could not be read: what was recorded stays, this run decided nothing about it
  const outcome = report.approvalCheck?.outcome;
  if (outcome === 'not-needed' || outcome === 'error') {
    if (prior?.approval) record.approval = prior.approval;
    if (prior?.previous) record.previous = prior.previous;
    return record;
  }
  const previous = report.approvalCheck?.previous ?? (prior?.previous ? approvalOf(prior.previous) : undefined);
  if (previous) record.previous = { ...previous, findings: listOf(previous) };
  return record;
}

/** `2026-05-04 14:03 UTC` from an ISO time. */
export function when(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}
