import { trimChars } from '../util/trim.js';
import type { Finding, Report, Severity } from '../model.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { approvalSuppressions } from './approval-text.js';
import { KIND_WORDS, fixOf, problemOf } from './finding-text.js';
import { RULES as MALICIOUS_CODE_RULES } from '../checks/malicious-code/engine.js';

/** What each malicious-code rule looks for, and the public research it comes from. */
const RULE_TEXT = new Map(MALICIOUS_CODE_RULES.map((rule) => [`malicious-code/${rule.id}`, rule]));

const INFORMATION_URI = 'https://github.com/release-gate/release-gate';

/** GitHub code scanning ranks alerts by this number (CVSS-like, 0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

interface Text {
  text: string;
}

interface Rule {
  id: string;
  name: string;
  shortDescription: Text;
  fullDescription: Text;
  help: { text: string; markdown: string };
  helpUri?: string;
  properties: { 'security-severity': string; tags: string[] };
  defaultConfiguration: { level: string };
}

/** The rule a finding reports under: its advisory, or its check's rule. */
function ruleId(finding: Finding): string {
  return finding.advisory?.id ?? `${finding.kind}/${finding.rule ?? finding.kind}`;
}

/**
 * SARIF 2.1.0 that GitHub code scanning takes whole: one rule per advisory or check rule
 * with a full description and Markdown help (what it is, how to fix it, how to accept
 * it); one result per finding, in the report's order (the gravest first), at its place
 * relative to the package root, on its line where the check knows it, with the other
 * places of the same finding as related locations; the finding's stable id as the
 * partial fingerprint, so an alert is tracked across releases. No secret value and no
 * part of one is written.
 *
 * `category`: only for a run that gates several packages, which need one code-scanning
 * category each (`release-gate/<package>`, version numbers masked so that it survives
 * releases). Without it the SARIF names no category, and upload-sarif's `category:` (or
 * its default, the workflow and job) decides: a category written here would override it.
 */
export function renderSarif(report: Report, category?: string): string {
  const rules = new Map<string, Rule>();
  for (const finding of report.findings) {
    const id = ruleId(finding);
    // the report is gravest first: a rule's first finding is its gravest
    if (!rules.has(id)) rules.set(id, ruleOf(id, finding));
  }
  const ruleList = [...rules.values()];
  const index = new Map(ruleList.map((rule, i) => [rule.id, i]));
  const results = report.findings.map((finding) => {
    const result: Record<string, unknown> = {
      ruleId: ruleId(finding),
      ruleIndex: index.get(ruleId(finding)) ?? 0,
      level: LEVEL[finding.severity],
      message: { text: messageOf(finding) },
      locations: [locationOf(finding.path ?? report.target.path.split('/').at(-1) ?? report.target.path, finding.line, finding.excerpt)],
      partialFingerprints: { 'releaseGateFindingId/v1': finding.id },
      properties: { kind: finding.kind, severity: finding.severity, status: finding.status, blocking: finding.blocking },
    };
    if (finding.related && finding.related.length > 0) {
      result['relatedLocations'] = finding.related.map((place, i) => ({
        id: i + 1,
        ...locationOf(place.path, place.line),
        message: { text: finding.kind === 'vulnerability' ? 'the same package is listed here too' : 'the same finding is here too' },
      }));
    }
    // an approved finding is suppressed for code scanning, naming who approved it
    return { ...result, ...approvalSuppressions(finding, report) };
  });
  const run: Record<string, unknown> = {
    tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: INFORMATION_URI, rules: ruleList } },
    results,
    columnKind: 'utf16CodeUnits',
  };
  if (category) run['automationDetails'] = { id: `${category}/` };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
}

function locationOf(path: string, line: number | undefined, excerpt?: string): { physicalLocation: Record<string, unknown> } {
  // the excerpt is already redacted (malicious code): long tokens and payloads elided
  const region = excerpt === undefined ? { startLine: line ?? 1 } : { startLine: line ?? 1, snippet: { text: excerpt } };
  return { physicalLocation: { artifactLocation: { uri: uriOf(path) }, region } };
}

/** The rule of an advisory or a check, described from its gravest finding (no place in it, no value). */
function ruleOf(id: string, finding: Finding): Rule {
  const short = ruleTitle(finding);
  const fix = fixOf(finding);
  const advisory = finding.advisory;
  const full = advisory
    ? `${advisory.id}${advisory.aliases.length > 0 ? ` (${advisory.aliases.join(', ')})` : ''} in ${finding.package?.ecosystem ?? ''} ${finding.package?.name ?? ''}: ${finding.title}. ${advisory.fixed.length > 0 ? `Fixed in ${advisory.fixed.join(', ')}.` : 'No fixed version yet.'}`
    : `${KIND_WORDS[finding.kind]}: ${short}.${finding.detail && finding.kind !== 'secret' ? ` ${capitalize(finding.detail)}.` : ''}`;
  // a malicious-code rule says what it looks for and the public research it comes from
  const described = RULE_TEXT.get(id);
  const research = described ? ` ${capitalize(described.description)}. Research: ${described.reference}` : '';
  const accept = advisory
    ? `  - advisory: ${advisory.id}\n    package: ${finding.package?.name ?? ''}`
    : `  - id: <the finding's id>\n    kind: ${finding.kind}`;
  const markdown = [
    `**${markdownText(short)}**`,
    '',
    markdownText(`${full}${research}`),
    '',
    `**How to fix:** ${markdownText(fix)}.`,
    '',
    'To accept the risk for a while instead, add to `.github/release-gate.yml`:',
    '',
    '```yaml',
    'accept:',
    accept,
    '    reason: why the risk is acceptable',
    '    expires: YYYY-MM-DD',
    '```',
    ...(advisory?.url ? ['', `Advisory: ${advisory.url}`] : []),
  ].join('\n');
  const rule: Rule = {
    id,
    name: id.replace(/[^A-Za-z0-9]+/g, ''),
    shortDescription: { text: short },
    fullDescription: { text: `${full}${research}` },
    help: { text: `${full}${research} How to fix: ${fix}.`, markdown },
    properties: { 'security-severity': SECURITY_SEVERITY[finding.severity], tags: ['security', finding.kind] },
    defaultConfiguration: { level: LEVEL[finding.severity] },
  };
  if (advisory?.url && /^https:\/\//.test(advisory.url)) rule.helpUri = advisory.url;
  const url = described && /https:\/\/\S+/.exec(described.reference)?.[0];
  if (url) rule.helpUri = url;
  return rule;
}

/** A rule's title: the advisory's, or the check's without the particulars of one finding. */
function ruleTitle(finding: Finding): string {
  switch (finding.kind) {
    case 'config-change':
      return 'Monitored config or system file changed against the baseline';
    case 'permission':
      return finding.title.replace(/ \(mode [^)]{0,40}\)/, '').replace(/, with [\d,]+ world-writable entries beneath it/, '');
    case 'vulnerability':
    case 'sensitive-file':
    case 'secret':
    case 'unsafe-path':
    case 'parse-error':
    case 'malicious-code':
    case 'tampered-package':
    case 'new-origin':
      return finding.title;
  }
}

function capitalize(text: string): string {
  return trimChars(`${text.charAt(0).toUpperCase()}${text.slice(1)}`, '. \t\r\n', 'end');
}

/** Text in help Markdown: characters that would act escaped (the text may come from an advisory). */
function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|!]/g, (c) => `\\${c}`);
}

function messageOf(finding: Finding): string {
  const parts = [finding.advisory ? `${finding.advisory.id}: ${finding.title}` : problemOf(finding)];
  if (finding.package) parts.push(`${finding.package.ecosystem} ${finding.package.name} ${finding.package.version}`);
  if (finding.advisory && finding.advisory.aliases.length > 0) parts.push(`aliases ${finding.advisory.aliases.join(', ')}`);
  parts.push(finding.kind === 'vulnerability' && finding.upgradeTo !== undefined ? `upgrade to ${finding.upgradeTo}` : fixOf(finding));
  if (finding.detail && finding.kind !== 'vulnerability') parts.push(finding.detail);
  return parts.join('; ');
}

/** A package path as a relative URI reference: segments percent-encoded, never absolute. */
function uriOf(path: string): string {
  return path
    .replace(/^[/\\]+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
