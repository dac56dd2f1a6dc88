// The keys of a pnpm lockfile's `packages` (pnpm calls them dependency paths), whose
// spelling changed with the lockfile version:
//   v5 (and 3, 4):  /name/1.0.0, /@scope/name/1.0.0_peer@2.0.0, host/name/1.0.0
//   v6:             /name@1.0.0(peer@2.0.0), /@scope/name@1.0.0
//   v9:             name@1.0.0, @scope/name@1.0.0 (peers only in `snapshots` keys)
// Keys of git, tarball and local packages are URLs or paths; their entries carry
// `name` and `version` fields instead.
import { splitDescriptor } from './npm-names.js';

export interface NameAndVersion {
  name: string;
  version: string;
}

export function parseDependencyPath(key: string, lockfileMajor: number): NameAndVersion | undefined {
  const path = key.startsWith('/') ? key.slice(1) : key;
  if (/^[a-z+]+:/i.test(path)) return undefined; // file:, link:, https:, git+ssh:
  if (lockfileMajor >= 6) return splitAtSign(path);
  // a v5 lockfile with a v6-style key (pnpm has written such mixed files) is still readable
  return splitSlashes(path) ?? splitAtSign(path);
}

/** v6+: `name@version(peers)`. */
function splitAtSign(path: string): NameAndVersion | undefined {
  const paren = path.indexOf('(');
  const descriptor = splitDescriptor(paren < 0 ? path : path.slice(0, paren));
  if (!descriptor) return undefined;
  const name = withoutHost(descriptor.name);
  return name ? { name, version: descriptor.spec } : undefined;
}

/** v5: `[host/]name/version[_peers]`, `[host/]@scope/name/version[_peers]`. */
function splitSlashes(path: string): NameAndVersion | undefined {
  const segments = path.split('/');
  if (segments.length < 2) return undefined;
  const last = segments.pop() ?? '';
  const underscore = last.indexOf('_');
  const version = underscore < 0 ? last : last.slice(0, underscore);
  const bare = segments.pop() ?? '';
  const scope = segments[segments.length - 1];
  const name = scope?.startsWith('@') ? `${scope}/${bare}` : bare;
  return name && version ? { name, version } : undefined;
}

/** `registry.example/@scope/name` → `@scope/name`: a package from another registry keeps its name. */
function withoutHost(name: string): string {
  const segments = name.split('/');
  if (segments.length === 1 || (segments.length === 2 && name.startsWith('@'))) return name;
  const bare = segments[segments.length - 1] ?? '';
  const scope = segments[segments.length - 2] ?? '';
  return scope.startsWith('@') ? `${scope}/${bare}` : bare;
}

/** A `snapshots` key without its peer suffix is the `packages` key: `a@1.0.0(b@2.0.0)` → `a@1.0.0`. */
export function withoutPeers(key: string): string {
  const paren = key.indexOf('(');
  return paren < 0 ? key : key.slice(0, paren);
}

/**
 * The snapshot a dependency reference points at (pnpm's own rule): `1.0.0(peer@2)` is a
 * version of the dependency's own name, `string-width@4.2.3` is an alias's real package,
 * `link:…` is a workspace folder (none).
 */
export function snapshotKeyOf(dependencyName: string, reference: string): string | undefined {
  if (reference.startsWith('link:')) return undefined;
  if (reference.startsWith('@')) return reference;
  const at = reference.indexOf('@');
  if (at < 0) return `${dependencyName}@${reference}`;
  const colon = reference.indexOf(':');
  const paren = reference.indexOf('(');
  if ((colon < 0 || at < colon) && (paren < 0 || at < paren)) return reference;
  return `${dependencyName}@${reference}`;
}
