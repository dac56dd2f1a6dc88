import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingKind, Severity } from '../model.js';
import type { ScanOptions } from '../scan.js';
import { loadConfig, type PolicyConfig } from './load-config.js';

export const DEFAULT_CONFIG = '.github/release-gate.yml';

/** What the command line or the action inputs say; each overrides the policy file. */
export interface PolicyOverrides {
  failOn?: FindingKind[];
  severity?: Severity;
  onlyNew?: boolean;
  includeDev?: boolean;
  warnOnly?: boolean;
}

/**
 * The scan options a policy gives: the file (named, or `.github/release-gate.yml` under
 * `cwd` when it exists), then the options and inputs on top of it.
 */
export async function resolvePolicy(configPath: string | undefined, cwd: string, overrides: PolicyOverrides): Promise<Pick<ScanOptions, 'policy' | 'monitor' | 'ignore' | 'accept'> & { config?: string }> {
  const path = configPath ?? (existsSync(join(cwd, DEFAULT_CONFIG)) ? join(cwd, DEFAULT_CONFIG) : undefined);
  const file: PolicyConfig = path ? await loadConfig(path) : {};
  const failOn = overrides.failOn ?? file.failOn;
  const severity = overrides.severity ?? file.severity;
  const onlyNew = overrides.onlyNew ?? file.onlyNew;
  const includeDev = overrides.includeDev ?? file.includeDev;
  return {
    ...(path ? { config: path } : {}),
    policy: {
      ...(failOn ? { failOn } : {}),
      ...(severity ? { severity } : {}),
      ...(onlyNew !== undefined ? { onlyNew } : {}),
      ...(includeDev !== undefined ? { includeDev } : {}),
      ...(overrides.warnOnly !== undefined ? { warnOnly: overrides.warnOnly } : {}),
    },
    ...(file.monitor ? { monitor: file.monitor } : {}),
    ...(file.ignore ? { ignore: file.ignore } : {}),
    ...(file.accept ? { accept: file.accept } : {}),
  };
}
