import { ScanError } from '../errors.js';
import { FINDING_KINDS, SEVERITIES, type FindingKind, type Severity } from '../model.js';

/** Severities a threshold can name (`info` findings never block on severity alone). */
export const THRESHOLDS = SEVERITIES.filter((severity) => severity !== 'info');

export function parseKinds(list: string): FindingKind[] {
  const kinds = list
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind.length > 0);
  for (const kind of kinds) {
    if (!(FINDING_KINDS as readonly string[]).includes(kind)) {
      throw new ScanError(`unknown finding kind '${kind}' in fail-on; use a comma list of: ${FINDING_KINDS.join(', ')}`);
    }
  }
  return kinds as FindingKind[];
}

export function parseSeverity(value: string): Severity {
  const level = value.trim().toLowerCase();
  if (!(THRESHOLDS as readonly string[]).includes(level)) {
    throw new ScanError(`unknown severity '${value}'; use one of: ${THRESHOLDS.join(', ')}`);
  }
  return level as Severity;
}
