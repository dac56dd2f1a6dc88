import type { ConfigText, FileRecord, Finding, OriginRecord, Package } from '../model.js';
import type { Entry } from '../read/entry.js';
import type { PackageRead } from '../read/read-package.js';

/** Everything one pass over a package finds, before advisories, baseline and policy. */
export interface Inspection {
  read: PackageRead;
  files: FileRecord[];
  root: Entry | undefined;
  packages: Package[];
  /** Findings of the checks and parse errors (vulnerabilities come later). */
  findings: Finding[];
  configs: ConfigText[];
  /** External origins storefront code uses. */
  origins: OriginRecord[];
  /** What the checks could not do fully (files read in part), for the report's notes. */
  notes: string[];
}
