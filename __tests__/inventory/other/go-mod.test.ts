import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goModExtractor } from '../../../src/inventory/extractors/go/go-mod.js';
import { extract, FIXTURES, ids } from './build.js';

describe('go.mod', () => {
  it('reads require lines and blocks, quoted paths, indirect modules, +incompatible and pseudo-versions', () => {
    const found = extract(goModExtractor, 'sidecar/go.mod', readFileSync(join(FIXTURES, 'go.mod')));
    expect(ids(found)).toEqual([
      'github.com/BurntSushi/toml@v1.4.0',
      'github.com/docker/docker@v24.0.7+incompatible',
      'github.com/google/uuid@v1.6.0',
      // replaced by a local folder: still the module and version it replaces
      'github.com/gorilla/websocket@v1.5.0',
      // replaced (every version) by a fork: the fork at its version
      'github.com/shop/errors-fork@v0.9.2',
      // replaced at v0.17.0 by v0.23.0
      'golang.org/x/net@v0.23.0',
      'golang.org/x/sys@v0.0.0-20210630005230-0f9fa26af87c',
      'golang.org/x/text@v0.14.0',
      // the toolchain line wins over the go line
      'stdlib@v1.22.5',
    ]);
    expect(found.every((p) => p.ecosystem === 'Go')).toBe(true);
  });

  it('reads a go.mod checked out with CRLF line ends', () => {
    const text = readFileSync(join(FIXTURES, 'go.mod'), 'utf8');
    expect(extract(goModExtractor, 'go.mod', text.replace(/\n/g, '\r\n'))).toEqual(extract(goModExtractor, 'go.mod', text));
  });

  it('takes stdlib from the go line when there is no toolchain, and names pre-releases as module versions', () => {
    expect(extract(goModExtractor, 'go.mod', 'module m\n\ngo 1.17\n')).toEqual([{ ecosystem: 'Go', name: 'stdlib', version: 'v1.17' }]);
    expect(extract(goModExtractor, 'go.mod', 'module m\ngo 1.21rc2\n')).toEqual([{ ecosystem: 'Go', name: 'stdlib', version: 'v1.21.0-rc.2' }]);
    expect(extract(goModExtractor, 'go.mod', 'module m\ngo 1.21\ntoolchain default\n')).toEqual([{ ecosystem: 'Go', name: 'stdlib', version: 'v1.21' }]);
    expect(extract(goModExtractor, 'go.mod', 'module m\n')).toEqual([]);
    expect(extract(goModExtractor, 'go.mod', '')).toEqual([]);
  });

  it('applies a version-specific replace before a replace of every version, and merges what becomes the same', () => {
    const text = 'module m\nrequire (\n\tgolang.org/x/net v1.2.3\n\tgolang.org/x/net v0.5.6\n)\nreplace golang.org/x/net => example.com/fork/net v1.4.5\nreplace golang.org/x/net v0.5.6 => example.com/other v0.0.1\n';
    expect(ids(extract(goModExtractor, 'go.mod', text))).toEqual(['example.com/fork/net@v1.4.5', 'example.com/other@v0.0.1']);
    const both = 'module m\nrequire (\n\ta v1.0.0\n\ta v1.1.0\n)\nreplace a => b v2.0.0\n';
    expect(extract(goModExtractor, 'go.mod', both)).toEqual([{ ecosystem: 'Go', name: 'b', version: 'v2.0.0' }]);
    // a replace of a module that is not required adds nothing
    expect(ids(extract(goModExtractor, 'go.mod', 'module m\nrequire a v1.0.0\nreplace z v1.0.0 => y v1.0.0\n'))).toEqual(['a@v1.0.0']);
  });

  it('throws on what is not a go.mod', () => {
    const broken: [string, RegExp][] = [
      ['this is not a go.mod file!', /line 1 does not start with a go.mod directive/],
      ['module m\nrequire (\n\ta v1.0.0\n', /line 2: the require block is never closed/],
      ['module m\nrequire a\n', /line 2: require takes a module path and a version/],
      ['module m\nrequire a 1.0.0\n', /line 2: require has a version that is not a module version/],
      ['module m\nrequire a master\n', /not a module version/],
      ['module m\nreplace a v1.0.0 => b\n', /line 2: replace to a module needs one version/],
      ['module m\nreplace a => ./x v1.0.0\n', /to a local folder takes no version/],
      ['module m\nreplace a b c d\n', /replace takes/],
      ['module m\ngo one.two\n', /go takes one Go version/],
      ['module m\nrequire "a v1.0.0\n', /a quoted string is not closed/],
      ['{"name": "not-go"}', /does not start with a go.mod directive/],
    ];
    for (const [text, error] of broken) expect(() => extract(goModExtractor, 'go.mod', text), text).toThrow(error);
  });

  it('matches go.mod only', () => {
    expect(goModExtractor.matches('tools/go.mod', 'go.mod')).toBe(true);
    expect(goModExtractor.matches('go.sum', 'go.sum')).toBe(false);
    expect(goModExtractor.matches('x/go.mod.bak', 'go.mod.bak')).toBe(false);
  });
});
