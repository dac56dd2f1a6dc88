import { FormatError } from '../../../util/decode.js';
import { isObject, stringAt } from '../../../util/shape.js';
import type { ExtractedPackage } from '../extractor.js';

/**
 * A list of Composer package objects (composer.lock's `packages`, installed.json's) as
 * packages. Names are lower case as Composer makes them; the version is as written
 * (`v3.5.0`, `2.4.6-p3`, `dev-main`), since advisories are compared with that form.
 */
export function composerPackages(list: unknown, where: string, dev: (name: string) => boolean | undefined): ExtractedPackage[] {
  if (!Array.isArray(list)) throw new FormatError(`${where} is not a list of packages`);
  return list.map((item: unknown, index) => {
    if (!isObject(item)) throw new FormatError(`${where}[${index}] is not a package object`);
    const name = stringAt(item, 'name')?.toLowerCase();
    const version = stringAt(item, 'version');
    if (!name) throw new FormatError(`${where}[${index}] has no name`);
    if (!version) throw new FormatError(`${where}[${index}] has no version`);
    const pkg: ExtractedPackage = { ecosystem: 'Packagist', name, version };
    const isDev = dev(name);
    if (isDev !== undefined) pkg.dev = isDev;
    return pkg;
  });
}
