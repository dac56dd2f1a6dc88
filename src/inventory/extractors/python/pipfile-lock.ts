import { FormatError, decodeJson } from '../../../util/decode.js';
import { isObject, stringAt } from '../../../util/shape.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { normalizePypiName } from './pypi-name.js';

/**
 * Pipfile.lock (JSON): `default` and `develop` (development only), each name to
 * `{version: "==1.2.3", ...}`. Packages from git or a path have no version and yield none.
 */
export const pipfileLockExtractor: Extractor = {
  name: 'python/pipfile-lock',
  maxBytes: 32 * 1024 * 1024,
  matches: (_path, base) => base === 'Pipfile.lock',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const lock = decodeJson(content, 'Pipfile.lock');
    if (!isObject(lock)) throw new FormatError('it is not a JSON object');
    if (lock['default'] === undefined && lock['develop'] === undefined) throw new FormatError('it has neither "default" nor "develop"');
    return [...section(lock['default'], 'default', false), ...section(lock['develop'], 'develop', true)];
  },
};

function section(value: unknown, key: string, dev: boolean): ExtractedPackage[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new FormatError(`"${key}" is not an object`);
  const packages: ExtractedPackage[] = [];
  let index = 0;
  for (const [name, spec] of Object.entries(value)) {
    index++;
    if (!isObject(spec)) throw new FormatError(`entry ${index} of "${key}" is not an object`);
    const version = stringAt(spec, 'version');
    if (version === undefined) continue;
    const pinned = /^===?\s*([^\s,;*]+)$/.exec(version.trim());
    if (!pinned?.[1]) continue; // `*` or a range: no installed version is said
    packages.push({ ecosystem: 'PyPI', name: normalizePypiName(name), version: pinned[1], dev });
  }
  return packages;
}
