// pnpm-lock.yaml (lockfile 5.x, 6.x, 9.x) and node_modules/.pnpm/lock.yaml, the copy
// pnpm keeps of what it installed.
import { endsWithSegments } from '../../../util/path-segments.js';
import { describeKind, isObject, isString, type JsonObject } from '../../../util/shape.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { parseYamlDocuments } from '../../syntax/yaml-documents.js';
import { FormatError, decodeText } from '../../../util/decode.js';
import { insideNodeModules, isRegistryVersion } from './npm-names.js';
import { parseDependencyPath, withoutPeers } from './pnpm-dependency-path.js';
import { devByPackage } from './pnpm-dev-reach.js';

const MIB = 1024 * 1024;
const HIDDEN_LOCKFILE = 'node_modules/.pnpm/lock.yaml';

export const pnpmLockExtractor: Extractor = {
  name: 'javascript/pnpm-lock',
  maxBytes: 64 * MIB,
  matches(path, base) {
    if (base === 'lock.yaml') return endsWithSegments(path, HIDDEN_LOCKFILE);
    // one published inside a package lists how its author developed it, not what is installed
    return base === 'pnpm-lock.yaml' && !insideNodeModules(path);
  },
  extract({ path, content }) {
    // pnpm 11+ may write two documents: the "env" one (config dependencies and pnpm
    // itself, which are installed too) and then the project's; every one is read
    const found: ExtractedPackage[] = [];
    for (const document of parseYamlDocuments(decodeText(content, 'a pnpm lockfile'))) {
      if (document === null) continue; // nothing but comments
      found.push(...fromDocument(document));
    }
    // pnpm's own record of what it installed: those packages ship
    return path.endsWith(HIDDEN_LOCKFILE) ? found.map((pkg) => ({ ...pkg, installed: true })) : found;
  },
};

function fromDocument(lock: unknown): ExtractedPackage[] {
  if (!isObject(lock)) throw new FormatError(`it is not a pnpm lockfile: the top level is ${describeKind(lock)}, not a map`);
  const major = lockfileMajor(lock['lockfileVersion']);
  const packages = lock['packages'];
  if (packages === undefined || packages === '') {
    // `packages:` with nothing under it is a project without dependencies; one whose
    // projects do depend on packages was cut short before its packages
    if (dependsOnPackages(lock)) throw new FormatError('its projects have dependencies but it lists no packages (a truncated file?)');
    return [];
  }
  if (!isObject(packages)) throw new FormatError(`"packages" is ${describeKind(packages)}, not a map`);
  const importers = isObject(lock['importers']) ? lock['importers'] : undefined;
  const snapshots = isObject(lock['snapshots']) ? lock['snapshots'] : {};
  if (major >= 9) checkSnapshots(packages, snapshots);
  // v9 has no dev flags: the importers' dependency groups tell
  const devFromGraph = major >= 9 && importers ? devByPackage(importers, snapshots) : undefined;

  const found: ExtractedPackage[] = [];
  let index = 0;
  for (const [key, value] of Object.entries(packages)) {
    index++;
    const entry = entryOf(value, index);
    const named = stringField(entry, 'name', index);
    // pnpm writes `name` only where the key is no registry path (git, tarball, local
    // folder): then the key's last segment is a commit or file name, not a version
    const fromKey = named === undefined ? parseDependencyPath(key, major) : undefined;
    const name = named ?? fromKey?.name;
    const version = stringField(entry, 'version', index) ?? fromKey?.version;
    // a git or local package without a version of its own has nothing to match on
    if (!name || !version || !isRegistryVersion(version)) continue;
    const pkg: ExtractedPackage = { ecosystem: 'npm', name, version };
    // v5/v6: `dev: true` dev only, `dev: false` production only, absent: both
    const dev = devFromGraph ? devFromGraph.get(key) : entry['dev'] === 'true';
    if (dev !== undefined) pkg.dev = dev;
    found.push(pkg);
  }
  return found;
}

const DEPENDENCY_GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/** Does a project (the importers, or the top level of a v5/v6 single-project lockfile) depend on a package? */
function dependsOnPackages(lock: JsonObject): boolean {
  const projects = isObject(lock['importers']) ? Object.values(lock['importers']) : [lock];
  return projects.some(
    (project) =>
      isObject(project) &&
      DEPENDENCY_GROUPS.some((group) => {
        const dependencies = project[group];
        return isObject(dependencies) && Object.values(dependencies).some((value) => !referenceOf(value)?.startsWith('link:'));
      }),
  );
}

/** v5: the reference itself; v6+: `{ specifier, version }`. */
function referenceOf(value: unknown): string | undefined {
  if (isString(value)) return value;
  return isObject(value) && isString(value['version']) ? value['version'] : undefined;
}

/**
 * pnpm 9 writes every package twice, once in `packages` and once or more (per peer set)
 * in `snapshots`; a file cut short loses the snapshots of its last packages, or all of them.
 */
function checkSnapshots(packages: JsonObject, snapshots: JsonObject): void {
  const snapshotted = new Set(Object.keys(snapshots).map(withoutPeers));
  for (const key of snapshotted) {
    if (!Object.hasOwn(packages, key)) throw new FormatError('a snapshot has no package entry (a truncated or edited file?)');
  }
  for (const key of Object.keys(packages)) {
    if (!snapshotted.has(key)) throw new FormatError('a package has no snapshot (a truncated file?)');
  }
}

function lockfileMajor(value: unknown): number {
  // failsafe YAML: `5.4` and `'9.0'` are both strings
  const major = isString(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (Number.isNaN(major)) throw new FormatError(`it is not a pnpm lockfile: its lockfileVersion is ${describeKind(value)}`);
  return major;
}

function entryOf(value: unknown, index: number): JsonObject {
  // an entry with no fields is written `key:` (an empty scalar) or `key: {}`
  if (value === '') return {};
  if (!isObject(value)) throw new FormatError(`package ${index} of "packages" is ${describeKind(value)}, not a map`);
  return value;
}

function stringField(entry: JsonObject, key: string, index: number): string | undefined {
  const value = entry[key];
  if (value === undefined || isString(value)) return value;
  throw new FormatError(`"${key}" of package ${index} of "packages" is ${describeKind(value)}, not a string`);
}
