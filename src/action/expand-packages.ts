import { trimChars } from '../util/trim.js';
import { existsSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { ScanError } from '../errors.js';

const GLOB = /[*?[\]{}]/;

export interface PackageInput {
  /** The path to scan. */
  path: string;
  /** The entry of the input that named it (a path, or the glob that found it). */
  pattern: string;
  /** The glob found other packages too. */
  shared: boolean;
}

/**
 * The packages the `package` input names: paths as given, globs expanded inside the
 * workspace (files and folders, sorted). A glob that finds nothing is a mistake to say.
 */
export async function expandPackages(patterns: readonly string[], workspace: string): Promise<PackageInput[]> {
  const found: PackageInput[] = [];
  for (const pattern of patterns) {
    if (!GLOB.test(pattern) || existsSync(pattern)) {
      found.push({ path: pattern, pattern, shared: false });
      continue;
    }
    const matches = await glob(pattern, { cwd: workspace, absolute: false, onlyFiles: false, dot: false, expandDirectories: false });
    if (matches.length === 0) throw new ScanError(`the package input '${pattern}' matches nothing under ${workspace}; check the build step that makes the package`);
    for (const match of matches.sort()) found.push({ path: match.replace(/\/$/, ''), pattern, shared: matches.length > 1 });
  }
  return found.filter((input, i) => found.findIndex((other) => other.path === input.path) === i);
}

/**
 * The key that finds a package's comment again in the next run: what the workflow wrote
 * (a glob or a path), or for one of several packages a glob found, its path; version
 * numbers are masked, since `shop-2.4.7.tar.gz` is the same package as `shop-2.4.8.tar.gz`.
 */
export function commentKey(input: PackageInput): string {
  const named = input.shared ? input.path : input.pattern;
  const key = named
    .replace(/\d+/g, 'N')
    .replace(/[^A-Za-z0-9._*-]+/g, '-');
  return trimChars(key, '-').slice(0, 100) || 'package';
}

/**
 * A package's key without its version numbers (`dist-shop-2.4.7.tar.gz` →
 * `dist-shop.tar.gz`): the names of its files, so that the report attached to this
 * release has the name the next release's run asks for.
 */
export function stableKey(key: string): string {
  return key.replace(/[-_.]v?\d+(?:\.\d+)+(?:-p\d+)?(?=[-_.]|$)/g, '') || key;
}
