// Installed packages: the package.json at the root of each folder under node_modules
// (npm, yarn's node-modules linker, and pnpm's virtual store
// node_modules/.pnpm/<id>/node_modules/<name>). It is what is physically shipped,
// whatever the lockfiles say.
import { describeKind, isObject, isString } from '../../../util/shape.js';
import type { Extractor } from '../extractor.js';
import { FormatError, decodeJson } from '../../../util/decode.js';
import { isNodeModulesDir, isRegistryVersion, nameAfterNodeModules } from './npm-names.js';

const MIB = 1024 * 1024;
const MANIFEST = 'package.json';

export const nodeModulesPackageExtractor: Extractor = {
  name: 'javascript/node-modules-package',
  installed: true,
  // package.json files are small; a few carry long contributor lists or embedded data
  maxBytes: 4 * MIB,
  matches(path, base) {
    return base === MANIFEST && isPackageRoot(path);
  },
  extract({ path, content }) {
    const manifest = decodeJson(content, 'a package manifest');
    if (!isObject(manifest)) throw new FormatError(`it is not a package manifest: the top level is ${describeKind(manifest)}, not an object`);
    const name = manifest['name'];
    const version = manifest['version'];
    if (name !== undefined && !isString(name)) throw new FormatError(`its "name" is ${describeKind(name)}, not a string`);
    if (version !== undefined && !isString(version)) throw new FormatError(`its "version" is ${describeKind(version)}, not a string`);
    // a folder without a version is no published package (npm itself lists it as invalid)
    if (version === undefined || !isRegistryVersion(version)) return [];
    // the manifest's own name: an alias folder (node_modules/string-width-cjs) holds the real package
    const installedAs = nameAfterNodeModules(path.slice(0, -(MANIFEST.length + 1)));
    const packageName = name !== undefined && name !== '' ? name : installedAs;
    return packageName ? [{ ecosystem: 'npm', name: packageName, version }] : [];
  },
};

/**
 * `…node_modules/<name>/package.json` or `…node_modules/@scope/<name>/package.json`, and
 * not a package.json deeper inside a package (`node_modules/tslib/modules/package.json`
 * only marks a folder as ES modules).
 */
function isPackageRoot(path: string): boolean {
  const dir = path.slice(0, path.length - MANIFEST.length - 1);
  if (dir.length === 0 || path[dir.length] !== '/') return false;
  const slash = dir.lastIndexOf('/');
  if (slash < 0) return false;
  const folder = dir.slice(slash + 1);
  // .bin, .pnpm, .cache and the like are npm's and pnpm's own folders, never a package
  if (folder === '' || folder.startsWith('.') || folder.startsWith('@')) return false;
  const parent = dir.slice(0, slash);
  if (isNodeModulesDir(parent)) return true;
  const scopeSlash = parent.lastIndexOf('/');
  if (scopeSlash < 0) return false;
  const scope = parent.slice(scopeSlash + 1);
  return scope.length > 1 && scope.startsWith('@') && isNodeModulesDir(parent.slice(0, scopeSlash));
}
