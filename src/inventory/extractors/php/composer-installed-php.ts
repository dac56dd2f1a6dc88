import { endsWithSegments } from '../../../util/path-segments.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { markMagentoProduct } from './magento-product.js';
import { PhpArray, parsePhpReturnLiteral, type PhpValue } from '../../syntax/php-array-literal.js';
import { FormatError, decodeText } from '../../../util/decode.js';

/**
 * vendor/composer/installed.php (Composer 2), read as a literal, never run:
 * `['root' => [...], 'versions' => [name => ['pretty_version', 'version',
 * 'dev_requirement', 'replaced', 'provided', ...]]]`. A name whose entry carries only
 * `replaced` or `provided` is satisfied by another package and has no code of its own.
 * The root project is the shop itself; it is listed only when it stands for the Magento
 * product (a git clone of Magento is the root `magento/magento2ce`).
 */
export const composerInstalledPhpExtractor: Extractor = {
  name: 'php/composer-installed-php',
  installed: true,
  maxBytes: 64 * 1024 * 1024,
  matches: (path, base) => base === 'installed.php' && endsWithSegments(path, 'composer/installed.php'),
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const installed = parsePhpReturnLiteral(decodeText(content, 'installed.php'));
    if (!(installed instanceof PhpArray)) throw new FormatError('it does not return an array');
    const versions = installed.get('versions');
    if (!(versions instanceof PhpArray)) throw new FormatError("it has no 'versions' array");
    const rootEntry = installed.get('root');
    const rootName = rootEntry instanceof PhpArray ? stringOf(rootEntry.get('name'))?.toLowerCase() : undefined;

    const packages: ExtractedPackage[] = [];
    let root: ExtractedPackage | undefined;
    for (const [index, [rawName, entry]] of [...versions.entries].entries()) {
      if (!(entry instanceof PhpArray)) throw new FormatError(`entry ${index + 1} of 'versions' is not an array`);
      const name = rawName.toLowerCase();
      const version = stringOf(entry.get('pretty_version')) ?? stringOf(entry.get('version'));
      if (version === undefined) {
        if (entry.get('replaced') !== undefined || entry.get('provided') !== undefined) continue;
        throw new FormatError(`entry ${index + 1} of 'versions' has no version and is neither replaced nor provided`);
      }
      const pkg: ExtractedPackage = { ecosystem: 'Packagist', name, version };
      const dev = entry.get('dev_requirement');
      if (typeof dev === 'boolean') pkg.dev = dev;
      if (name === rootName) root = { ecosystem: 'Packagist', name, version, dev: false };
      else packages.push(pkg);
    }
    if (!root && rootEntry instanceof PhpArray && rootName) {
      const version = stringOf(rootEntry.get('pretty_version')) ?? stringOf(rootEntry.get('version'));
      if (version) root = { ecosystem: 'Packagist', name: rootName, version, dev: false };
    }
    return markMagentoProduct(packages, root);
  },
};

function stringOf(value: PhpValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
