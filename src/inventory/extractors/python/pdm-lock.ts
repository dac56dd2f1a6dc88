import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { lockedPypiPackages } from './python-lock-toml.js';

/**
 * pdm.lock. Each package lists the `groups` that need it: `default` is the production
 * set; a package only in the `dev` group is for development. The lock does not say which
 * other groups are development groups and which are optional features, so a package
 * only in those is left unmarked.
 */
export const pdmLockExtractor: Extractor = {
  name: 'python/pdm-lock',
  maxBytes: 64 * 1024 * 1024,
  matches: (_path, base) => base === 'pdm.lock',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    return lockedPypiPackages(content, 'pdm.lock').map(({ pkg, table }) => {
      const groups = table['groups'];
      if (Array.isArray(groups) && groups.length > 0) {
        if (groups.includes('default')) pkg.dev = false;
        else if (groups.every((group) => group === 'dev')) pkg.dev = true;
      }
      return pkg;
    });
  },
};
