// The report's data model: the JSON report of schemaVersion 1, as the README's
// "The JSON report" section shows it.
// Users script against these names: add fields, never rename them.

export const SCHEMA_VERSION = 1;

export const ENTRY_TYPES = ['file', 'dir', 'symlink', 'hardlink', 'other'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** What an `other` entry is: devices, FIFOs and the rest never belong in a release. */
export const SPECIAL_KINDS = ['char-device', 'block-device', 'fifo', 'socket', 'contiguous', 'unknown'] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];

/** One entry of the package, as the report lists it (and as a baseline is read back). */
export interface FileRecord {
  path: string;
  type: EntryType;
  /** Four octal digits of the permission bits, setuid/setgid/sticky included: "4755". */
  mode: string;
  uid?: number;
  gid?: number;
  /** Files; hardlinks: of the file they link to, when the package holds it before them. */
  size?: number;
  /** Files: SHA-256 of the content, lower-case hex; hardlinks: of the content they link to (what extractors write there). */
  sha256?: string;
  /** Symlinks and hardlinks: the target exactly as stored. */
  link?: string;
  /** `other` entries: what kind of special file it is. */
  special?: SpecialKind;
  /**
   * Added to the contract: the extractors that write this record, when not all of them do
   * (an archive they read differently has a record per reading); absent on every honest entry.
   */
  by?: string[];
  /** Added to the contract: the name as stored in the package, when `path` is where extractors put it. */
  stored?: string;
}

export const ECOSYSTEMS = [
  'npm',
  'Packagist',
  'PyPI',
  'RubyGems',
  'Go',
  'Maven',
  'crates.io',
  'NuGet',
  'Debian',
  'Alpine',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export interface Package {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  purl: string;
  /** Every path the package was found at, sorted. */
  locations: string[];
  /** True when every place that lists it says it is a development dependency. */
  dev?: boolean;
  /** Found installed in the package (not only named by a lockfile): it ships. */
  installed?: boolean;
  /** OS packages: the distribution release (`12` for Debian 12, `v3.20` for Alpine 3.20); OSV names the ecosystem `Debian:12`. */
  release?: string;
  /** Other names the same code is known by; advisories filed under any of them apply. */
  aliases?: string[];
}

export const FINDING_KINDS = [
  'vulnerability',
  'config-change',
  'sensitive-file',
  'secret',
  'permission',
  'unsafe-path',
  'parse-error',
  'malicious-code',
  'tampered-package',
  'new-origin',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_STATUSES = ['new', 'existing', 'accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface PackageRef {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export interface AdvisoryRef {
  id: string;
  aliases: string[];
  fixed: string[];
  url?: string;
}

export interface Finding {
  /** Stable fingerprint of what was found: kind + package or path + advisory or rule. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  path?: string;
  package?: PackageRef;
  advisory?: AdvisoryRef;
  /** The check rule that produced it (checks and parse errors). */
  rule?: string;
  /** A line of detail a reviewer needs (never a secret value). */
  detail?: string;
  /** `dev`: about a development dependency that is not installed in the package (it does not ship). */
  scope?: 'dev';
  /** Added to the contract: the 1-based line in `path`, where the producer knows it (secrets, malicious code). */
  line?: number;
  /**
   * Added to the contract: a short excerpt of the line that matched (malicious code), at
   * most 80 characters, with long tokens, escape runs and code lists elided: never a payload.
   */
  excerpt?: string;
  /** Added to the contract: the other places the same finding was seen (a package's other manifests, a secret's copies), at most 20. */
  related?: Place[];
  /** Added to the contract: vulnerabilities: the smallest version of the package that fixes every advisory found for it. */
  upgradeTo?: string;
  status: FindingStatus;
  blocking: boolean;
  /** Added to the contract: the login of the person whose release approval accepted this finding (status `accepted`). */
  approvedBy?: string;
}

/** A place in the package: a path (relative to the package root) and, where known, a line. */
export interface Place {
  path: string;
  line?: number;
}

export const TARGET_FORMATS = ['tar', 'tar.gz', 'zip', 'dir', 'report'] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];

export interface TargetSummary {
  /** The path as given. */
  path: string;
  format: TargetFormat;
  /** SHA-256 of the package file; for a directory, of its canonical manifest. */
  sha256: string;
  /** Number of entries. */
  files: number;
  /** Sum of the sizes of the files. */
  bytes: number;
  /**
   * Added to the contract: the single top folder (`store-1.4.0`) every entry sits in,
   * stripped from the paths of findings, changes and policy globs; absent when there is none.
   */
  root?: string;
}

export const VERDICTS = ['pass', 'warn', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What an advisory source did in this scan (added to the contract: counts only). */
export interface SourceSummary {
  source: string;
  records: number;
  httpCalls: number;
  /** Records that could not be read and were skipped. */
  skipped: number;
  /** Set when the source could not answer and the policy let the scan go on. */
  failed?: string;
}

/**
 * A monitored config or system file as the report keeps it, so that a later scan that
 * takes this report as its baseline can show a diff: text with secrets redacted.
 */
export interface ConfigText {
  path: string;
  sha256: string;
  /** Redacted text; absent when the file is binary or over the bound. */
  text?: string;
  /** Why there is no text. */
  omitted?: 'binary' | 'too-large' | 'report-bound';
}

/** One aspect of a path that differs between the baseline and the package. */
export const CHANGE_ASPECTS = ['added', 'removed', 'content', 'mode', 'owner', 'type', 'link'] as const;
export type ChangeAspect = (typeof CHANGE_ASPECTS)[number];

/** The state of a path on one side of a diff. */
export interface PathState {
  type: EntryType;
  mode: string;
  uid?: number;
  gid?: number;
  sha256?: string;
  link?: string;
}

/** A monitored config or system file that differs from the baseline. */
export interface ConfigChange {
  path: string;
  changes: ChangeAspect[];
  before?: PathState;
  after?: PathState;
  /** Unified diff of the redacted texts, bounded; absent when either side has no text. */
  diff?: string;
  /** Why there is no diff although the content changed. */
  diffOmitted?: string;
}

export interface VersionChange {
  ecosystem: Ecosystem;
  name: string;
  from: string;
  to: string;
}

/** What the package changes against the baseline (added to the contract; null without a baseline). */
export interface Changes {
  /** Top folders stripped before comparing paths (`shop-2.4.7/`), per side. */
  roots: { target: string; baseline: string };
  files: { added: number; removed: number; changed: number; unchanged: number };
  configs: ConfigChange[];
  packages: { added: PackageRef[]; removed: PackageRef[]; upgraded: VersionChange[]; downgraded: VersionChange[] };
  /**
   * Added to the contract: what the baseline had that this release no longer has (an
   * advisory of a package upgraded or removed, a secret or a file gone), in report order.
   */
  fixed?: FixedFinding[];
}

/** How an approval was given: the pull request label, or the `approve-digest` input of a release or deployment run. */
export const APPROVAL_VIAS = ['label', 'input'] as const;
export type ApprovalVia = (typeof APPROVAL_VIAS)[number];

/** A release approval: a person let exactly the blocking findings of one digest through. */
export interface Approval {
  /** The digest of the blocking findings it covers (12 hex). */
  digest: string;
  /** The GitHub login of the person who approved. */
  approver: string;
  /** When: the time of the label event, or of the run that took the input (ISO 8601). */
  at: string;
  via: ApprovalVia;
}

export const APPROVAL_OUTCOMES = ['approved', 'needed', 'ignored', 'changed', 'withdrawn', 'error', 'not-needed'] as const;
/**
 * What the gate made of approvals in one run: `approved` (the approval applies), `needed`
 * (something blocks and nobody approved it), `ignored` (a label or actor that may not
 * approve), `changed` (the findings changed since what was approved), `withdrawn` (the
 * label was removed), `error` (the evidence could not be read: the gate blocks),
 * `not-needed` (nothing blocks).
 */
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number];

/** One difference between the blocking findings an approval covered and this run's. */
export interface ApprovalChange {
  change: 'new' | 'gone' | 'severity';
  /** The finding's id (for a gone finding, the first 12 hex the record kept). */
  id: string;
  severity: Severity;
  /** `severity`: what it was when approved. */
  was?: Severity;
  kind?: FindingKind;
  title?: string;
  path?: string;
}

/** Added to the contract: the approval check of a run that considered approvals (the action on pull requests, releases and deployments). */
export interface ApprovalCheck {
  outcome: ApprovalOutcome;
  via: ApprovalVia;
  /** One sentence for the reviewer: whose approval, what it covers, why it does or does not count. */
  reason: string;
  /** More sentences of the same kind (a record that is not trusted, a label the gate removes). */
  notes?: string[];
  /** The approval label (label approvals). */
  label?: string;
  /** The approval that no longer holds (`changed`, `withdrawn`). */
  previous?: Approval;
  /** What changed since the approved findings, when the record kept them. */
  changes?: ApprovalChange[];
  /** The record no longer lists the approved findings (there were too many to keep), so what changed cannot be shown. */
  changesUnknown?: boolean;
  /** The gate removes the approval label: it approved other findings than this run's, so the next approval is a deliberate act. */
  removeLabel?: boolean;
}
/** A baseline finding this release fixes: the finding as the baseline had it, without a status of its own. */
export type FixedFinding = Pick<Finding, 'id' | 'kind' | 'severity' | 'title' | 'path' | 'package' | 'advisory' | 'rule'>;

/** How storefront code uses an external origin. */
export const ORIGIN_USES = ['script', 'frame', 'send', 'form', 'csp'] as const;
export type OriginUse = (typeof ORIGIN_USES)[number];

/**
 * An external origin (scheme + host, and a port when not the default) that storefront
 * code loads scripts from, frames, posts forms or sends data to, or that a CSP header allows.
 */
export interface OriginRecord {
  origin: string;
  /** How it is used, sorted. */
  uses: OriginUse[];
  /** Where it is named (paths as stored), sorted, at most 20. */
  paths: string[];
  /** Some file that names it also reads payment-card fields. */
  payment?: boolean;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  target: TargetSummary;
  baseline: TargetSummary | null;
  files: FileRecord[];
  packages: Package[];
  findings: Finding[];
  verdict: Verdict;
  /** Added to the contract: the advisory sources consulted. */
  sources: SourceSummary[];
  /** Added to the contract: what the scan could not do fully (skipped records, unchecked packages), one line each. */
  notes: string[];
  /** Added to the contract: the monitored config and system files, redacted, for later diffs. */
  configs: ConfigText[];
  /** Added to the contract: what changed against the baseline; null without one. */
  changes: Changes | null;
  /** Added to the contract: the first 12 hex of the SHA-256 over the sorted ids and severities of the findings the policy blocks (before any approval). */
  digest?: string;
  /** Added to the contract: the approval that let this run's blocking findings through, or null. */
  approval?: Approval | null;
  /** Added to the contract: what the gate made of approvals, when it considered them. */
  approvalCheck?: ApprovalCheck;
  /**
   * Added to the contract: what the user should fix in how the gate is set up, one line
   * each (a policy glob that matches only with the package's top folder, a baseline that
   * looks like another package).
   */
  warnings: string[];
  /** Added to the contract: the external origins storefront code loads, frames or sends to, sorted by origin. */
  origins: OriginRecord[];
}
