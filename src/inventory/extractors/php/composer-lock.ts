import { isObject } from '../../../util/shape.js';
import { composerPackages } from './composer-packages.js';
import { FormatError, decodeJson } from '../../../util/decode.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { markMagentoProduct } from './magento-product.js';

/** composer.lock: `packages`, and `packages-dev` (development only). */
export const composerLockExtractor: Extractor = {
  name: 'php/composer-lock',
  // a Magento lock is 1-2 MB
  maxBytes: 64 * 1024 * 1024,
  matches: (_path, base) => base === 'composer.lock',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const lock = decodeJson(content, 'composer.lock');
    if (!isObject(lock)) throw new FormatError('it is not a JSON object');
    if (!('packages' in lock)) throw new FormatError('it has no "packages" list');
    const packages = composerPackages(lock['packages'], 'packages', () => false);
    // Composer 1 wrote `"packages-dev": null` for `--no-dev` locks
    const devList = lock['packages-dev'];
    if (devList !== undefined && devList !== null) packages.push(...composerPackages(devList, 'packages-dev', () => true));
    return markMagentoProduct(packages);
  },
};
