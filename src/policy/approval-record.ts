import { APPROVAL_VIAS, SEVERITIES, type Approval, type Finding, type Severity } from '../model.js';
import { compareCodeUnits } from '../util/order.js';
import { isObject, isString, type JsonObject } from '../util/shape.js';
import { DIGEST_PATTERN } from './digest.js';

/**
 * The blocking findings of one digest as the record keeps them: the first 12 hex of each
 * id and a severity letter, sorted, so that a later run can say what changed since. A
 * list too long for the comment is left out (`marks` absent) and only counted.
 */
export interface RecordedFindings {
  marks?: string[];
  count: number;
}

export interface RecordedApproval extends Approval {
  findings: RecordedFindings;
}

/**
 * What the action keeps, hidden, in its own pull request comment: the digest the
 * comment shows and since when (a label approves what its author could see), the
 * approval in force, and the last one that stopped holding (to say what changed since).
 */
export interface ApprovalRecord {
  shown?: {
    digest: string;
    /** When the comment began to show this digest; absent in the text: the time of the comment's write that carries it. */
    since?: string;
    findings: RecordedFindings;
  };
  approval?: RecordedApproval;
  previous?: RecordedApproval;
}

const RECORD_VERSION = 1;
const PREFIX = '<!-- release-gate-approval ';
const SUFFIX = ' -->';
/** At most this many findings per list (about 7 KiB): a comment holds 65,536 characters, and the findings list needs them more. */
const MAX_MARKS = 500;
const MARK_ID = 12;
const LETTERS: Record<Severity, string> = { critical: 'c', high: 'h', medium: 'm', low: 'l', info: 'i' };
const MARK = /^[0-9a-f]{12}[chmli]$/;
/** GitHub logins (and an app's `name[bot]`). */
export const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** The blocking findings of a run as a record keeps them. */
export function recordFindings(findings: readonly Finding[]): RecordedFindings {
  const marks = findings.map((finding) => `${finding.id.slice(0, MARK_ID)}${LETTERS[finding.severity]}`).sort(compareCodeUnits);
  return marks.length > MAX_MARKS ? { count: marks.length } : { marks, count: marks.length };
}

/** A mark read back: the id's first 12 hex and the severity. */
export function readMark(mark: string): { id: string; severity: Severity } {
  const letter = mark.slice(MARK_ID);
  return { id: mark.slice(0, MARK_ID), severity: SEVERITIES.find((severity) => LETTERS[severity] === letter) ?? 'info' };
}

/** The record as one hidden line of the comment; nothing in it can close the HTML comment. */
export function formatRecord(record: ApprovalRecord): string {
  const lists = (findings: RecordedFindings): JsonObject => ({ ...(findings.marks ? { findings: findings.marks.join(' ') } : {}), count: findings.count });
  const approval = (value: RecordedApproval): JsonObject => ({
    digest: value.digest,
    approver: value.approver,
    at: value.at,
    via: value.via,
    ...lists(value.findings),
  });
  const data: JsonObject = { v: RECORD_VERSION };
  if (record.shown) data['shown'] = { digest: record.shown.digest, ...(record.shown.since ? { since: record.shown.since } : {}), ...lists(record.shown.findings) };
  if (record.approval) data['approval'] = approval(record.approval);
  if (record.previous) data['previous'] = approval(record.previous);
  // `--` could end the HTML comment: a JSON escape keeps the text the same JSON
  return `${PREFIX}${JSON.stringify(data).replace(/--/g, '-\\u002d')}${SUFFIX}`;
}

/** The record in a comment's text: absent when there is none; an error line when one is there but cannot be read. */
export function findRecord(body: string): { record?: ApprovalRecord; problem?: string } {
  const start = body.indexOf(PREFIX);
  if (start < 0) return {};
  const end = body.indexOf(SUFFIX, start + PREFIX.length);
  const text = end < 0 ? '' : body.slice(start + PREFIX.length, end);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'the approval record in the comment is not JSON' };
  }
  try {
    return { record: recordOf(data) };
  } catch (error) {
    return { problem: `the approval record in the comment is not one the gate writes (${error instanceof Error ? error.message : String(error)})` };
  }
}

function recordOf(data: unknown): ApprovalRecord {
  if (!isObject(data) || data['v'] !== RECORD_VERSION) throw new Error('unknown version');
  const record: ApprovalRecord = {};
  const shown = data['shown'];
  if (shown !== undefined) {
    if (!isObject(shown)) throw new Error('shown is not an object');
    const since = shown['since'];
    if (since !== undefined && !(isString(since) && TIME.test(since))) throw new Error('shown.since is not a time');
    record.shown = { digest: digestOf(shown, 'shown'), ...(isString(since) ? { since } : {}), findings: findingsOf(shown, 'shown') };
  }
  for (const key of ['approval', 'previous'] as const) {
    const value = data[key];
    if (value === undefined) continue;
    if (!isObject(value)) throw new Error(`${key} is not an object`);
    const approver = value['approver'];
    const at = value['at'];
    const via = value['via'];
    if (!(isString(approver) && LOGIN.test(approver))) throw new Error(`${key}.approver is not a login`);
    if (!(isString(at) && TIME.test(at))) throw new Error(`${key}.at is not a time`);
    if (!(isString(via) && (APPROVAL_VIAS as readonly string[]).includes(via))) throw new Error(`${key}.via is not label or input`);
    record[key] = { digest: digestOf(value, key), approver, at, via: via as Approval['via'], findings: findingsOf(value, key) };
  }
  return record;
}

function digestOf(value: JsonObject, where: string): string {
  const digest = value['digest'];
  if (!(isString(digest) && DIGEST_PATTERN.test(digest))) throw new Error(`${where}.digest is not 12 hex`);
  return digest;
}

function findingsOf(value: JsonObject, where: string): RecordedFindings {
  const count = value['count'];
  const list = value['findings'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new Error(`${where}.count is not a count`);
  if (list === undefined) return { count };
  if (!isString(list)) throw new Error(`${where}.findings is not a list`);
  const marks = list.length === 0 ? [] : list.split(' ');
  if (marks.length !== count || !marks.every((mark) => MARK.test(mark))) throw new Error(`${where}.findings does not match its count`);
  return { marks, count };
}
