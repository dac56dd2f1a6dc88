// npm's lockfiles: package-lock.json (v1, v2, v3), npm-shrinkwrap.json (the same
// format, published with a package), and node_modules/.package-lock.json (the hidden
// lockfile npm 7+ keeps of what it installed, always v2/v3 shaped).
import { endsWithSegments } from '../../../util/path-segments.js';
import { describeKind, isObject, isString, type JsonObject } from '../../../util/shape.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { FormatError, decodeJson } from '../../../util/decode.js';
import { aliasTarget, insideNodeModules, isRegistryVersion, nameAfterNodeModules } from './npm-names.js';

const MIB = 1024 * 1024;
const HIDDEN_LOCKFILE = '.package-lock.json';

export const packageLockExtractor: Extractor = {
  name: 'javascript/package-lock',
  // a large monorepo's lockfile reaches 30 MB
  maxBytes: 64 * MIB,
  matches(path, base) {
    if (base === HIDDEN_LOCKFILE) return endsWithSegments(path, `node_modules/${HIDDEN_LOCKFILE}`);
    if (base !== 'package-lock.json' && base !== 'npm-shrinkwrap.json') return false;
    // A lockfile inside an installed package describes how its author developed it
    // (dev dependencies never installed here); what was installed is the tree itself,
    // read from the package.json files and the hidden lockfile.
    return !insideNodeModules(path);
  },
  extract({ path, content }) {
    const found = readLock(decodeJson(content, 'a package-lock'));
    // the hidden lockfile is npm's record of what it installed: those packages ship
    return path.endsWith(HIDDEN_LOCKFILE) ? found.map((pkg) => ({ ...pkg, installed: true })) : found;
  },
};

function readLock(lock: unknown): ExtractedPackage[] {
  if (!isObject(lock)) throw new FormatError(`it is not a package-lock: the top level is ${describeKind(lock)}, not an object`);
  const packages = lock['packages'];
  const dependencies = lock['dependencies'];
  // v2 carries both sections with the same packages; "packages" is the one npm 7+ reads
  if (packages !== undefined) return fromPackages(expectObject(packages, '"packages"'));
  if (dependencies !== undefined) return fromDependencies(expectObject(dependencies, '"dependencies"'));
  // npm 6 writes no "dependencies" at all for a project that has none
  if (typeof lock['lockfileVersion'] === 'number') return [];
  throw new FormatError('it is not a package-lock: it has no "lockfileVersion", "packages" or "dependencies"');
}

function expectObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new FormatError(`${where} is ${describeKind(value)}, not an object`);
  return value;
}

function optionalString(entry: JsonObject, key: string, where: string): string | undefined {
  const value = entry[key];
  if (value === undefined || isString(value)) return value;
  throw new FormatError(`"${key}" of ${where} is ${describeKind(value)}, not a string`);
}

/** v2/v3: one entry per folder, keyed by its path (`node_modules/a/node_modules/b`). */
function fromPackages(packages: JsonObject): ExtractedPackage[] {
  const found: ExtractedPackage[] = [];
  let index = 0;
  for (const [path, value] of Object.entries(packages)) {
    index++;
    const where = `package ${index} of "packages"`;
    const entry = expectObject(value, where);
    if (path === '') continue; // the project itself
    // a link (workspace, `file:` folder) points at a folder that has its own entry
    if (entry['link'] === true) continue;
    const version = optionalString(entry, 'version', where);
    // an entry without a version (a git dependency npm could not read) has nothing to match on
    if (version === undefined || !isRegistryVersion(version)) continue;
    // "name" is written where it differs from the folder: aliases (`node_modules/string-width-cjs`
    // holds string-width) and workspace folders
    const name = optionalString(entry, 'name', where) ?? nameAfterNodeModules(path) ?? lastSegment(path);
    if (name === '') continue;
    found.push({ ecosystem: 'npm', name, version, dev: entry['dev'] === true });
  }
  return found;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** v1: nested `dependencies`, each keyed by the name it is installed under. */
function fromDependencies(root: JsonObject): ExtractedPackage[] {
  const found: ExtractedPackage[] = [];
  // iterative, so a hostile nesting depth cannot exhaust the stack
  const pending: { dependencies: JsonObject; where: string }[] = [{ dependencies: root, where: '"dependencies"' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const [key, value] of Object.entries(next.dependencies)) {
      const where = `a dependency in ${next.where}`;
      const entry = expectObject(value, where);
      const version = optionalString(entry, 'version', where);
      const pkg = version === undefined ? undefined : registryPackage(key, version);
      if (pkg) found.push({ ecosystem: 'npm', ...pkg, dev: entry['dev'] === true });
      const nested = entry['dependencies'];
      if (nested !== undefined) pending.push({ dependencies: expectObject(nested, `the "dependencies" of ${where}`), where: `${next.where} (nested)` });
    }
  }
  return found;
}

/**
 * v1 `version` is the version, an alias (`npm:string-width@4.2.0`), or where a git, file
 * or tarball dependency came from (no registry version: skipped).
 */
function registryPackage(key: string, version: string): { name: string; version: string } | undefined {
  const alias = aliasTarget(version);
  if (alias) return isRegistryVersion(alias.spec) ? { name: alias.name, version: alias.spec } : undefined;
  return isRegistryVersion(version) ? { name: key, version } : undefined;
}
