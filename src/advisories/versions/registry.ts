import type { Comparator } from './comparator.js';

/** Every comparator, listed explicitly. */
export const COMPARATORS: readonly Comparator[] = [];

/** The comparator of an OSV ecosystem; a release suffix (`Debian:12`, `Alpine:v3.20`) is ignored. */
export function comparatorFor(ecosystem: string): Comparator | undefined {
  const base = ecosystem.split(':')[0];
  return COMPARATORS.find((comparator) => comparator.ecosystem === base);
}
