import { alpine } from './alpine.js';
import type { Comparator } from './comparator.js';
import { cratesIo } from './crates-io.js';
import { debian } from './debian.js';
import { go } from './go.js';
import { maven } from './maven.js';
import { npm } from './npm.js';
import { nuget } from './nuget.js';
import { packagist } from './packagist.js';
import { pypi } from './pypi.js';
import { rubygems } from './rubygems.js';

/** Every comparator, listed explicitly. */
export const COMPARATORS: readonly Comparator[] = [npm, cratesIo, go, pypi, packagist, rubygems, maven, nuget, debian, alpine];

/** The comparator of an OSV ecosystem; a release suffix (`Debian:12`, `Alpine:v3.20`) is ignored. */
export function comparatorFor(ecosystem: string): Comparator | undefined {
  const base = ecosystem.split(':')[0];
  return COMPARATORS.find((comparator) => comparator.ecosystem === base);
}
