import * as core from '@actions/core';
import { context } from '@actions/github';
import type { Report } from '../model.js';
import { formatRecord, type ApprovalRecord } from '../policy/approval-record.js';
import { nextRecord, type ApprovalEvidence, type Eligibility, type LabelEvidence } from '../policy/approval.js';
import { isObject, isString } from '../util/shape.js';
import { ownComment, readComments, type OwnComment, type PullRequestComments } from './approval-comment.js';
import { describeApprovers, mayApprove } from './approver-check.js';
import { unreadableEvent } from './event-file.js';
import { statusOf, warnPermission, type Octokit, type RunContext } from './github.js';
import type { ActionInputs } from './inputs.js';
import { currentLabel, type LabelState } from './label-events.js';
import { commentMarker } from './pr-comment.js';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** Runs where a person approves through the `approve-digest` input. */
const INPUT_EVENTS = new Set(['release', 'workflow_dispatch', 'deployment', 'deployment_status']);

/** What the pull request comment needs from the approvals: the hidden record, and which comment is the action's own. */
export interface CommentPart {
  hidden?: string;
  /** The action's own comment (null: it has none yet, make one); absent: find it by the marker. */
  commentId?: number | null;
}

/**
 * The GitHub side of release approvals, read once before the scans: on a pull request,
 * the approval label's events, the permission of whoever added it, and the record in
 * the action's own comment; on a release, dispatch or deployment run, the
 * `approve-digest` input and the permission of the run's actor. Nothing here decides:
 * the evidence goes to the scan (`policy/approval.ts`), and after it the action removes
 * a stale label and writes the next record into its comment.
 */
export class Approvals {
  private labelRemoved = false;

  private constructor(
    private readonly mode: 'label' | 'input' | 'none',
    private readonly github: () => Octokit,
    private readonly run: RunContext,
    private readonly inputs: ActionInputs,
    private readonly label: Omit<LabelEvidence, 'record' | 'notes'> | undefined,
    private readonly input: ApprovalEvidence | undefined,
    private readonly comments: PullRequestComments | undefined,
  ) {}

  static async prepare(github: () => Octokit, run: RunContext, inputs: ActionInputs): Promise<Approvals> {
    const event = process.env['GITHUB_EVENT_NAME'] ?? '';
    if (PULL_REQUEST_EVENTS.has(event)) {
      if (inputs.approveDigest.length > 0) core.warning('approve-digest is ignored on pull request events: there a maintainer approves with the label (approval-label)');
      return Approvals.forPullRequest(github, run, inputs);
    }
    if (INPUT_EVENTS.has(event) || inputs.approveDigest.length > 0) return Approvals.forInput(github, run, inputs);
    return new Approvals('none', github, run, inputs, undefined, undefined, undefined);
  }

  private static async forPullRequest(github: () => Octokit, run: RunContext, inputs: ActionInputs): Promise<Approvals> {
    const base: Omit<LabelEvidence, 'record' | 'notes'> = {
      via: 'label',
      label: inputs.approvalLabel,
      approvers: describeApprovers({ excludeAuthor: inputs.approversExcludeAuthor, teams: inputs.approvers }),
    };
    const unreadable = unreadableEvent();
    if (unreadable !== undefined) return new Approvals('label', github, run, inputs, { ...base, problem: unreadable }, undefined, undefined);
    const pr: unknown = context.payload.pull_request;
    const number = isObject(pr) ? pr['number'] : undefined;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
      return new Approvals('label', github, run, inputs, { ...base, problem: 'the event payload has no pull_request.number' }, undefined, undefined);
    }
    // the comment first: whatever else fails, a record the action wrote is carried to its next comment, never lost
    let octokit: Octokit;
    let comments: PullRequestComments | undefined;
    let commentProblem: string | undefined;
    try {
      octokit = github();
    } catch (error) {
      return new Approvals('label', github, run, inputs, { ...base, problem: error instanceof Error ? error.message : String(error) }, undefined, undefined);
    }
    if (inputs.comment !== 'never') {
      try {
        comments = await readComments(octokit, run, number);
      } catch (error) {
        commentProblem = error instanceof Error ? error.message : String(error);
      }
    }
    const fail = (problem: string): Approvals => new Approvals('label', github, run, inputs, { ...base, problem }, undefined, comments);
    const user = isObject(pr) ? pr['user'] : undefined;
    const author = isObject(user) ? user['login'] : undefined;
    if (!isString(author)) return fail('the event payload names no author of the pull request (pull_request.user.login)');
    let present: LabelState | undefined;
    try {
      present = await currentLabel(octokit, run, number, inputs.approvalLabel);
    } catch (error) {
      return fail(`the label events of pull request #${number} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (commentProblem !== undefined) {
      if (present) return fail(commentProblem);
      core.warning(`release-gate could not read its pull request comment to find an approval record: ${commentProblem}`);
    }
    let evidence: Omit<LabelEvidence, 'record' | 'notes'> = base;
    if (present) {
      const eligible: Eligibility =
        inputs.comment === 'never'
          ? { ok: false, reason: 'the gate keeps approvals in its pull request comment, and the comment input is never' }
          : await mayApprove(octokit, run, present.actor, { ...(inputs.approversExcludeAuthor ? { author } : {}), teams: inputs.approvers });
      evidence = { ...base, present: { actor: present.actor ?? 'ghost', at: present.at, eligible } };
    }
    return new Approvals('label', github, run, inputs, evidence, undefined, comments);
  }

  private static async forInput(github: () => Octokit, run: RunContext, inputs: ActionInputs): Promise<Approvals> {
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const actor = process.env['GITHUB_ACTOR'] ?? '';
    const evidence = {
      via: 'input' as const,
      digests: inputs.approveDigest,
      actor: actor || 'unknown',
      approvers: describeApprovers({ excludeAuthor: false, teams: inputs.approvers }),
      at,
    };
    if (inputs.approveDigest.length === 0) return new Approvals('input', github, run, inputs, undefined, evidence, undefined);
    if (!actor) return new Approvals('input', github, run, inputs, undefined, { ...evidence, problem: 'GITHUB_ACTOR is not set, so nobody can be checked' }, undefined);
    let eligible: Eligibility;
    try {
      eligible = await mayApprove(github(), run, actor, { teams: inputs.approvers });
    } catch (error) {
      eligible = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    return new Approvals('input', github, run, inputs, undefined, { ...evidence, eligible }, undefined);
  }

  /** What the scan of this package weighs (undefined: approvals do not apply to this run). */
  evidenceFor(commentKey: string): ApprovalEvidence | undefined {
    if (this.mode === 'input') return this.input;
    if (this.mode === 'none' || !this.label) return undefined;
    const own = this.own(commentKey);
    return { ...this.label, ...(own?.record ? { record: own.record } : {}), ...(own && own.notes.length > 0 ? { notes: own.notes } : {}) };
  }

  /**
   * After the scan: say what the approval check found, remove a stale label (once per
   * run; the next approval is a deliberate act), and give the comment its next record.
   */
  async settle(report: Report, commentKey: string): Promise<CommentPart> {
    const check = report.approvalCheck;
    if (check) {
      const line = `approval: ${check.reason.replace(/`/g, '')}`;
      if (check.outcome === 'approved' || check.outcome === 'needed' || check.outcome === 'not-needed') core.info(line);
      else core.warning(line);
    }
    if (this.mode !== 'label') return {};
    if (check?.removeLabel && !this.labelRemoved && this.run.pullRequest !== undefined) {
      this.labelRemoved = true;
      try {
        await this.github().request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
          owner: this.run.owner,
          repo: this.run.repo,
          issue_number: this.run.pullRequest,
          name: this.inputs.approvalLabel,
        });
        core.info(`removed the label '${this.inputs.approvalLabel}': it approved other findings than this run's`);
      } catch (error) {
        if (statusOf(error) !== 404) warnPermission(`remove the stale label '${this.inputs.approvalLabel}'`, 'pull-requests: write', error);
      }
    }
    if (!this.comments || report.digest === undefined) return {};
    const own = this.own(commentKey);
    const prior: ApprovalRecord | undefined = own?.record;
    return { hidden: formatRecord(nextRecord(prior, report)), commentId: own?.id ?? null };
  }

  private own(commentKey: string): OwnComment | undefined {
    return this.comments ? ownComment(this.comments, commentMarker(commentKey)) : undefined;
  }
}
