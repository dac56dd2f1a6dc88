// SARIF 2.1.0 and CycloneDX 1.6 of a real scan (the example releases, offline
// advisories, a baseline), validated against their official JSON schemas; the SARIF
// also by Microsoft's SARIF multitool with GitHub's rule set, as code scanning takes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv as Ajv2007 } from 'ajv';
import * as ajvDraft04 from 'ajv-draft-04';
import * as ajvFormats from 'ajv-formats';

// CommonJS modules whose module.exports carries a `default` of itself: seen from ESM, the
// class and the plugin are module.exports.default
const AjvDraft04 = ajvDraft04.default.default;
const addFormats = ajvFormats.default.default;
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { renderCycloneDx } from '../../src/report/cyclonedx.js';
import { renderSarif } from '../../src/report/sarif.js';
import { scan } from '../../src/scan.js';
import { NOISE, bigRelease } from '../helpers/big-release.js';
import { ROOT } from '../helpers/run.js';
import { multitool, validate } from '../helpers/sarif-multitool.js';
import { tempDir } from '../helpers/temp.js';
import { writeFile } from 'node:fs/promises';

const schemaDir = join(ROOT, 'node_modules/@cyclonedx/cyclonedx-library/res/schema');
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

let report: Report;

beforeAll(async () => {
  report = await scan({
    target: join(ROOT, 'examples/store-1.4.0.tar.gz'),
    baseline: join(ROOT, 'examples/store-1.3.0.tar.gz'),
    advisories: [join(ROOT, 'examples/advisories')],
    offline: true,
  });
  expect(report.findings.some((finding) => finding.kind === 'vulnerability')).toBe(true);
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    // the schema's language pattern is not valid with the u flag ('[a-zA-Z]{2}]?')
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(readJson(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')));
    const sarif = JSON.parse(renderSarif(report, 'shop')) as { version: string };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
  });

  it('has one rule per advisory or check and one result per finding, fingerprinted by the finding id, gravest first', () => {
    const sarif = JSON.parse(renderSarif(report)) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; partialFingerprints: Record<string, string>; locations: unknown[]; properties: { severity: string } }[] }[] };
    const [run] = sarif.runs;
    const ruleIds = run?.tool.driver.rules.map((rule) => rule.id) ?? [];
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds).toContain('CVE-2024-34102');
    expect(ruleIds).toContain('config-change/monitored-file');
    expect(run?.results).toHaveLength(report.findings.length);
    expect(run?.results.map((result) => result.partialFingerprints['releaseGateFindingId/v1'])).toEqual(report.findings.map((finding) => finding.id));
    expect(run?.results.every((result) => ruleIds.includes(result.ruleId) && result.locations.length === 1)).toBe(true);
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    const severities = run?.results.map((result) => rank.indexOf(result.properties.severity)) ?? [];
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
  });

  it('describes every rule in full, with Markdown help that says how to fix and how to accept', () => {
    const sarif = JSON.parse(renderSarif(report)) as { runs: { tool: { driver: { rules: { fullDescription: { text: string }; help: { text: string; markdown: string } }[] } } }[] };
    for (const rule of sarif.runs[0]?.tool.driver.rules ?? []) {
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.markdown).toMatch(/\*\*How to fix:\*\* /);
      expect(rule.help.markdown).toMatch(/```yaml\naccept:\n/);
    }
  });

  it('puts a result on its line where the check knows it, and the other places as related locations, relative to the package root', () => {
    const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const results = sarif.runs[0]?.results ?? [];
    const crypt = results.find((result) => result.ruleId === 'secret/magento-crypt-key');
    expect(crypt?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'shop/app/etc/env.php' }, region: { startLine: 4 } });
    const axios = results.find((result) => result.ruleId === 'GHSA-cph5-m8f7-6c5x');
    expect(axios?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('storefront/package-lock.json');
    expect(axios?.relatedLocations?.map((location) => location.physicalLocation.artifactLocation.uri)).toEqual(['storefront/node_modules/.package-lock.json', 'storefront/node_modules/axios/package.json']);
    const text = JSON.stringify(sarif);
    expect(text).not.toContain('store-1.4.0/');
    expect(text).not.toContain('uriBaseId');
  });

  it('names a code-scanning category only when asked (several packages), never with a version', () => {
    expect(JSON.parse(renderSarif(report))).not.toHaveProperty('runs.0.automationDetails');
    expect(JSON.parse(renderSarif(report, 'release-gate/dist-shop.tar.gz'))).toHaveProperty('runs.0.automationDetails', { id: 'release-gate/dist-shop.tar.gz/' });
  });
});

describe('SARIF under the SARIF multitool and GitHub\'s rules', () => {
  it.each([
    ['the example release', () => Promise.resolve(report), true],
    [
      `a release with ${NOISE.toLocaleString('en-US')} findings`,
      async () => {
        const { target, baseline } = await bigRelease(await tempDir());
        return scan({ target, baseline, advisories: [join(ROOT, 'examples/advisories')], offline: true });
      },
      false,
    ],
  ])('%s: no error, no warning, no note under the GitHub rules', async (_name, make, specification) => {
    const tool = await multitool();
    if (!tool) {
      console.warn(`no SARIF multitool for ${process.platform} in node_modules: validated by the schema and the checks above only`);
      return;
    }
    const file = join(await tempDir(), 'gate.sarif');
    await writeFile(file, renderSarif(await make()));
    expect(await validate(tool, file, 'Gh')).toEqual([]);
    // and nothing above a note under the specification's own rules
    if (specification) expect((await validate(tool, file, 'Sarif')).filter((diagnostic) => diagnostic.level !== 'note')).toEqual([]);
  });
});

describe('CycloneDX', () => {
  it('validates against the CycloneDX 1.6 schema', () => {
    const ajv = new Ajv2007({ allErrors: true, strict: false });
    addFormats(ajv);
    // the BOM schema refers to its companions by their file names
    for (const [file, id] of [
      ['spdx.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json'],
      ['jsf-0.82.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json'],
      ['cryptography-defs.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json'],
    ] as const) {
      const schema = readJson(join(schemaDir, file));
      delete schema['$id'];
      ajv.addSchema(schema, id);
    }
    const validate = ajv.compile(readJson(join(schemaDir, 'bom-1.6.SNAPSHOT.schema.json')));
    const bom = JSON.parse(renderCycloneDx(report)) as { components: object[] };
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...bom, components: [{ type: 'library' }] })).toBe(false);
  });

  it('lists every package with its purl, the package hash, and vulnerabilities that affect listed components', () => {
    const bom = JSON.parse(renderCycloneDx(report, new Date('2026-11-28T00:00:00Z'))) as {
      serialNumber: string;
      metadata: { component: { hashes: { content: string }[] } };
      components: { 'bom-ref': string; purl: string }[];
      vulnerabilities: { id: string; affects: { ref: string }[] }[];
    };
    expect(bom.components.map((component) => component.purl)).toEqual(report.packages.map((pkg) => pkg.purl));
    expect(bom.metadata.component.hashes[0]?.content).toBe(report.target.sha256);
    const refs = new Set(bom.components.map((component) => component['bom-ref']));
    expect(bom.vulnerabilities.length).toBe(report.findings.filter((finding) => finding.kind === 'vulnerability').length);
    expect(bom.vulnerabilities.every((vulnerability) => vulnerability.affects.every((affected) => refs.has(affected.ref)))).toBe(true);
    const later = JSON.parse(renderCycloneDx(report, new Date('2027-01-01T00:00:00Z'))) as { serialNumber: string };
    expect(later.serialNumber).toBe(bom.serialNumber);
  });
});
