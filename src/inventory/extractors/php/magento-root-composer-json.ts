import { isObject, stringAt } from '../../../util/shape.js';
import { FormatError, decodeJson } from '../../../util/decode.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { markMagentoProduct } from './magento-product.js';

// The root composer.json of a Magento git clone (`magento/magento2ce`) names the product
// and its version. Where vendor/composer/installed.php is missing (Composer 1, Magento
// 2.3 and older) it is the only thing that does: a git clone's lock and installed.json
// list no Magento package, since the root replaces them all.
//
// A composer project's root (magento/project-community-edition) is not read: its lock and
// installed.json always hold the metapackage, which stands for the product, and a second
// package carrying the same names would only repeat every advisory.
const GIT_CLONE_ROOT = 'magento/magento2ce';
const NAMES_IT = /"name"\s*:\s*"magento\/magento2ce"/i;

/**
 * Every composer.json is offered (vendor holds thousands), so it reads only those whose
 * text names the git clone's root: other composer.json files are not its business, and a
 * broken one among them (test fixtures ship some) is not a parse error of the release.
 */
export const magentoRootComposerJsonExtractor: Extractor = {
  name: 'php/magento-root-composer-json',
  maxBytes: 4 * 1024 * 1024,
  matches: (_path, base) => base === 'composer.json',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    if (!NAMES_IT.test(content.toString('latin1'))) return [];
    const manifest = decodeJson(content, 'composer.json');
    if (!isObject(manifest)) throw new FormatError('it is not a JSON object');
    const name = stringAt(manifest, 'name')?.toLowerCase();
    const version = stringAt(manifest, 'version');
    const type = stringAt(manifest, 'type');
    if (name !== GIT_CLONE_ROOT || (type !== undefined && type !== 'project')) return [];
    // a root without a version, or with a constraint where the version goes, says nothing of the release
    if (!version || !/^[vV]?\d[^\s<>=|,^~*]*$/.test(version)) return [];
    return markMagentoProduct([], { ecosystem: 'Packagist', name, version, dev: false });
  },
};
