import { comparatorFor } from '../advisories/versions/registry.js';
import type { Changes, Package, PackageRef, VersionChange } from '../model.js';

/**
 * Packages compared by ecosystem and name: a version only in the package is added, only
 * in the baseline removed; where one version replaced another, it is an upgrade or a
 * downgrade by the ecosystem's own order.
 */
export function diffPackages(baseline: readonly Package[], target: readonly Package[]): Changes['packages'] {
  const group = (packages: readonly Package[]): Map<string, Package[]> => {
    const map = new Map<string, Package[]>();
    for (const pkg of packages) {
      const key = `${pkg.ecosystem}\0${pkg.release ?? ''}\0${pkg.name}`;
      map.set(key, [...(map.get(key) ?? []), pkg]);
    }
    return map;
  };
  const before = group(baseline);
  const after = group(target);
  const result: Changes['packages'] = { added: [], removed: [], upgraded: [], downgraded: [] };
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const then = before.get(key) ?? [];
    const now = after.get(key) ?? [];
    const gone = then.filter((old) => !now.some((pkg) => pkg.version === old.version));
    const came = now.filter((pkg) => !then.some((old) => old.version === pkg.version));
    if (gone.length === 1 && came.length === 1) {
      const [old, pkg] = [gone[0] as Package, came[0] as Package];
      const change: VersionChange = { ecosystem: pkg.ecosystem, name: pkg.name, from: old.version, to: pkg.version };
      (order(pkg, old.version, pkg.version) < 0 ? result.downgraded : result.upgraded).push(change);
      continue;
    }
    result.removed.push(...gone.map(ref));
    result.added.push(...came.map(ref));
  }
  const byName = (a: PackageRef | VersionChange, b: PackageRef | VersionChange): number =>
    a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  result.added.sort(byName);
  result.removed.sort(byName);
  result.upgraded.sort(byName);
  result.downgraded.sort(byName);
  return result;
}

/** The ecosystem's order; versions it cannot read count as an upgrade (the common case). */
function order(pkg: Package, from: string, to: string): number {
  try {
    return comparatorFor(pkg.ecosystem)?.compare(to, from) ?? 1;
  } catch {
    return 1;
  }
}

function ref(pkg: Package): PackageRef {
  return { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version };
}
