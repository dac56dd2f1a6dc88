import type { Finding, Report, Severity } from '../model.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { RULES as MALICIOUS_CODE_RULES } from '../checks/malicious-code/engine.js';

/** What each malicious-code rule looks for, and the public research it comes from. */
const RULE_TEXT = new Map(MALICIOUS_CODE_RULES.map((rule) => [`malicious-code/${rule.id}`, rule]));

const INFORMATION_URI = 'https://github.com/release-gate/release-gate';

/** GitHub code scanning ranks alerts by this number (CVSS-like, 0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  properties: { 'security-severity': string; tags: string[] };
  defaultConfiguration: { level: string };
}

/** The rule a finding reports under: its advisory, or its check's rule. */
function ruleId(finding: Finding): string {
  return finding.advisory?.id ?? `${finding.kind}/${finding.rule ?? finding.kind}`;
}

/**
 * SARIF 2.1.0 for github/codeql-action/upload-sarif: one rule per advisory or check,
 * one result per finding with its place in the package, and the finding's stable id as
 * the partial fingerprint, so code scanning tracks an alert across scans.
 */
export function renderSarif(report: Report, category?: string): string {
  const rules = new Map<string, Rule>();
  for (const finding of report.findings) {
    const id = ruleId(finding);
    const known = rules.get(id);
    const severity = known && Number(known.properties['security-severity']) >= Number(SECURITY_SEVERITY[finding.severity]) ? undefined : finding.severity;
    if (known && !severity) continue;
    const rule: Rule = {
      id,
      name: id.replace(/[^A-Za-z0-9]+/g, ''),
      shortDescription: { text: finding.advisory ? finding.title : `${finding.kind}: ${finding.rule ?? finding.kind}` },
      properties: { 'security-severity': SECURITY_SEVERITY[finding.severity], tags: ['security', finding.kind] },
      defaultConfiguration: { level: LEVEL[finding.severity] },
    };
    if (finding.advisory?.url) rule.helpUri = finding.advisory.url;
    const described = RULE_TEXT.get(id);
    if (described) {
      rule.fullDescription = { text: `${described.description}. Research: ${described.reference}` };
      const url = /https:\/\/\S+/.exec(described.reference)?.[0];
      if (url) rule.helpUri = url;
    }
    rules.set(id, rule);
  }
  const ruleList = [...rules.values()];
  const index = new Map(ruleList.map((rule, i) => [rule.id, i]));
  const results = report.findings.map((finding) => ({
    ruleId: ruleId(finding),
    ruleIndex: index.get(ruleId(finding)) ?? 0,
    level: LEVEL[finding.severity],
    message: { text: messageOf(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(finding.path ?? report.target.path) },
          region: finding.excerpt === undefined ? { startLine: finding.line ?? 1 } : { startLine: finding.line ?? 1, snippet: { text: finding.excerpt } },
        },
      },
    ],
    partialFingerprints: { 'releaseGateFindingId/v1': finding.id },
    properties: { kind: finding.kind, severity: finding.severity, status: finding.status, blocking: finding.blocking },
  }));
  const run: Record<string, unknown> = {
    tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: INFORMATION_URI, rules: ruleList } },
    results,
    originalUriBaseIds: { PACKAGE: { description: { text: `paths inside ${report.target.path}` } } },
  };
  if (category) run['automationDetails'] = { id: `${category}/` };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
}

function messageOf(finding: Finding): string {
  const parts = [finding.title];
  if (finding.package) parts.push(`${finding.package.ecosystem} ${finding.package.name} ${finding.package.version}`);
  if (finding.advisory && finding.advisory.aliases.length > 0) parts.push(`aliases ${finding.advisory.aliases.join(', ')}`);
  if (finding.detail) parts.push(finding.detail);
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
