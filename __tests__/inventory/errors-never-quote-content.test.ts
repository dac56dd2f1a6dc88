// A lockfile that cannot be read becomes a parse-error finding, and its title reaches
// the pull request comment. The reason names a line, a column or an index, never the
// bytes around it: a lockfile can hold a live token where a value should be.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTRACTORS } from '../../src/inventory/extractors/registry.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { scan } from '../../src/scan.js';
import { tempDir } from '../helpers/temp.js';

// made at run time, so no scanner of this repository mistakes the test for a leak
const TOKEN = ['ghp', '_', 'Zq7Xw2Rk9Lm4Tn8Vb3Yc6Hd1Jf5Gs0Pa2Ue4'].join('');
const KEY = ['sk', '_live_', '51HqZx7Kb2LmN4pQ8rS6tV1wY3zA'].join('');

/** Every run of 6 characters of a secret: one of them in a message is a leak. */
function fragments(secret: string): string[] {
  return Array.from({ length: secret.length - 5 }, (_, i) => secret.slice(i, i + 6));
}

function leaks(text: string): string[] {
  return [...fragments(TOKEN), ...fragments(KEY)].filter((fragment) => text.includes(fragment));
}

/** Broken files of every shape the extractors read, each with a secret where a value, a key, a name or a line should be. */
function brokenInputs(t: string, k: string): string[] {
  return [
    t,
    `${t}\n${k}\n`,
    `{"packages": ${t}}`,
    `{"a": ${t}}`,
    `{"packages": [{"name": "${t}"}]}`,
    `{"packages": [{"name": "a/b", "version": ${k}}]}`,
    `{"packages": {"node_modules/${t}": {"version": 7}}}`,
    `{"version": "${t}", "dependencies": {"${k}": []}}`,
    `{"version": 1, "dependencies": {"${t}": {"${k}": {"type": "Direct"}}}}`,
    `{"libraries": {"${t}": {"type": "package"}}}`,
    `{"default": {"${t}": "${k}"}}`,
    `{"lockfileVersion": "${t}"}`,
    `lockfileVersion: ${t}\npackages:\n  ${k}: 1\n`,
    `${t}:\n  version: ${k}\n  ${t}: [\n`,
    `"${t}@^1":\n  version ${k}\n  ${t}\n`,
    `__metadata:\n  version: 6\n${t}:\n  version: 1\n  resolution: ${k}\n`,
    `[[package]]\nname = "${t}"\n`,
    `[[package]]\nname = "${t}"\nversion = ${k}\n`,
    `${t} = 1\n[dependencies]\n${k} = "1"\n`,
    `<?php return ['versions' => ['${t}' => ['type' => 'library']]];`,
    `<?php return ['versions' => ['${t}' => ${k}]];`,
    `<?php\nreturn ${t};`,
    `Package: ${t}\nStatus: ${k}\nVersion: 1\n`,
    `Package: ${t}\nStatus: install ok installed\nVersion: 1\nSource: ${k} (1) (2)\n`,
    `${t}: ${k}\n${t}: 2\n`,
    `P:${t}\n\nV:${k}\n`,
    `X ${t}\n`,
    `GEM\n  specs:\n    ${t}\n${k}\n`,
    `Gem::Specification.new do |${t}|\n  ${t}.name = ${k}\nend\n`,
    `Metadata-Version: 2.1\nName: ${t}!\nVersion: 1\n`,
    `${t}: x\n${k}\n`,
    `${t}==1.0 ; ${k}\n`,
    `${t}>=${k}\n`,
    `module m\n${t} ${k}\n`,
    `module m\nrequire ${t} ${k}\n`,
    `module m\nreplace ${t} => ${k}\n`,
    `a:b:1.0=runtimeClasspath\n${t}\n`,
    `<verification-metadata><components><component group="${t}"/></components></verification-metadata>`,
    `<${t}><${k}></${t}>`,
    `<a ${t}="1" ${t}="2"/>`,
    `groupId=${t}\n`,
    `{"name": "magento/magento2ce", "version": ${t}}`,
    `{"name": "magento/magento2ce", "${t}": 1, "version": ["${k}"]}`,
  ];
}

describe('parse errors never quote the file', () => {
  it('no extractor puts any part of a secret from a broken file into its reason', () => {
    const checked: string[] = [];
    for (const extractor of EXTRACTORS) {
      for (const text of brokenInputs(TOKEN, KEY)) {
        try {
          extractor.extract({ path: 'x', content: Buffer.from(text) });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          expect(leaks(message), `${extractor.name} on ${JSON.stringify(text.slice(0, 40))}: ${message}`).toEqual([]);
          checked.push(extractor.name);
        }
      }
    }
    // every extractor refused some of them, so every one was asked; but a prefix reader (a
    // banner) refuses nothing: a file that says nothing is no package, never an error
    expect(new Set(checked)).toEqual(new Set(EXTRACTORS.filter((extractor) => !extractor.headBytes).map((extractor) => extractor.name)));
  });

  it('a composer.lock with a bare token where JSON expects a value: the finding, summary and SARIF name the line, not the token', async () => {
    const work = await tempDir();
    const tree = join(work, 'shop');
    await mkdir(tree, { recursive: true });
    await writeFile(join(tree, 'composer.lock'), `{\n  "_readme": ["x"],\n  "content-hash": ${TOKEN},\n  "packages": []\n}\n`);
    const pkg = join(work, 'shop.tar.gz');
    execFileSync('tar', ['-czf', pkg, '-C', work, 'shop']);
    const report = await scan({ target: pkg, advisories: ['none'] });
    const error = report.findings.find((finding) => finding.kind === 'parse-error');
    // paths relative to the package's top folder (shop/), in the title too
    expect(error?.title).toBe('composer.lock could not be read as php/composer-lock: it is not JSON: it does not parse');
    for (const output of [JSON.stringify(report), renderMarkdown(report), renderSarif(report)]) expect(leaks(output)).toEqual([]);
  });
});
