// External origins the release's storefront code uses that production never referenced:
// a new script host, frame, form target or data sink is how a skimmer reaches a
// look-alike domain, and how a compromised CDN (Polyfill.io) enters a page.
import { checkFinding } from '../checks/check-finding.js';
import type { DraftFinding } from '../findings/draft.js';
import type { OriginRecord } from '../model.js';
import { compareCodeUnits } from '../util/order.js';

const USE_WORDS: Record<OriginRecord['uses'][number], string> = {
  script: 'loads scripts from',
  frame: 'frames',
  send: 'sends data to',
  form: 'posts a form to',
  csp: 'allows in its Content-Security-Policy',
};

/** The host without a leading wildcard label, for comparing a CSP's `*.example.com` with `example.com`'s subdomains. */
function registrable(origin: string): string {
  const host = origin.slice(origin.indexOf('://') + 3).replace(/^\*\./, '').replace(/:\d+$/, '');
  return host;
}

/**
 * One `new-origin` finding per origin the baseline's report (or inspection) never
 * listed: medium, critical when a file that names it also reads payment fields. An
 * origin a baseline CSP allowed by wildcard (`https://*.example.com`) is known.
 */
export function newOrigins(baseline: readonly OriginRecord[], target: readonly OriginRecord[]): DraftFinding[] {
  const known = new Set(baseline.map((record) => record.origin));
  const wildcards = baseline.filter((record) => record.origin.includes('://*.')).map((record) => registrable(record.origin));
  const findings: DraftFinding[] = [];
  for (const record of target) {
    if (known.has(record.origin)) continue;
    const host = registrable(record.origin);
    if (wildcards.some((domain) => host === domain || host.endsWith(`.${domain}`))) continue;
    const how = record.uses.map((use) => USE_WORDS[use]).join(', ');
    const paths = [...record.paths].sort(compareCodeUnits);
    const first = paths[0];
    const finding = checkFinding({
      kind: 'new-origin',
      severity: record.payment ? 'critical' : 'medium',
      rule: record.payment ? 'new-origin-with-payment-fields' : 'new-origin',
      subject: record.origin,
      subjectIsPath: false,
      title: `Storefront code ${how} ${record.origin}, an origin production never referenced${record.payment ? ', in code that reads payment fields' : ''}`,
      detail: `named in ${paths.length === 1 ? first : `${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ` and ${paths.length - 5} more` : ''}`}. Make sure the shop owns or trusts it`,
    });
    if (first !== undefined) finding.path = first;
    findings.push(finding);
  }
  return findings;
}
