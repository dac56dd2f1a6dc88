import { isObject, stringAt } from '../../../util/shape.js';
import { ExtractError, type ExtractedPackage, type Extractor } from '../extractor.js';
import { parseJsonContent } from '../../syntax/json-content.js';

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
    const document = parseJsonContent(content);
    if (!isObject(document)) throw new ExtractError('not a packages.lock.json: the document is not an object');
    const version = document['version'];
    if (typeof version !== 'number' || !VERSIONS.has(version)) throw new ExtractError(`packages.lock.json version ${JSON.stringify(version) ?? 'missing'} is not one this reads (1 or 2)`);
    const frameworks = document['dependencies'];
    if (!isObject(frameworks)) throw new ExtractError('not a packages.lock.json: it has no dependencies object');
    const found = new Map<string, ExtractedPackage>();
    for (const [framework, packages] of Object.entries(frameworks)) {
      if (!isObject(packages)) throw new ExtractError(`the dependencies of ${framework} are not an object`);
      for (const [name, entry] of Object.entries(packages)) {
        if (!isObject(entry)) throw new ExtractError(`${framework} → ${name} is not an object`);
        if (stringAt(entry, 'type') === 'Project') continue;
        const resolved = stringAt(entry, 'resolved');
        if (!resolved) throw new ExtractError(`${framework} → ${name} has no resolved version`);
        // package ids are case-insensitive in NuGet
        const key = `${name.toLowerCase()}@${resolved.toLowerCase()}`;
        if (!found.has(key)) found.set(key, { ecosystem: 'NuGet', name, version: resolved });
      }
    }
    return [...found.values()];
  },
};
