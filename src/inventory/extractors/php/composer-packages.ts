import { isObject, stringAt } from '../../../util/shape.js';
import { ExtractError, type ExtractedPackage } from '../extractor.js';
import { textOf } from '../../syntax/text-of.js';

/** A Composer JSON file (composer.lock, installed.json) as a value; a file that is not JSON throws. */
export function parseComposerJson(content: Buffer, format: string): unknown {
  const text = textOf(content, format);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ExtractError(`it is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A list of Composer package objects (composer.lock's `packages`, installed.json's) as
 * packages. Names are lower case as Composer makes them; the version is as written
 * (`v3.5.0`, `2.4.6-p3`, `dev-main`), since advisories are compared with that form.
 */
export function composerPackages(list: unknown, where: string, dev: (name: string) => boolean | undefined): ExtractedPackage[] {
  if (!Array.isArray(list)) throw new ExtractError(`${where} is not a list of packages`);
  return list.map((item: unknown, index) => {
    if (!isObject(item)) throw new ExtractError(`${where}[${index}] is not a package object`);
    const name = stringAt(item, 'name')?.toLowerCase();
    const version = stringAt(item, 'version');
    if (!name) throw new ExtractError(`${where}[${index}] has no name`);
    if (!version) throw new ExtractError(`${where}[${index}] (${name}) has no version`);
    const pkg: ExtractedPackage = { ecosystem: 'Packagist', name, version };
    const isDev = dev(name);
    if (isDev !== undefined) pkg.dev = isDev;
    return pkg;
  });
}
