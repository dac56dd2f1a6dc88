// Names, versions and paths as npm, yarn and pnpm spell them.

/** `name@spec` split after the name; a scope's leading `@` is part of the name. */
export function splitDescriptor(descriptor: string): { name: string; spec: string } | undefined {
  const at = descriptor.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: descriptor.slice(0, at), spec: descriptor.slice(at + 1) };
}

/**
 * The real package behind an npm alias spec, `npm:string-width@4.2.3` → string-width
 * 4.2.3 (as npm and yarn 1 write it), or undefined when the spec is not an alias.
 * `npm:^4.0.0` (yarn berry's spelling of a plain range) is not an alias.
 */
export function aliasTarget(spec: string): { name: string; spec: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  return splitDescriptor(spec.slice(4));
}

/**
 * A version a registry publishes (`1.2.3`, `2.1.6+git`, `1.0.0-alpha.37`), as opposed to
 * what lockfiles write in its place for git, file and tarball dependencies (URLs,
 * `file:…`, `github:user/repo#sha`, a bare commit). Only the former can be matched
 * against advisories.
 */
export function isRegistryVersion(version: string): boolean {
  return /^\d+\.\d+/.test(version) && !version.includes(':') && !version.includes('/');
}

/** Is this path inside an installed tree (`node_modules/…` anywhere)? */
export function insideNodeModules(path: string): boolean {
  return path.startsWith('node_modules/') || path.includes('/node_modules/');
}

/** `…/node_modules` or `node_modules` itself. */
export function isNodeModulesDir(dir: string): boolean {
  return dir === 'node_modules' || dir.endsWith('/node_modules');
}

/** The name of the package installed at `…/node_modules/<name>` or `…/node_modules/@scope/<name>`. */
export function nameAfterNodeModules(path: string): string | undefined {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0 || (at > 0 && path[at - 1] !== '/')) return undefined;
  const name = path.slice(at + 'node_modules/'.length);
  return name === '' ? undefined : name;
}
