import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { normalizePypiName, PYPI_NAME } from './pypi-name.js';
import { FormatError, decodeText } from '../../../util/decode.js';

/**
 * An installed Python distribution's core metadata: `<name>.dist-info/METADATA` (wheels,
 * pip), `<name>.egg-info/PKG-INFO` and `EGG-INFO/PKG-INFO` (setuptools, eggs), and the
 * single-file `<name>.egg-info` that distutils wrote into site-packages (Debian's
 * dist-packages still hold many). The headers are RFC 822 style and end at the first
 * blank line; only `Name` and `Version` matter here.
 */
export const pythonInstalledMetadataExtractor: Extractor = {
  name: 'python/installed-metadata',
  installed: true,
  // the body after the headers is the project's whole README, sometimes with its changelog
  maxBytes: 16 * 1024 * 1024,
  matches: (path, base) =>
    (base === 'METADATA' && path.endsWith('.dist-info/METADATA')) ||
    (base === 'PKG-INFO' && (path.endsWith('.egg-info/PKG-INFO') || path.endsWith('EGG-INFO/PKG-INFO'))) ||
    base.endsWith('.egg-info'),
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const headers = metadataHeaders(decodeText(content, 'Python package metadata'));
    const name = headers.get('name');
    const version = headers.get('version');
    if (!name) throw new FormatError('it has no Name header');
    if (!PYPI_NAME.test(name)) throw new FormatError('its Name is not a distribution name');
    if (!version) throw new FormatError('it has no Version header');
    return [{ ecosystem: 'PyPI', name: normalizePypiName(name), version }];
  },
};

/** The first value of each header, names lower-cased; continuation lines are folded in. */
function metadataHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const [index, line] of text.split(/\r\n|\r|\n/).entries()) {
    // only an empty line ends the headers: setuptools folds a blank line of a long
    // Description into eight spaces, which continue the header
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (last === undefined) throw new FormatError('it starts with a continuation line, not a header');
      continue; // a folded value (a long Summary or License): not one we read
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[A-Za-z0-9-]+$/.test(line.slice(0, colon))) throw new FormatError(`line ${index + 1} is not a metadata header`);
    last = line.slice(0, colon).toLowerCase();
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}
