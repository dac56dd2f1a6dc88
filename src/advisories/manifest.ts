// Which of the places a package was found at a developer edits to upgrade it: the
// project's lockfile or manifest, not a package manager's own record of what it
// installed (node_modules/.package-lock.json, vendor/composer/installed.json).
import { baseName, inDependencyTree } from '../checks/path-facts.js';

/** Files a developer changes (through the package manager) to move a dependency to another version. */
const MANIFESTS =
  /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|composer\.lock|composer\.json|poetry\.lock|pipfile\.lock|uv\.lock|pdm\.lock|pylock(?:\.[^/]+)?\.toml|requirements[^/]*\.txt|[^/]*\.in|gemfile\.lock|cargo\.lock|go\.mod|gradle\.lockfile|packages\.lock\.json|[^/]*\.deps\.json|package\.json|pom\.xml|build\.gradle(?:\.kts)?)$/;

/** Records a package manager keeps of what it installed: evidence, not the place to edit. */
const INSTALLED_RECORDS = /(?:^|\/)(?:node_modules\/\.package-lock\.json|node_modules\/\.pnpm\/lock\.yaml|vendor\/composer\/installed\.(?:json|php)|var\/lib\/dpkg\/|lib\/apk\/db\/)|\.(?:dist|egg)-info\/|\/specifications\/[^/]+\.gemspec$|!/;

function rank(location: string): number {
  if (INSTALLED_RECORDS.test(location) || inDependencyTree(location)) return 2;
  return MANIFESTS.test(baseName(location).toLowerCase()) ? 0 : 1;
}

/**
 * The locations of a package, the one to edit first: a lockfile or manifest of the
 * project before anything inside node_modules or vendor, the shallowest first, then in
 * code-unit order. The first is where a finding about the package points.
 */
export function byManifestFirst(locations: readonly string[]): string[] {
  const depth = (path: string): number => path.split('/').length;
  return [...locations].sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}
