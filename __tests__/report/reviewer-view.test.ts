// What a reviewer sees, rendered as GitHub renders it (GFM): the pull request comment
// and the job summary of the example release pair and of a generated release with
// 4,000 findings. The gravest new findings come first with how to fix them; the folds
// hold the rest; nothing exceeds GitHub's bounds; <summary> lines hold no Markdown; one
// path form everywhere; and the offered `accept:` entries are a policy the gate reads.
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_ROWS, MAX_COMMENT, commentBody } from '../../src/action/pr-comment.js';
import type { Report } from '../../src/model.js';
import { parseConfig } from '../../src/policy/load-config.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { scan } from '../../src/scan.js';
import { NOISE, bigRelease } from '../helpers/big-release.js';
import { elements, positions, renderGfm, textOf } from '../helpers/gfm.js';
import { ROOT } from '../helpers/run.js';
import { tempDir } from '../helpers/temp.js';

const RUN = { owner: 'shop', repo: 'storefront', pullRequest: 7, runUrl: 'https://github.com/shop/storefront/actions/runs/99' };
const ARTIFACT = 'https://github.com/shop/storefront/actions/runs/99/artifacts/7';
const SUMMARY_LIMIT = 1024 * 1024;

let example: Report;
let big: Report;

beforeAll(async () => {
  example = await scan({
    target: join(ROOT, 'examples/store-1.4.0.tar.gz'),
    baseline: join(ROOT, 'examples/store-1.3.0.tar.gz'),
    advisories: [join(ROOT, 'examples/advisories')],
    offline: true,
  });
  const { target, baseline } = await bigRelease(await tempDir());
  big = await scan({ target, baseline, advisories: [join(ROOT, 'examples/advisories')], offline: true });
});

/** The table rows of the "what to fix" table, as rendered cells. */
function tableRows(html: string): string[][] {
  const table = elements(html, 'table')[0] ?? '';
  return elements(elements(table, 'tbody')[0] ?? '', 'tr').map((row) => elements(row, 'td'));
}

function checkStructure(markdown: string): string {
  const html = renderGfm(markdown);
  // Markdown is not rendered inside <summary>: a backtick there shows as a backtick
  for (const summary of elements(html, 'summary')) expect(summary).not.toContain('`');
  // code is shown as it is: no invisible joiners that break copying and searching
  for (const code of elements(html, 'code')) expect(code).not.toMatch(/\u2060/);
  // every fold is closed by default: the first screen is the verdict and what to fix
  expect(html).not.toMatch(/<details open/);
  expect(elements(html, 'details').length).toBe((markdown.match(/^<details>$/gm) ?? []).length);
  return html;
}

describe('the comment on the example release', () => {
  let markdown: string;
  let html: string;

  beforeAll(() => {
    markdown = commentBody(example, RUN, { packageKey: 'examples-store-N.N.N.tar.gz', reportUrl: ARTIFACT });
    html = checkStructure(markdown);
  });

  it('stays within the comment bound and reads top to bottom: header, what to fix, folds, footer', () => {
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT);
    const order = positions(html, [
      /<h2>❌ release-gate: FAIL: \d+ blocking findings/,
      'paths are inside its top folder <code>store-1.4.0/</code>',
      '<a href="https://github.com/shop/storefront/actions/runs/99">workflow run</a>',
      '<h3>What to fix</h3>',
      '<table>',
      '<summary>Accept instead of fixing',
      '<summary>✅ Fixed by this release: 3 findings',
      '<summary>📦 Package changes: 3 upgraded, 2 added</summary>',
      '<summary>📝 Config and system files: 3 changes',
      `<a href="${ARTIFACT}">the full report and summary</a>`,
    ]);
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('lists one row per file or package, the gravest first, new before existing, each with its fix', () => {
    const rows = tableRows(html);
    expect(rows).toHaveLength(15);
    const first = rows[0] ?? [];
    expect(textOf(first[0] ?? '')).toBe('🔴 criticalnew, blocks');
    // env.php is one row: it ships, it holds two secrets (by rule and line, no value), it was added
    expect(textOf(first[1] ?? '')).toMatch(/^shop\/app\/etc\/env\.php🔴 Platform/);
    expect(textOf(first[1] ?? '')).toMatch(/Platform secrets file ships.*Magento encryption key \(crypt\/key in env\.php\), line 4.*Database password in a PHP config array \('password'\), line 11.*monitored config file added.*Fix: keep it out of the package; rotate its secrets; check that the change is intended/);
    const severities = rows.map((row) => /critical|high|medium|low/.exec(textOf(row[0] ?? ''))?.[0]);
    const rank = ['critical', 'high', 'medium', 'low'];
    expect(severities.map((severity) => rank.indexOf(severity ?? ''))).toEqual([...severities.map((severity) => rank.indexOf(severity ?? ''))].sort());
    // at the same severity, new before what the baseline has
    const critical = rows.filter((row) => textOf(row[0] ?? '').includes('critical')).map((row) => textOf(row[0] ?? ''));
    expect(critical.at(-1)).toMatch(/in the baseline/);
    expect(critical.slice(0, -1).every((cell) => cell.includes('new'))).toBe(true);
  });

  it('says for a vulnerable package which advisories, linked, the one version that fixes them all, and the manifest to edit', () => {
    const axios = tableRows(html).find((row) => textOf(row[1] ?? '').startsWith('axios 0.21.1 (npm)'));
    expect(axios?.[1]).toContain('<a href="https://osv.dev/vulnerability/GHSA-cph5-m8f7-6c5x">GHSA-cph5-m8f7-6c5x</a>');
    expect(axios?.[1]).toContain('<a href="https://osv.dev/vulnerability/GHSA-wf5p-g6vw-rhxx">GHSA-wf5p-g6vw-rhxx</a>');
    // 0.21.2 fixes one, 1.6.0 both; the project's lockfile, not node_modules/.package-lock.json
    expect(textOf(axios?.[1] ?? '')).toMatch(/Fix: upgrade to 1\.6\.0 in storefront\/package-lock\.json$/);
  });

  it('names the package root once; every path below is relative to it', () => {
    expect(markdown.split('store-1.4.0/')).toHaveLength(2);
    expect(markdown).not.toContain('node_modules/.package-lock.json');
  });

  it('offers accept: entries, with each blocking finding id, that the gate reads as a policy', () => {
    const fold = /<summary>Accept instead of fixing[\s\S]*?```yaml\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
    const policy = parseConfig(fold, 'pasted.yml');
    const blocking = example.findings.filter((finding) => finding.blocking);
    expect(policy.accept?.map((acceptance) => acceptance.id).sort()).toEqual(blocking.map((finding) => finding.id).sort());
    expect(parseDocument(fold).errors).toEqual([]);
  });

  it('says what the release fixes: the advisories of the packages it upgraded', () => {
    const fixed = elements(html, 'details').find((fold) => fold.includes('Fixed by this release')) ?? '';
    expect(textOf(fixed)).toMatch(/GHSA-35jh-r3h4-6jhm in lodash 4\.17\.20 → 4\.17\.21/);
    expect(textOf(fixed)).toMatch(/GHSA-wxmh-65f7-jcvw in guzzlehttp\/psr7 2\.4\.0 → 2\.4\.5/);
  });

  it('shows no secret: the diffs carry a marker, not a head or a length', () => {
    expect(markdown).toContain("'password' => '[redacted]'");
    expect(markdown).not.toMatch(/characters\)/);
    expect(markdown).not.toMatch(/fingerprint/);
  });
});

describe('the job summary of the example release', () => {
  it('has the same structure, every row, and a baseline hint when there is none', async () => {
    const summary = renderMarkdown(example, { runUrl: RUN.runUrl, reportUrl: ARTIFACT, today: '2026-12-08' });
    const html = checkStructure(summary);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(tableRows(html)).toHaveLength(15);
    expect(html).not.toContain('No baseline');
    const alone = await scan({ target: join(ROOT, 'examples/store-1.4.0.tar.gz'), advisories: [join(ROOT, 'examples/advisories')], offline: true });
    expect(renderMarkdown(alone)).toMatch(/> 💡 No baseline: every finding counts as new\. Compare with the last release/);
  });
});

describe('a release with 4,000 findings', () => {
  it('has them, most of them low and new', () => {
    expect(big.findings.length).toBeGreaterThanOrEqual(NOISE);
    expect(big.findings.filter((finding) => finding.severity === 'low').length).toBeGreaterThanOrEqual(NOISE);
  });

  it('the comment opens with the gravest new findings and how to fix them, within 65,536 characters', () => {
    const markdown = commentBody(big, RUN, { packageKey: 'store', reportUrl: ARTIFACT });
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(MAX_COMMENT);
    const html = checkStructure(markdown);
    const rows = tableRows(html);
    expect(rows).toHaveLength(COMMENT_ROWS);
    const top = rows.slice(0, 4).map((row) => textOf(row.join(' | ')));
    expect(top[0]).toMatch(/^🔴 criticalnew, blocks \| app\/etc\/env\.php.*Fix: keep it out of the package; rotate its secrets/);
    expect(top.some((row) => /^🔴 criticalnew, blocks \| var\/backups\/customers\.sqlDatabase dump with customer, order or admin tables ships.*Fix: keep it out of the package/.test(row))).toBe(true);
    expect(top.some((row) => /^🟠 highnew, blocks \| axios 0\.21\.1 \(npm\).*Fix: upgrade to 1\.6\.0 in storefront\/package-lock\.json/.test(row))).toBe(true);
    // within the first screen of text: before any low row
    expect(markdown.indexOf('customers.sql')).toBeLessThan(markdown.indexOf('🔵'));
    // honest about the rest, and where it is
    expect(html).toMatch(/<h3>What to fix: the 25 gravest of 4,00\d<\/h3>/);
    expect(textOf(html)).toMatch(/This text stops at its size bound and leaves out [\d,]+ of the rows/);
    expect(html).toContain(`<a href="${ARTIFACT}">the full report and summary</a>`);
    // one number format
    expect(markdown).not.toMatch(/\b\d{4,} (?:findings?|rows?|more|files|entries)\b/);
  });

  it('the job summary holds every row within 1 MiB, or says where the rest is', () => {
    const summary = renderMarkdown(big, { runUrl: RUN.runUrl, reportUrl: ARTIFACT });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const html = checkStructure(summary);
    const shown = tableRows(html).length + (summary.match(/^- [🔴🟠🟡🔵⚪] /gmu) ?? []).length;
    const rows = new Set(big.findings.filter((finding) => finding.status !== 'accepted').map((finding) => finding.path ?? finding.id)).size;
    if (shown < rows) expect(textOf(html)).toMatch(/leaves out/);
    else expect(textOf(html)).not.toMatch(/leaves out/);
  });
});
