import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { lockedPypiPackages } from './python-lock-toml.js';

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
    return lockedPypiPackages(content, 'poetry.lock').map(({ pkg, table }) => {
      const category = table['category'];
      const groups = table['groups'];
      if (typeof category === 'string') pkg.dev = category === 'dev';
      else if (Array.isArray(groups) && groups.length > 0) pkg.dev = !groups.includes('main');
      return pkg;
    });
  },
};
