import { VersionError } from './comparator.js';

/** The error every comparator throws for a version its ecosystem's rules cannot read. */
export function unreadable(ecosystem: string, version: string, why?: string): VersionError {
  return new VersionError(`${JSON.stringify(version)} is not a ${ecosystem} version${why === undefined ? '' : `: ${why}`}`);
}
