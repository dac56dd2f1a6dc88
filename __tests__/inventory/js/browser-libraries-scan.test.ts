// Copied browser libraries in a whole release, read as the scan reads it (GNU tar, the
// streaming reader, the one pass): a Magento 2 theme's jquery-1.8.3.min.js, Magento 1's
// prototype.js, a WordPress theme's bootstrap.min.js, the same jQuery deployed again to
// pub/static, an installed jquery in node_modules (its package.json says what it is),
// and a webpack bundle that quotes a jQuery banner in the middle. The banners are the
// libraries' own first lines; the code after them is a stand-in.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserLibrariesExtractor } from '../../../src/inventory/extractors/javascript/browser-libraries.js';
import { DIGEST_DIGITS } from '../../../src/inventory/extractors/javascript/browser-library-table.js';
import { nodeModulesPackageExtractor } from '../../../src/inventory/extractors/javascript/node-modules-package.js';
import { InventoryAnalyzer } from '../../../src/inventory/inventory-analyzer.js';
import { DEFAULT_LIMITS } from '../../../src/limits.js';
import type { Package, Report } from '../../../src/model.js';
import { PackagePass } from '../../../src/pass/package-pass.js';
import { readPackage } from '../../../src/read/read-package.js';
import { scan } from '../../../src/scan.js';
import { tempDir } from '../../helpers/temp.js';
import { tarTree, writeTree } from '../other/build.js';

const CODE = '!function(e,t){"use strict";"object"==typeof module&&"object"==typeof module.exports?module.exports=t(e):t(e)}(this,function(e){return e});\n';
const JQUERY_183 = `/*! jQuery v1.8.3 jquery.com | jquery.org/license */\n${CODE}`;
const THEME_JQUERY = 'app/design/frontend/Acme/theme/web/js/jquery-1.8.3.min.js';
const DEPLOYED_JQUERY = 'pub/static/frontend/Acme/theme/en_US/js/jquery-1.8.3.min.js';
const BUNDLE = 'pub/static/frontend/Acme/theme/en_US/js/bundle.js';
const LODASH = 'skin/frontend/acme/default/js/lodash.js';
/** A file without a banner that a test's own table says npm published (the bundled table cannot know a file written here). */
const UNBANNERED = 'web/js/vendor/dates.min.js';
const UNBANNERED_TEXT = `!function(e,t){e.moment=t()}(this,function(){var n={};return n.fn=n,n});\n`;

const RELEASE: Record<string, string> = {
  [THEME_JQUERY]: JQUERY_183,
  [DEPLOYED_JQUERY]: JQUERY_183,
  'js/prototype/prototype.js': `/*  Prototype JavaScript framework, version 1.7\n *  (c) 2005-2010 Sam Stephenson\n *\n *  Prototype is freely distributable under the terms of an MIT-style license.\n */\n${CODE}`,
  'wp-content/themes/storefront/assets/js/bootstrap.min.js': `/*!\n  * Bootstrap v4.3.1 (https://getbootstrap.com/)\n  * Copyright 2011-2019 The Bootstrap Authors (https://github.com/twbs/bootstrap/graphs/contributors)\n  * Licensed under MIT (https://github.com/twbs/bootstrap/blob/master/LICENSE)\n  */\n${CODE}`,
  [LODASH]: `/**\n * @license\n * Lodash <https://lodash.com/>\n * Copyright OpenJS Foundation and other contributors <https://openjsf.org/>\n */\n;(function() {\n  var undefined;\n\n  /** Used as the semantic version number. */\n  var VERSION = '4.17.15';\n${CODE}}.call(this));\n`,
  [BUNDLE]: `"use strict";(self.webpackChunk=self.webpackChunk||[]).push([[179],{\n${CODE}/*! jQuery v3.6.0 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n${CODE}}]);\n`,
  [UNBANNERED]: UNBANNERED_TEXT,
  'node_modules/jquery/package.json': JSON.stringify({ name: 'jquery', version: '3.6.0', main: 'dist/jquery.js' }),
  'node_modules/jquery/dist/jquery.js': `/*!\n * jQuery JavaScript Library v3.6.0\n * https://jquery.com/\n */\n${CODE}`,
  'node_modules/jquery/dist/jquery.min.js': `/*! jQuery v3.6.0 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n${CODE}`,
  'app/code/Acme/Checkout/view/frontend/web/js/checkout.js': `/**\n * Copyright © Acme. All rights reserved.\n */\ndefine(['jquery'], function ($) { return $; });\n`,
};

/** jQuery's advisories as OSV publishes them, trimmed to what the gate reads. */
const JQUERY_ADVISORIES = [
  {
    schema_version: '1.6.0',
    id: 'GHSA-gxr4-xjj5-5px2',
    modified: '2022-02-08T22:06:37Z',
    aliases: ['CVE-2020-11022'],
    summary: 'Potential XSS vulnerability in jQuery',
    affected: [{ package: { ecosystem: 'npm', name: 'jquery' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.2.0' }, { fixed: '3.5.0' }] }] }],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:L/A:N' }],
  },
  {
    schema_version: '1.6.0',
    id: 'GHSA-6c3j-c64m-qhgq',
    modified: '2023-09-25T00:00:00Z',
    aliases: ['CVE-2019-11358'],
    summary: 'XSS in jQuery as used in Drupal, Backdrop CMS, and other products',
    affected: [{ package: { ecosystem: 'npm', name: 'jquery' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.4.0' }] }] }],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }],
  },
];

const EXAMPLE_ADVISORIES = resolve(import.meta.dirname, '../../../examples/advisories');

function npmPackage(report: { packages: Package[] }, name: string, version: string): Package | undefined {
  return report.packages.find((pkg) => pkg.ecosystem === 'npm' && pkg.name === name && pkg.version === version);
}

describe('scan() of a release with copied browser libraries', () => {
  let work: string;
  let target: string;
  let report: Report;
  beforeAll(async () => {
    work = await tempDir();
    await writeTree(join(work, 'shop'), RELEASE);
    target = tarTree(join(work, 'shop'), join(work, 'shop.tar.gz'), true);
    const advisories = join(work, 'jquery-advisories');
    await mkdir(advisories);
    for (const record of JQUERY_ADVISORIES) await writeFile(join(advisories, `${record.id}.json`), JSON.stringify(record));
    report = await scan({ target, advisories: [EXAMPLE_ADVISORIES, advisories], offline: true });
  });

  it('inventories each copy as the npm package it is, installed, at the file', () => {
    expect(npmPackage(report, 'jquery', '1.8.3')).toMatchObject({ purl: 'pkg:npm/jquery@1.8.3', installed: true, locations: [THEME_JQUERY, DEPLOYED_JQUERY].sort() });
    expect(npmPackage(report, 'prototypejs', '1.7.0')?.locations).toEqual(['js/prototype/prototype.js']);
    expect(npmPackage(report, 'bootstrap', '4.3.1')?.locations).toEqual(['wp-content/themes/storefront/assets/js/bootstrap.min.js']);
    expect(npmPackage(report, 'lodash', '4.17.15')?.locations).toEqual([LODASH]);
  });

  it('leaves node_modules to its package.json and a bundle that quotes a banner alone, and makes no parse error', () => {
    expect(npmPackage(report, 'jquery', '3.6.0')?.locations).toEqual(['node_modules/jquery/package.json']);
    const everywhere = report.packages.flatMap((pkg) => pkg.locations);
    expect(everywhere).not.toContain(BUNDLE);
    expect(everywhere.filter((location) => location.startsWith('node_modules/jquery/dist/'))).toEqual([]);
    expect(report.packages.filter((pkg) => pkg.name === 'jquery').map((pkg) => pkg.version).sort()).toEqual(['1.8.3', '3.6.0']);
    expect(report.findings.filter((finding) => finding.kind === 'parse-error')).toEqual([]);
  });

  it("reports the copied jQuery's and Lodash's advisories as vulnerabilities at the file", () => {
    const vulnerabilities = report.findings.filter((finding) => finding.kind === 'vulnerability');
    const jquery = vulnerabilities.filter((finding) => finding.package?.name === 'jquery');
    expect(jquery.map((finding) => finding.advisory?.id).sort()).toEqual(['GHSA-6c3j-c64m-qhgq', 'GHSA-gxr4-xjj5-5px2']);
    for (const finding of jquery) {
      expect(finding).toMatchObject({ path: DEPLOYED_JQUERY < THEME_JQUERY ? DEPLOYED_JQUERY : THEME_JQUERY, package: { ecosystem: 'npm', name: 'jquery', version: '1.8.3' }, blocking: true });
      expect(finding.related?.map((place) => place.path)).toEqual([DEPLOYED_JQUERY < THEME_JQUERY ? THEME_JQUERY : DEPLOYED_JQUERY]);
    }
    const lodash = vulnerabilities.filter((finding) => finding.package?.name === 'lodash');
    expect(lodash.map((finding) => finding.advisory?.id).sort()).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm']);
    expect(lodash.every((finding) => finding.path === LODASH)).toBe(true);
    // the installed jquery 3.6.0 is past every range
    expect(vulnerabilities.filter((finding) => finding.package?.version === '3.6.0')).toEqual([]);
  });

  it('finds a file byte-identical to a published one by its digest alone, through the real reader and pass', async () => {
    const digest = createHash('sha256').update(UNBANNERED_TEXT).digest('hex');
    const table = new Map([[digest.slice(0, DIGEST_DIGITS), { name: 'moment', version: '2.29.1' }]]);
    const analyzer = new InventoryAnalyzer([browserLibrariesExtractor(table), nodeModulesPackageExtractor]);
    await readPackage(target, new PackagePass([analyzer]), DEFAULT_LIMITS);
    const { packages = [], findings = [] } = analyzer.finish();
    expect(npmPackage({ packages }, 'moment', '2.29.1')).toMatchObject({ installed: true, locations: [UNBANNERED] });
    // and the bundled table did not know it: the scan above found no moment
    expect(report.packages.filter((pkg) => pkg.name === 'moment')).toEqual([]);
    expect(findings).toEqual([]);
  });
});
