import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingKind, Severity } from '../model.js';
import type { MonitorOptions } from '../baseline/monitored.js';
import type { Acceptance } from './acceptance.js';
import { loadConfig, type PolicyConfig } from './load-config.js';
import type { Policy } from './policy.js';

const DEFAULT_CONFIG = '.github/release-gate.yml';

/** What the command line or the action inputs say; each overrides the policy file. */
export interface PolicyOverrides {
  failOn?: FindingKind[];
  severity?: Severity;
  onlyNew?: boolean;
  includeDev?: boolean;
  warnOnly?: boolean;
}

/** What a policy asks of a scan: which findings block, what to monitor, leave out and accept. */
export interface PolicyOptions {
  /** Unset fields take the defaults (all kinds, low, only new with a baseline). */
  policy?: Partial<Policy>;
  /** Config and system files to monitor beyond (or instead of) the defaults. */
  monitor?: MonitorOptions;
  /** Paths whose findings are left out (globs). */
  ignore?: readonly string[];
  /** Accepted risks, each with a reason and an expiry date. */
  accept?: readonly Acceptance[];
}

/**
 * The scan options a policy gives: the file (named, or `.github/release-gate.yml` under
 * `cwd` when it exists), then the options and inputs on top of it.
 */
export async function resolvePolicy(configPath: string | undefined, cwd: string, overrides: PolicyOverrides): Promise<PolicyOptions> {
  const path = configPath ?? (existsSync(join(cwd, DEFAULT_CONFIG)) ? join(cwd, DEFAULT_CONFIG) : undefined);
  const file: PolicyConfig = path ? await loadConfig(path) : {};
  const failOn = overrides.failOn ?? file.failOn;
  const severity = overrides.severity ?? file.severity;
  const onlyNew = overrides.onlyNew ?? file.onlyNew;
  const includeDev = overrides.includeDev ?? file.includeDev;
  return {
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
