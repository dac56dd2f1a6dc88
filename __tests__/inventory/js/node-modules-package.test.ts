import { FormatError } from '../../../src/util/decode.js';
// Installed package.json files by hand: names, aliases, and what is no package.
import { describe, expect, it } from 'vitest';
import { nodeModulesPackageExtractor } from '../../../src/inventory/extractors/javascript/node-modules-package.js';

function extract(path: string, manifest: unknown): unknown {
  const content = Buffer.from(typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return nodeModulesPackageExtractor.extract({ path, content });
}

describe('an installed package.json', () => {
  it('is the package it names, at its version', () => {
    expect(extract('node_modules/lodash/package.json', { name: 'lodash', version: '4.17.15', description: 'x' })).toEqual([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
    ]);
  });

  it('keeps scoped names as npm spells them', () => {
    expect(extract('node_modules/@Babel/core/package.json', { name: '@babel/core', version: '7.0.0' })).toEqual([
      { ecosystem: 'npm', name: '@babel/core', version: '7.0.0' },
    ]);
  });

  it('under an alias folder is the real package it holds', () => {
    expect(extract('node_modules/string-width-cjs/package.json', { name: 'string-width', version: '4.2.3' })).toEqual([
      { ecosystem: 'npm', name: 'string-width', version: '4.2.3' },
    ]);
  });

  it('without a name is the package of its folder', () => {
    expect(extract('node_modules/a/node_modules/@scope/b/package.json', { version: '1.0.0' })).toEqual([
      { ecosystem: 'npm', name: '@scope/b', version: '1.0.0' },
    ]);
  });

  it('with bytes that are not UTF-8 in a description is still read, as npm reads it', () => {
    const latin1 = Buffer.concat([Buffer.from('{"name": "old", "version": "0.1.0", "author": "Jos'), Buffer.from([0xe9]), Buffer.from('"}')]);
    expect(nodeModulesPackageExtractor.extract({ path: 'node_modules/old/package.json', content: latin1 })).toEqual([{ ecosystem: 'npm', name: 'old', version: '0.1.0' }]);
  });

  it('without a version, or with no published version, is no package', () => {
    expect(extract('node_modules/x/package.json', { name: 'x' })).toEqual([]);
    expect(extract('node_modules/x/package.json', { name: 'x', version: '' })).toEqual([]);
    expect(extract('node_modules/x/package.json', {})).toEqual([]);
  });

  it.each([
    ['not JSON', 'module.exports = {}'],
    ['truncated', '{"name": "lodash", "vers'],
    ['an array', '["lodash", "4.17.15"]'],
    ['a name that is not a string', '{"name": 42, "version": "1.0.0"}'],
    ['a version that is not a string', '{"name": "x", "version": 1}'],
  ])('that is %s throws', (_what, text) => {
    expect(() => extract('node_modules/x/package.json', text)).toThrow(FormatError);
  });
});
