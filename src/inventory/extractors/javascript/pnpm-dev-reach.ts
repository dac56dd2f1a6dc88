// pnpm 9 lockfiles dropped the per-package `dev` flag; what is dev follows from the
// graph: a package is a development dependency when only the importers' (projects')
// devDependencies reach it, as `pnpm list --prod` decides.
import { isObject, isString, type JsonObject } from '../../../util/shape.js';
import { snapshotKeyOf, withoutPeers } from './pnpm-dependency-path.js';

const PRODUCTION_GROUPS = ['dependencies', 'optionalDependencies'];
const DEVELOPMENT_GROUPS = ['devDependencies'];
const SNAPSHOT_GROUPS = ['dependencies', 'optionalDependencies'];

/** `packages` key → dev (true) or prod (false); packages no importer reaches are absent. */
export function devByPackage(importers: JsonObject, snapshots: JsonObject): Map<string, boolean> {
  const production = reach(roots(importers, PRODUCTION_GROUPS), snapshots);
  const development = reach(roots(importers, DEVELOPMENT_GROUPS), snapshots);
  const dev = new Map<string, boolean>();
  for (const key of development) dev.set(withoutPeers(key), true);
  for (const key of production) dev.set(withoutPeers(key), false);
  return dev;
}

function roots(importers: JsonObject, groups: string[]): string[] {
  const keys: string[] = [];
  for (const importer of Object.values(importers)) {
    if (!isObject(importer)) continue;
    for (const group of groups) {
      const dependencies = importer[group];
      if (!isObject(dependencies)) continue;
      for (const [name, value] of Object.entries(dependencies)) {
        // v6+: { specifier, version }; v5: the version itself
        const reference = isString(value) ? value : isObject(value) && isString(value['version']) ? value['version'] : undefined;
        const key = reference === undefined ? undefined : snapshotKeyOf(name, reference);
        if (key !== undefined) keys.push(key);
      }
    }
  }
  return keys;
}

function reach(start: string[], snapshots: JsonObject): Set<string> {
  const seen = new Set<string>();
  const pending = [...start];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const snapshot = snapshots[key];
    if (!isObject(snapshot)) continue;
    for (const group of SNAPSHOT_GROUPS) {
      const dependencies = snapshot[group];
      if (!isObject(dependencies)) continue;
      for (const [name, reference] of Object.entries(dependencies)) {
        const next = isString(reference) ? snapshotKeyOf(name, reference) : undefined;
        if (next !== undefined && !seen.has(next)) pending.push(next);
      }
    }
  }
  return seen;
}
