import { FormatError } from '../../../util/decode.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { lockPackages, requiredString } from './python-lock-toml.js';
import { normalizePypiName } from './pypi-name.js';

/**
 * poetry.lock. Poetry before 1.2 marks development packages `category = "dev"`; lock
 * format 2.1 (Poetry 2) lists each package's `groups` instead, and a package outside the
 * `main` group is there for development only. Lock format 2.0 says neither.
 */
export const poetryLockExtractor: Extractor = {
  name: 'python/poetry-lock',
  maxBytes: 64 * 1024 * 1024,
  matches: (_path, base) => base === 'poetry.lock',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const { document, packages } = lockPackages(content, 'poetry.lock');
    if (packages.length === 0 && document['metadata'] === undefined) throw new FormatError('it has neither packages nor [metadata]: it is not a poetry.lock');
    return packages.map((table, index) => {
      const pkg: ExtractedPackage = {
        ecosystem: 'PyPI',
        name: normalizePypiName(requiredString(table, 'name', index)),
        version: requiredString(table, 'version', index),
      };
      const category = table['category'];
      const groups = table['groups'];
      if (typeof category === 'string') pkg.dev = category === 'dev';
      else if (Array.isArray(groups) && groups.length > 0) pkg.dev = !groups.includes('main');
      return pkg;
    });
  },
};
