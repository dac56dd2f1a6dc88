import { describe, expect, it } from 'vitest';
import { pythonInstalledMetadataExtractor } from '../../../src/inventory/extractors/python/python-installed-metadata.js';
import { extract, fixture } from './helpers.js';

const extractor = pythonInstalledMetadataExtractor;

describe('installed Python metadata', () => {
  it('reads a wheel install’s METADATA headers, not the description after them', () => {
    const path = 'venv/lib/python3.11/site-packages/Jinja2-3.1.2.dist-info/METADATA';
    expect(extract(extractor, path, fixture('site-packages/Jinja2-3.1.2.dist-info/METADATA'))).toEqual([{ ecosystem: 'PyPI', name: 'jinja2', version: '3.1.2' }]);
  });

  it('reads an egg-info PKG-INFO, whose folded Description holds whitespace-only lines', () => {
    const path = 'lib/site-packages/zope.interface-6.0-py3.11.egg-info/PKG-INFO';
    expect(extract(extractor, path, fixture('site-packages/zope.interface-6.0-py3.11.egg-info/PKG-INFO'))).toEqual([
      { ecosystem: 'PyPI', name: 'zope-interface', version: '6.0' },
    ]);
  });

  it('only an empty line ends the headers, not a whitespace-only line of a folded value', () => {
    const metadata = 'Metadata-Version: 1.0\nName: late-version\nDescription: first paragraph\n        \n        second paragraph\nVersion: 1.0\n\nVersion: 9.9\n';
    expect(extract(extractor, 'x.egg-info/PKG-INFO', metadata)).toEqual([{ ecosystem: 'PyPI', name: 'late-version', version: '1.0' }]);
  });

  it('refuses metadata without a name or version, or that is not headers', () => {
    expect(() => extract(extractor, 'x.dist-info/METADATA', 'Metadata-Version: 2.1\nName: x\n')).toThrow(/no Version/);
    expect(() => extract(extractor, 'x.dist-info/METADATA', 'Metadata-Version: 2.1\nVersion: 1.0\n')).toThrow(/no Name/);
    expect(() => extract(extractor, 'x.dist-info/METADATA', '<html>not metadata</html>\n')).toThrow(/not a metadata header/);
    expect(() => extract(extractor, 'x.dist-info/METADATA', 'Name: ../../etc\nVersion: 1\n')).toThrow(/not a distribution name/);
  });

  it('offers dist-info METADATA, egg-info PKG-INFO, EGG-INFO and single-file egg-info only', () => {
    const offered = (path: string): boolean => extractor.matches(path, path.slice(path.lastIndexOf('/') + 1));
    for (const path of [
      'site-packages/requests-2.31.0.dist-info/METADATA',
      'src/shop.egg-info/PKG-INFO',
      'site-packages/foo-1.0-py3.8.egg/EGG-INFO/PKG-INFO',
      'usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info',
    ]) {
      expect({ path, offered: offered(path) }).toEqual({ path, offered: true });
    }
    for (const path of ['METADATA', 'docs/METADATA', 'sdist-1.0/PKG-INFO', 'site-packages/requests-2.31.0.dist-info/RECORD']) {
      expect({ path, offered: offered(path) }).toEqual({ path, offered: false });
    }
  });
});
