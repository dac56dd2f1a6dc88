import { isObject, stringAt } from '../../../util/shape.js';
import { ExtractError, type ExtractedPackage, type Extractor } from '../extractor.js';
import { parseJsonContent } from '../../syntax/json-content.js';

const RUNTIME_PACK = 'runtimepack.';

/**
 * The `<app>.deps.json` the .NET SDK publishes beside an application: `libraries` keyed
 * `Name/Version`. Reported: `package` (a NuGet package) and `runtimepack` (the .NET
 * runtime a self-contained app ships, `runtimepack.Microsoft.NETCore.App.Runtime.linux-x64`,
 * whose advisories are filed under the NuGet id without the `runtimepack.` prefix).
 * Not reported: `project` (the app's own projects), `reference` (loose assemblies with
 * no package identity), and any other type.
 */
export const nugetDepsJsonExtractor: Extractor = {
  name: 'dotnet/deps-json',
  installed: true,
  maxBytes: 32 * 1024 * 1024,
  matches: (_path, base) => base.endsWith('.deps.json'),
  extract({ content }) {
    const document = parseJsonContent(content);
    if (!isObject(document)) throw new ExtractError('not a .deps.json: the document is not an object');
    const libraries = document['libraries'];
    if (!isObject(libraries)) throw new ExtractError('not a .deps.json: it has no libraries object');
    const found: ExtractedPackage[] = [];
    for (const [key, library] of Object.entries(libraries)) {
      if (!isObject(library)) throw new ExtractError(`library ${key} is not an object`);
      const type = stringAt(library, 'type');
      if (type === undefined) throw new ExtractError(`library ${key} has no type`);
      if (type !== 'package' && type !== 'runtimepack') continue;
      const slash = key.indexOf('/');
      let name = key.slice(0, slash);
      const version = key.slice(slash + 1);
      if (slash <= 0 || version === '' || version.includes('/')) throw new ExtractError(`library ${key} is not named Name/Version`);
      if (type === 'runtimepack' && name.startsWith(RUNTIME_PACK)) name = name.slice(RUNTIME_PACK.length);
      found.push({ ecosystem: 'NuGet', name, version });
    }
    return found;
  },
};
