/** A version that the ecosystem's own rules cannot read. */
export class VersionError extends Error {
  override readonly name = 'VersionError';
}

/**
 * One ecosystem's version order, as its own tools order versions (npm's semver, PEP 440,
 * Composer, dpkg…). Never a generic SemVer coercion: a wrong order is a missed
 * vulnerability or a false alarm.
 */
export interface Comparator {
  /** OSV ecosystem name without a release suffix: `npm`, `PyPI`, `Debian`. */
  readonly ecosystem: string;
  /** Negative, zero or positive as a sorts before, equal to, or after b; throws VersionError when either cannot be read. */
  compare(a: string, b: string): number;
}
