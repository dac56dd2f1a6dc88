import { createHash } from 'node:crypto';
import { ScanError } from '../errors.js';
import { INTEGRITY_LINE } from '../util/integrity.js';
import {
  APPROVAL_VIAS,
  ECOSYSTEMS,
  ENTRY_TYPES,
  FINDING_KINDS,
  FINDING_STATUSES,
  ORIGIN_USES,
  SCHEMA_VERSION,
  SEVERITIES,
  SPECIAL_KINDS,
  TARGET_FORMATS,
  VERDICTS,
  type Approval,
  type ApprovalCheck,
  type FileRecord,
  type Finding,
  type Package,
  type Place,
  type Changes,
  type ConfigText,
  type OriginRecord,
  type Report,
  type SourceSummary,
  type TargetSummary,
} from '../model.js';
import { ShapeError, describeValue, isNonNegativeInteger, isObject, isString, isStringArray, type JsonObject } from '../util/shape.js';

const HEX64 = /^[0-9a-f]{64}$/;
const MODE = /^[0-7]{4}$/;

/**
 * Read a JSON report back (it is the manifest a later scan takes as its baseline).
 * Every field is checked: a report is untrusted input like any package. A report of
 * another schema version is refused, never guessed at.
 */
export function parseReport(text: string, source: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ScanError(`${source} is not JSON; pass the JSON report a release-gate scan wrote (--report)`);
  }
  if (!isObject(data) || !('schemaVersion' in data)) {
    throw new ScanError(`${source} is not a release-gate report (no schemaVersion); pass the JSON report a scan wrote (--report)`);
  }
  if (data['schemaVersion'] !== SCHEMA_VERSION) {
    throw new ScanError(
      `${source} is a report of schema version ${describeValue(data['schemaVersion'])}; this release-gate reads version ${SCHEMA_VERSION}: scan the baseline package again with this version`,
    );
  }
  checkIntegrity(text, source);
  try {
    return reportOf(data);
  } catch (error) {
    if (error instanceof ShapeError) {
      throw new ScanError(`${source} is not a valid release-gate report: ${error.message}; pass the JSON report a scan wrote, unedited`);
    }
    throw error;
  }
}

/**
 * A report is trusted only as the scan wrote it: its last field is the SHA-256 of the
 * text before it, so a hand edit (a finding made to look `existing`) shows. A digest is
 * no signature: where a baseline comes from is what the action checks (a pull request may
 * not bring its own); this catches the edit that the source check cannot see.
 */
function checkIntegrity(text: string, source: string): void {
  const line = INTEGRITY_LINE.exec(text);
  if (!line) {
    throw new ScanError(`${source} has no integrity digest: it was edited, or written by something other than a release-gate scan; scan the baseline package again, or take the report its scan wrote`);
  }
  const written = createHash('sha256').update(text.slice(0, line.index + 1)).digest('hex');
  if (written !== line[1]) {
    throw new ScanError(`${source} was edited after the scan wrote it (its integrity digest does not match its content); a baseline must be the report as written: scan the baseline package again, or take the report its scan wrote`);
  }
}

function reportOf(data: JsonObject): Report {
  const tool = need(data, 'tool', 'tool', isObject);
  const files = need(data, 'files', 'files', Array.isArray).map((item, i) => fileOf(item, `files[${i}]`));
  const packages = need(data, 'packages', 'packages', Array.isArray).map((item, i) => packageOf(item, `packages[${i}]`));
  const findings = need(data, 'findings', 'findings', Array.isArray).map((item, i) => findingOf(item, `findings[${i}]`));
  const baseline = data['baseline'];
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: need(tool, 'name', 'tool.name', isString), version: need(tool, 'version', 'tool.version', isString) },
    target: targetOf(data['target'], 'target'),
    baseline: baseline === null || baseline === undefined ? null : targetOf(baseline, 'baseline'),
    files,
    packages,
    findings,
    verdict: oneOf(data, 'verdict', 'verdict', VERDICTS),
    sources: list(data, 'sources').map((item, i) => sourceOf(item, `sources[${i}]`)),
    notes: list(data, 'notes').map((item, i) => {
      if (!isString(item)) throw new ShapeError(`notes[${i}]`, `is ${describeValue(item)}`);
      return item;
    }),
    configs: list(data, 'configs').map((item, i) => configOf(item, `configs[${i}]`)),
    // what changed against the report's own baseline: shown, never compared, so kept as read
    changes: isObject(data['changes']) ? (data['changes'] as unknown as Changes) : null,
    ...approvalOf(data),
    warnings: list(data, 'warnings').map((item, i) => {
      if (!isString(item)) throw new ShapeError(`warnings[${i}]`, `is ${describeValue(item)}`);
      return item;
    }),
    origins: list(data, 'origins').map((item, i) => originOf(item, `origins[${i}]`)),
  };
}

/** The digest and approval of the report (absent from reports written before approvals). */
function approvalOf(data: JsonObject): Pick<Report, 'digest' | 'approval' | 'approvalCheck'> {
  const out: Pick<Report, 'digest' | 'approval' | 'approvalCheck'> = {};
  const digest = maybe(data, 'digest', 'digest', (value): value is string => isString(value) && /^[0-9a-f]{12}$/.test(value));
  if (digest !== undefined) out.digest = digest;
  const approval = data['approval'];
  if (approval === null) out.approval = null;
  else if (approval !== undefined) {
    if (!isObject(approval)) throw new ShapeError('approval', `is ${describeValue(approval)}, expected an object or null`);
    const read: Approval = {
      digest: need(approval, 'digest', 'approval.digest', isString),
      approver: need(approval, 'approver', 'approval.approver', isString),
      at: need(approval, 'at', 'approval.at', isString),
      via: oneOf(approval, 'via', 'approval.via', APPROVAL_VIAS),
    };
    out.approval = read;
  }
  // what the gate made of approvals in that run: shown, never compared, so kept as read
  if (isObject(data['approvalCheck'])) out.approvalCheck = data['approvalCheck'] as unknown as ApprovalCheck;
  return out;
}

function originOf(value: unknown, where: string): OriginRecord {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const uses = need(value, 'uses', `${where}.uses`, isStringArray);
  for (const [i, use] of uses.entries()) {
    if (!(ORIGIN_USES as readonly string[]).includes(use)) throw new ShapeError(`${where}.uses[${i}]`, `is ${describeValue(use)}, expected one of ${ORIGIN_USES.join(', ')}`);
  }
  const origin: OriginRecord = {
    origin: need(value, 'origin', `${where}.origin`, isString),
    uses: uses as OriginRecord['uses'],
    paths: need(value, 'paths', `${where}.paths`, isStringArray),
  };
  const payment = maybe(value, 'payment', `${where}.payment`, (flag): flag is boolean => typeof flag === 'boolean');
  if (payment !== undefined) origin.payment = payment;
  return origin;
}

function configOf(value: unknown, where: string): ConfigText {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const config: ConfigText = {
    path: need(value, 'path', `${where}.path`, isString),
    sha256: need(value, 'sha256', `${where}.sha256`, isString),
  };
  const text = maybe(value, 'text', `${where}.text`, isString);
  if (text !== undefined) config.text = text;
  if (value['omitted'] !== undefined) config.omitted = oneOf(value, 'omitted', `${where}.omitted`, ['binary', 'too-large', 'report-bound'] as const);
  return config;
}

/** An optional list (reports written before the field existed have none). */
function list(data: JsonObject, key: string): unknown[] {
  const value = data[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ShapeError(key, `is ${describeValue(value)}, expected a list`);
  return value;
}

function sourceOf(value: unknown, where: string): SourceSummary {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const summary: SourceSummary = {
    source: need(value, 'source', `${where}.source`, isString),
    records: need(value, 'records', `${where}.records`, isNonNegativeInteger),
    httpCalls: need(value, 'httpCalls', `${where}.httpCalls`, isNonNegativeInteger),
    skipped: need(value, 'skipped', `${where}.skipped`, isNonNegativeInteger),
  };
  const failed = maybe(value, 'failed', `${where}.failed`, isString);
  if (failed !== undefined) summary.failed = failed;
  return summary;
}

function targetOf(value: unknown, where: string): TargetSummary {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const target: TargetSummary = {
    path: need(value, 'path', `${where}.path`, isString),
    format: oneOf(value, 'format', `${where}.format`, TARGET_FORMATS),
    sha256: need(value, 'sha256', `${where}.sha256`, isString),
    files: need(value, 'files', `${where}.files`, isNonNegativeInteger),
    bytes: need(value, 'bytes', `${where}.bytes`, isNonNegativeInteger),
  };
  const root = maybe(value, 'root', `${where}.root`, isString);
  if (root !== undefined) target.root = root;
  return target;
}

function placeOf(value: unknown, where: string): Place {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const place: Place = { path: need(value, 'path', `${where}.path`, isString) };
  const line = maybe(value, 'line', `${where}.line`, isPositiveInteger);
  if (line !== undefined) place.line = line;
  return place;
}

function isPositiveInteger(value: unknown): value is number {
  return isNonNegativeInteger(value) && value > 0;
}

function fileOf(value: unknown, where: string): FileRecord {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const record: FileRecord = {
    path: need(value, 'path', `${where}.path`, isString),
    type: oneOf(value, 'type', `${where}.type`, ENTRY_TYPES),
    mode: need(value, 'mode', `${where}.mode`, (mode): mode is string => isString(mode) && MODE.test(mode)),
  };
  const uid = maybe(value, 'uid', `${where}.uid`, isNonNegativeInteger);
  const gid = maybe(value, 'gid', `${where}.gid`, isNonNegativeInteger);
  const size = maybe(value, 'size', `${where}.size`, isNonNegativeInteger);
  const sha256 = maybe(value, 'sha256', `${where}.sha256`, (hash): hash is string => isString(hash) && HEX64.test(hash));
  const link = maybe(value, 'link', `${where}.link`, isString);
  if (uid !== undefined) record.uid = uid;
  if (gid !== undefined) record.gid = gid;
  if (size !== undefined) record.size = size;
  if (sha256 !== undefined) record.sha256 = sha256;
  if (link !== undefined) record.link = link;
  if (value['special'] !== undefined) record.special = oneOf(value, 'special', `${where}.special`, SPECIAL_KINDS);
  const by = maybe(value, 'by', `${where}.by`, isStringArray);
  const stored = maybe(value, 'stored', `${where}.stored`, isString);
  if (by !== undefined) record.by = by;
  if (stored !== undefined) record.stored = stored;
  return record;
}

function packageOf(value: unknown, where: string): Package {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const result: Package = {
    ecosystem: oneOf(value, 'ecosystem', `${where}.ecosystem`, ECOSYSTEMS),
    name: need(value, 'name', `${where}.name`, isString),
    version: need(value, 'version', `${where}.version`, isString),
    purl: need(value, 'purl', `${where}.purl`, isString),
    locations: need(value, 'locations', `${where}.locations`, isStringArray),
  };
  const dev = maybe(value, 'dev', `${where}.dev`, (flag): flag is boolean => typeof flag === 'boolean');
  const release = maybe(value, 'release', `${where}.release`, isString);
  const installed = maybe(value, 'installed', `${where}.installed`, (flag): flag is boolean => typeof flag === 'boolean');
  if (installed !== undefined) result.installed = installed;
  const aliases = maybe(value, 'aliases', `${where}.aliases`, isStringArray);
  if (dev !== undefined) result.dev = dev;
  if (release !== undefined) result.release = release;
  if (aliases !== undefined) result.aliases = aliases;
  return result;
}

function findingOf(value: unknown, where: string): Finding {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const finding: Finding = {
    id: need(value, 'id', `${where}.id`, isString),
    kind: oneOf(value, 'kind', `${where}.kind`, FINDING_KINDS),
    severity: oneOf(value, 'severity', `${where}.severity`, SEVERITIES),
    title: need(value, 'title', `${where}.title`, isString),
    status: oneOf(value, 'status', `${where}.status`, FINDING_STATUSES),
    blocking: need(value, 'blocking', `${where}.blocking`, (flag): flag is boolean => typeof flag === 'boolean'),
  };
  const path = maybe(value, 'path', `${where}.path`, isString);
  const rule = maybe(value, 'rule', `${where}.rule`, isString);
  const detail = maybe(value, 'detail', `${where}.detail`, isString);
  if (path !== undefined) finding.path = path;
  if (rule !== undefined) finding.rule = rule;
  if (detail !== undefined) finding.detail = detail;
  const excerpt = maybe(value, 'excerpt', `${where}.excerpt`, isString);
  if (excerpt !== undefined) finding.excerpt = excerpt;
  if (value['scope'] !== undefined) finding.scope = oneOf(value, 'scope', `${where}.scope`, ['dev'] as const);
  const approvedBy = maybe(value, 'approvedBy', `${where}.approvedBy`, isString);
  if (approvedBy !== undefined) finding.approvedBy = approvedBy;
  const line = maybe(value, 'line', `${where}.line`, isPositiveInteger);
  if (line !== undefined) finding.line = line;
  const related = maybe(value, 'related', `${where}.related`, Array.isArray);
  if (related !== undefined) finding.related = related.map((item, i) => placeOf(item, `${where}.related[${i}]`));
  const upgradeTo = maybe(value, 'upgradeTo', `${where}.upgradeTo`, isString);
  if (upgradeTo !== undefined) finding.upgradeTo = upgradeTo;
  const pkg = value['package'];
  if (pkg !== undefined) {
    if (!isObject(pkg)) throw new ShapeError(`${where}.package`, `is ${describeValue(pkg)}, expected an object`);
    finding.package = {
      ecosystem: oneOf(pkg, 'ecosystem', `${where}.package.ecosystem`, ECOSYSTEMS),
      name: need(pkg, 'name', `${where}.package.name`, isString),
      version: need(pkg, 'version', `${where}.package.version`, isString),
    };
  }
  const advisory = value['advisory'];
  if (advisory !== undefined) {
    if (!isObject(advisory)) throw new ShapeError(`${where}.advisory`, `is ${describeValue(advisory)}, expected an object`);
    finding.advisory = {
      id: need(advisory, 'id', `${where}.advisory.id`, isString),
      aliases: need(advisory, 'aliases', `${where}.advisory.aliases`, isStringArray),
      fixed: need(advisory, 'fixed', `${where}.advisory.fixed`, isStringArray),
    };
    const url = maybe(advisory, 'url', `${where}.advisory.url`, isString);
    if (url !== undefined) finding.advisory.url = url;
  }
  return finding;
}

function need<T>(object: JsonObject, key: string, where: string, check: (value: unknown) => value is T): T {
  const value = object[key];
  if (!check(value)) throw new ShapeError(where, `is ${describeValue(value)}`);
  return value;
}

function maybe<T>(object: JsonObject, key: string, where: string, check: (value: unknown) => value is T): T | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (!check(value)) throw new ShapeError(where, `is ${describeValue(value)}`);
  return value;
}

function oneOf<T extends string>(object: JsonObject, key: string, where: string, allowed: readonly T[]): T {
  const value = object[key];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ShapeError(where, `is ${describeValue(value)}, expected one of ${allowed.join(', ')}`);
}
