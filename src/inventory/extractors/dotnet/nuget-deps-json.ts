import { isObject, stringAt } from '../../../util/shape.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { FormatError, decodeJson } from '../../../util/decode.js';

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
    const document = decodeJson(content, 'a .deps.json');
    if (!isObject(document)) throw new FormatError('not a .deps.json: the document is not an object');
    const libraries = document['libraries'];
    if (!isObject(libraries)) throw new FormatError('not a .deps.json: it has no libraries object');
    const found: ExtractedPackage[] = [];
    let index = 0;
    for (const [key, library] of Object.entries(libraries)) {
      index++;
      if (!isObject(library)) throw new FormatError(`library ${index} is not an object`);
      const type = stringAt(library, 'type');
      if (type === undefined) throw new FormatError(`library ${index} has no type`);
      if (type !== 'package' && type !== 'runtimepack') continue;
      const slash = key.indexOf('/');
      let name = key.slice(0, slash);
      const version = key.slice(slash + 1);
      if (slash <= 0 || version === '' || version.includes('/')) throw new FormatError(`library ${index} is not named Name/Version`);
      if (type === 'runtimepack' && name.startsWith(RUNTIME_PACK)) name = name.slice(RUNTIME_PACK.length);
      found.push({ ecosystem: 'NuGet', name, version });
    }
    return found;
  },
};
