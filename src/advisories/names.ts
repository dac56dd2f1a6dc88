/**
 * The name under which an ecosystem considers two spellings the same package: PEP 503
 * for PyPI, case-insensitive for Packagist and NuGet, `-`/`_` alike for crates.io,
 * exact elsewhere (npm, Maven `group:artifact`, Go module paths, RubyGems, OS packages).
 */
export function packageKey(ecosystem: string, name: string): string {
  const base = ecosystem.split(':')[0] ?? ecosystem;
  switch (base) {
    case 'PyPI':
      return `${base}\0${name.toLowerCase().replace(/[-_.]+/g, '-')}`;
    case 'Packagist':
    case 'NuGet':
      return `${base}\0${name.toLowerCase()}`;
    case 'crates.io':
      return `${base}\0${name.toLowerCase().replace(/_/g, '-')}`;
    default:
      return `${base}\0${name}`;
  }
}

/** OSV's ecosystem string for a package: `Debian:12`, `Alpine:v3.20`, `npm`. */
export function osvEcosystem(ecosystem: string, release: string | undefined): string {
  return release ? `${ecosystem}:${release}` : ecosystem;
}

/**
 * Does an advisory's ecosystem apply to the package's? A release-specific advisory
 * (`Debian:12`) applies only to that release; a bare `Debian` one to every release.
 */
export function ecosystemApplies(advisory: string, packageEcosystem: string, release: string | undefined): boolean {
  const [base, suffix] = advisory.split(':', 2);
  if (base !== packageEcosystem) return false;
  if (suffix === undefined || suffix === '') return true;
  return release !== undefined && suffix === release;
}
