import { existsSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { ScanError } from '../errors.js';

const GLOB = /[*?[\]{}]/;

/**
 * The packages the `package` input names: paths as given, globs expanded inside the
 * workspace (files and folders, sorted). A glob that finds nothing is a mistake to say.
 */
export async function expandPackages(patterns: readonly string[], workspace: string): Promise<string[]> {
  const found: string[] = [];
  for (const pattern of patterns) {
    if (!GLOB.test(pattern) || existsSync(pattern)) {
      found.push(pattern);
      continue;
    }
    const matches = await glob(pattern, { cwd: workspace, absolute: false, onlyFiles: false, dot: false, expandDirectories: false });
    if (matches.length === 0) throw new ScanError(`the package input '${pattern}' matches nothing under ${workspace}; check the build step that makes the package`);
    found.push(...matches.sort().map((match) => match.replace(/\/$/, '')));
  }
  return [...new Set(found)];
}
