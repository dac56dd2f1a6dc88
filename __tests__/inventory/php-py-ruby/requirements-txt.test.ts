import { describe, expect, it } from 'vitest';
import { readRequirements, requirementsTxtExtractor } from '../../../src/inventory/extractors/python/requirements-txt.js';
import { includedPath } from '../../../src/inventory/extractors/python/requirements-includes.js';
import { extract, fixture, ids } from './helpers.js';

const read = (text: string | Buffer): string[] => ids(extract(requirementsTxtExtractor, 'requirements.txt', text));

describe('requirements.txt', () => {
  it('reads exact pins through hashes, markers, extras, comments and continuations', () => {
    const packages = extract(requirementsTxtExtractor, 'requirements.txt', fixture('requirements.txt'));
    expect(ids(packages)).toEqual([
      'asgiref@3.7.2',
      'django@4.2.5',
      'legacy@1.0.2',
      'pillow@10.0.1',
      'psycopg@3.1.10',
      'requests@2.31.0',
      'sqlparse@0.4.4',
      'typing-extensions@4.7.1',
      'zope-interface@6.0',
    ]);
    expect(packages.every((p) => p.ecosystem === 'PyPI' && p.dev === undefined)).toBe(true);
  });

  it('names are PEP 503 normal: case, dots and underscores', () => {
    expect(read('Zope.Interface==5.4.0\nruamel.yaml.clib==0.2.7\nTyping__Extensions==4.0\n')).toEqual([
      'ruamel-yaml-clib@0.2.7',
      'typing-extensions@4.0',
      'zope-interface@5.4.0',
    ]);
  });

  it('joins lines as pip does: every trailing backslash goes, a comment line ends the join', () => {
    expect(read('foo==\\\n\\\n \\\n1.2.3\n')).toEqual(['foo@1.2.3']);
    expect(read('bar == 4.5\\\\\n.6\n')).toEqual(['bar@4.5.6']);
    expect(read('baz == 7.8.9 # \\\nbaz == 1.2.3\n')).toEqual(['baz@7.8.9']);
    expect(read('# a comment \\\nqux==1.0\n')).toEqual(['qux@1.0']);
    expect(read('last==2.0\\')).toEqual(['last@2.0']);
  });

  it('a range, a wildcard or a bare name pins nothing', () => {
    expect(read('flask\nkeyring >= 4.1.1\nMopidy-Dirble ~= 1.1\ncoverage != 3.5\nnumpy==1.26.*\n')).toEqual([]);
  });

  it('does not follow -r, -c or editable installs, and skips URLs and paths', () => {
    expect(read('-r other.txt\n--requirement=base.txt\n-e .\n-e git+https://x/y.git#egg=y\nhttps://x/y-1.0.tar.gz\n./a/b-1.0.whl\nname @ file:///tmp/x\n')).toEqual([]);
  });

  it('reads the UTF-16 that PowerShell writes for `pip freeze > requirements.txt`', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Django==4.2.5\r\nsix==1.16.0\r\n', 'utf16le')]);
    expect(read(utf16)).toEqual(['django@4.2.5', 'six@1.16.0']);
    const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('six==1.16.0\n')]);
    expect(read(utf8Bom)).toEqual(['six@1.16.0']);
  });

  it('refuses a file that is not requirements', () => {
    expect(() => read('This project needs PHP 8.1 or later.\n')).toThrow(/line 1 has a version specifier that is not PEP 440/);
    expect(() => read('django==4.2\n!!! not a requirement\n')).toThrow(/line 2 is not a requirement/);
    expect(() => read('django=4.2\n')).toThrow(/not PEP 440/);
    expect(() => read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/binary/);
  });

  it('offers requirements files by their usual names only', () => {
    const offered = (path: string): boolean => requirementsTxtExtractor.matches(path, path.slice(path.lastIndexOf('/') + 1));
    for (const path of ['requirements.txt', 'app/requirements-dev.txt', 'requirements_prod.txt', 'dev-requirements.txt', 'requirements/base.txt', 'app/requirements/production.txt']) {
      expect({ path, offered: offered(path) }).toEqual({ path, offered: true });
    }
    for (const path of ['README.txt', 'requirements.in', 'docs/notes.txt', 'robots.txt', 'myrequirements.txt.bak']) {
      expect({ path, offered: offered(path) }).toEqual({ path, offered: false });
    }
  });
});

describe('requirements.txt includes', () => {
  it('names the files it includes in every spelling pip accepts, and not its constraints', () => {
    const text = '-r base.txt\n-rlocal.pip\n--requirement ../shared/prod.txt\n--requirement=ci.in # for CI\n-c constraints.txt\n--constraint c2.txt\nflask==3.0.0\n';
    expect(readRequirements(Buffer.from(text))).toEqual({
      packages: [{ ecosystem: 'PyPI', name: 'flask', version: '3.0.0' }],
      includes: ['base.txt', 'local.pip', '../shared/prod.txt', 'ci.in'],
    });
  });

  it('resolves an include against the including file’s folder, inside the package only', () => {
    expect(includedPath('app/requirements.txt', 'base.txt')).toBe('app/base.txt');
    expect(includedPath('app/requirements/prod.txt', '../common.txt')).toBe('app/common.txt');
    expect(includedPath('app/requirements.txt', './deps\\base.txt')).toBe('app/deps/base.txt');
    expect(includedPath('requirements.txt', '../outside.txt')).toBeUndefined();
    expect(includedPath('requirements.txt', '/etc/passwd')).toBeUndefined();
    expect(includedPath('requirements.txt', 'https://example.com/reqs.txt')).toBeUndefined();
  });
});
