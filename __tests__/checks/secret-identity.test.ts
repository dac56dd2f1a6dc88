// A secret's finding is the secret, not its place: moved to another file or line it
// keeps its id (a baseline still knows it), found twice it is one finding, and two
// secrets are two findings. A file of a million token-shaped strings stays bounded.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { scan } from '../../src/scan.js';
import { packTree } from '../helpers/store-package.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

const token = (): string => ['gh', 'p_'].join('') + randomBytes(27).toString('base64').replace(/[^A-Za-z0-9]/g, 'q').slice(0, 36);

async function secrets(files: Record<string, string>): Promise<Finding[]> {
  const report = await scan({ target: await packTree(work, `p${randomBytes(4).toString('hex')}`, files), advisories: ['none'] });
  return report.findings.filter((finding) => finding.kind === 'secret');
}

describe('the identity of a secret finding', () => {
  it('survives the secret moving to another file and line', async () => {
    const value = token();
    const before = await secrets({ 'app/config.js': `module.exports = { token: '${value}' };\n` });
    const after = await secrets({ 'lib/settings/github.js': `// moved\n\n\nexport const githubToken = "${value}";\n` });
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before[0]?.id);
    // the package's single top folder (lib/) is left out of paths
    expect(after[0]?.path).toBe('settings/github.js');
    expect(after[0]?.line).toBe(4);
  });

  it('changes when the risk changes: a sample key that moves from a test fixture into served code is a new finding', async () => {
    const value = token();
    const fixture = await secrets({ 'tests/fixtures/github.js': `export const token = '${value}';\n` });
    const served = await secrets({ 'pub/static/checkout.js': `export const token = '${value}';\n` });
    expect(fixture[0]?.severity).toBe('medium');
    expect(served[0]?.severity).not.toBe('medium');
    expect(served[0]?.id).not.toBe(fixture[0]?.id);
  });

  it('is one finding for one secret in several places, two for two secrets', async () => {
    const one = token();
    const two = token();
    const found = await secrets({ 'a.js': `x('${one}');\n`, 'b/c.js': `y('${one}');\nz('${two}');\n` });
    expect(found).toHaveLength(2);
    const first = found.find((finding) => finding.path === 'a.js');
    expect(first?.related).toEqual([{ path: 'b/c.js', line: 1 }]);
    expect(new Set(found.map((finding) => finding.id)).size).toBe(2);
  });

  it('stays bounded on a file full of token-shaped strings', async () => {
    const many = Array.from({ length: 5000 }, () => `'${token()}'`).join(',\n');
    const found = await secrets({ 'dump.js': `module.exports = [\n${many}\n];\n` });
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(200);
  });
});
