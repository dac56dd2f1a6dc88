import { describeKind, isObject, stringAt } from '../../../util/shape.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { FormatError, decodeJson } from '../../../util/decode.js';

// The lock file versions NuGet writes: 1, and 2 (central package management).
const VERSIONS = new Set([1, 2]);

/**
 * NuGet's packages.lock.json: `dependencies` per target framework (and runtime), each
 * package with the version NuGet `resolved`. A package locked for several frameworks
 * is one package. `Project` entries are other projects of the same solution (their
 * own packages are locked in their own lock files), not NuGet packages.
 */
export const nugetPackagesLockExtractor: Extractor = {
  name: 'dotnet/packages-lock',
  maxBytes: 32 * 1024 * 1024,
  matches: (_path, base) => base === 'packages.lock.json',
  extract({ content }) {
    const document = decodeJson(content, 'packages.lock.json');
    if (!isObject(document)) throw new FormatError('not a packages.lock.json: the document is not an object');
    const version = document['version'];
    if (typeof version !== 'number' || !VERSIONS.has(version)) throw new FormatError(`its version is ${typeof version === 'number' ? version : describeKind(version)}, not one this reads (1 or 2)`);
    const frameworks = document['dependencies'];
    if (!isObject(frameworks)) throw new FormatError('not a packages.lock.json: it has no dependencies object');
    const found = new Map<string, ExtractedPackage>();
    let frameworkIndex = 0;
    for (const packages of Object.values(frameworks)) {
      const framework = `framework ${++frameworkIndex}`;
      if (!isObject(packages)) throw new FormatError(`the dependencies of ${framework} are not an object`);
      let packageIndex = 0;
      for (const [name, entry] of Object.entries(packages)) {
        const where = `package ${++packageIndex} of ${framework}`;
        if (!isObject(entry)) throw new FormatError(`${where} is not an object`);
        if (stringAt(entry, 'type') === 'Project') continue;
        const resolved = stringAt(entry, 'resolved');
        if (!resolved) throw new FormatError(`${where} has no resolved version`);
        // package ids are case-insensitive in NuGet
        const key = `${name.toLowerCase()}@${resolved.toLowerCase()}`;
        if (!found.has(key)) found.set(key, { ecosystem: 'NuGet', name, version: resolved });
      }
    }
    return [...found.values()];
  },
};
