import { endsWithSegments } from '../../../util/path-segments.js';
import { isObject, isStringArray } from '../../../util/shape.js';
import { composerPackages } from './composer-packages.js';
import { FormatError, decodeJson } from '../../../util/decode.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { markMagentoProduct } from './magento-product.js';

/**
 * vendor/composer/installed.json, what `composer install` put in the vendor folder, in
 * both shapes: Composer 1's bare array, and Composer 2's `{packages, dev,
 * dev-package-names}`, where the names listed in `dev-package-names` are development
 * packages. Composer 1 does not say which packages are for development.
 */
export const composerInstalledJsonExtractor: Extractor = {
  name: 'php/composer-installed-json',
  installed: true,
  maxBytes: 64 * 1024 * 1024,
  // the vendor folder may be renamed (config.vendor-dir), its composer/ subfolder may not
  matches: (path, base) => base === 'installed.json' && endsWithSegments(path, 'composer/installed.json'),
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const installed = decodeJson(content, 'installed.json');
    if (Array.isArray(installed)) return markMagentoProduct(composerPackages(installed, 'the list', () => undefined));
    if (!isObject(installed)) throw new FormatError('it is neither a list of packages (Composer 1) nor an object (Composer 2)');
    const devNames = installed['dev-package-names'];
    let dev: (name: string) => boolean | undefined = () => undefined;
    if (devNames !== undefined) {
      if (!isStringArray(devNames)) throw new FormatError('"dev-package-names" is not a list of names');
      const set = new Set(devNames.map((name) => name.toLowerCase()));
      dev = (name) => set.has(name);
    }
    return markMagentoProduct(composerPackages(installed['packages'], 'packages', dev));
  },
};
