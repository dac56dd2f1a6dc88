import { isObject, stringAt } from '../../../util/shape.js';
import { ExtractError, type ExtractInput, type ExtractedPackage, type Extractor } from '../extractor.js';
import { normalizePypiName } from './pypi-name.js';
import { textOf } from '../../syntax/text-of.js';

/**
 * Pipfile.lock (JSON): `default` and `develop` (development only), each name to
 * `{version: "==1.2.3", ...}`. Packages from git or a path have no version and yield none.
 */
export const pipfileLockExtractor: Extractor = {
  name: 'python/pipfile-lock',
  maxBytes: 32 * 1024 * 1024,
  matches: (_path, base) => base === 'Pipfile.lock',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    let lock: unknown;
    try {
      lock = JSON.parse(textOf(content, 'Pipfile.lock')) as unknown;
    } catch (error) {
      if (error instanceof ExtractError) throw error;
      throw new ExtractError(`it is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isObject(lock)) throw new ExtractError('it is not a JSON object');
    if (lock['default'] === undefined && lock['develop'] === undefined) throw new ExtractError('it has neither "default" nor "develop"');
    return [...section(lock['default'], 'default', false), ...section(lock['develop'], 'develop', true)];
  },
};

function section(value: unknown, key: string, dev: boolean): ExtractedPackage[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new ExtractError(`"${key}" is not an object`);
  const packages: ExtractedPackage[] = [];
  for (const [name, spec] of Object.entries(value)) {
    if (!isObject(spec)) throw new ExtractError(`${key}.${name} is not an object`);
    const version = stringAt(spec, 'version');
    if (version === undefined) continue;
    const pinned = /^===?\s*([^\s,;*]+)$/.exec(version.trim());
    if (!pinned?.[1]) continue; // `*` or a range: no installed version is said
    packages.push({ ecosystem: 'PyPI', name: normalizePypiName(name), version: pinned[1], dev });
  }
  return packages;
}
