// No planted secret value reaches a reader: not the JSON report, not the Markdown
// summary or pull request comment, not SARIF, not the terminal. Each planted value (its
// head, its tail, and each key's body) is searched for in all of them.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTerminal } from '../../src/cli/terminal.js';
import type { Report } from '../../src/model.js';
import { renderJson } from '../../src/report/json.js';
import { commentBody } from '../../src/action/pr-comment.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { scan } from '../../src/scan.js';
import { tempDir } from '../helpers/temp.js';
import { hostileRelease } from './hostile-release.js';
import { forbiddenStrings, plantSecrets, type Planted } from './planted.js';

let planted: Planted;
let report: Report;

beforeAll(async () => {
  planted = plantSecrets();
  report = await scan({ target: await hostileRelease(await tempDir(), planted), advisories: ['none'] });
});

describe('secrets are never echoed', () => {
  it('finds the planted secrets (so the search below means something)', () => {
    expect(report.findings.filter((finding) => finding.kind === 'secret').length).toBeGreaterThanOrEqual(20);
    expect(forbiddenStrings(planted).length).toBeGreaterThan(40);
  });

  it.each([
    ['the JSON report', () => renderJson(report)],
    ['the Markdown summary', () => renderMarkdown(report)],
    ['the pull request comment', () => commentBody(report, { owner: 'o', repo: 'r', pullRequest: 1 }, { packageKey: 'k' })],
    ['the SARIF', () => renderSarif(report)],
    ['the terminal output', () => renderTerminal(report)],
    // the terminal lists 20 findings; a report with only the secrets shows all of them
    ['the terminal output of the secrets alone', () => renderTerminal({ ...report, findings: report.findings.filter((finding) => finding.kind === 'secret') })],
  ])('%s holds none of them', (_name, render) => {
    const text = render();
    expect(text.length).toBeGreaterThan(500);
    for (const value of forbiddenStrings(planted)) {
      if (text.includes(value)) expect.fail(`a planted secret (${value.length} characters, starting ${value.slice(0, 4)}) is in the output`);
    }
  });
});
