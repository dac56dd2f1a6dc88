import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { ScanError } from '../errors.js';
import type { FindingKind, Severity } from '../model.js';
import type { MonitorOptions } from '../baseline/monitored.js';
import type { Acceptance } from './acceptance.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import { parseKinds } from './values.js';

/** What a policy file says; every field optional (options and inputs override them). */
export interface PolicyConfig {
  failOn?: FindingKind[];
  severity?: Severity;
  onlyNew?: boolean;
  includeDev?: boolean;
  monitor?: MonitorOptions;
  ignore?: string[];
  accept?: Acceptance[];
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Read and validate a policy file. A mistake is one line naming the file, the key and
 * what is wrong: the gate never runs on a policy it half understood.
 */
export async function loadConfig(path: string): Promise<PolicyConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ScanError(`the policy file ${path} cannot be read; check the path given to --config (or the config input)`);
  }
  if (text.length > MAX_CONFIG_BYTES) throw new ScanError(`the policy file ${path} is larger than ${MAX_CONFIG_BYTES} bytes`);
  return parseConfig(text, path);
}

export function parseConfig(text: string, path: string): PolicyConfig {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    const [error] = document.errors;
    const where = error?.linePos?.[0] ? ` line ${error.linePos[0].line}` : '';
    throw new ScanError(`the policy file ${path}${where} is not valid YAML (${(error?.message ?? 'unreadable').split('\n')[0] ?? ''}); fix the file`);
  }
  const data: unknown = document.toJS({ maxAliasCount: 100 }) ?? {};
  const validate = validator();
  if (!validate(data)) throw new ScanError(`the policy file ${path}: ${explain(mostTelling(validate.errors ?? []))}; fix the file`);
  const raw = data as Record<string, unknown>;
  const config: PolicyConfig = {};
  const failOn = raw['fail-on'];
  if (typeof failOn === 'string') config.failOn = parseKinds(failOn);
  else if (Array.isArray(failOn)) config.failOn = failOn as FindingKind[];
  if (typeof raw['severity'] === 'string') config.severity = raw['severity'] as Severity;
  if (typeof raw['only-new'] === 'boolean') config.onlyNew = raw['only-new'];
  if (typeof raw['include-dev'] === 'boolean') config.includeDev = raw['include-dev'];
  if (raw['monitor']) config.monitor = raw['monitor'];
  if (raw['ignore']) config.ignore = raw['ignore'] as string[];
  if (raw['accept']) {
    config.accept = raw['accept'] as Acceptance[];
    config.accept.forEach((acceptance, i) => {
      if (!isRealDate(acceptance.expires)) throw new ScanError(`the policy file ${path}: accept[${i}].expires '${acceptance.expires}' is not a real date; fix the file`);
    });
  }
  return config;
}

let compiled: ValidateFunction | undefined;

/** Compiled on first use: a run without a policy file never pays for it. */
function validator(): ValidateFunction {
  // anyOf branches name required keys declared in the parent: not a mistake, so strictRequired is off
  compiled ??= new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(CONFIG_SCHEMA);
  return compiled;
}

/** 2027-02-30 has the shape of a date but is not one. */
function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The error that tells the user most: an unknown key first; where a value may take several forms (an
 * acceptance's match, fail-on as a list or a string), what the forms are, rather than
 * why the first form failed.
 */
function mostTelling(errors: readonly ErrorObject[]): ErrorObject | undefined {
  // a mistyped key (`expire`, `fail_on`) is why another is missing: name it first
  const unknownKey = errors.find((error) => error.keyword === 'additionalProperties');
  if (unknownKey) return unknownKey;
  const [first] = errors;
  if (first?.keyword !== 'required' && first?.keyword !== 'type') return first;
  return errors.find((error) => (error.keyword === 'anyOf' || error.keyword === 'oneOf') && first.instancePath === error.instancePath) ?? first;
}

/** The keys each level of the file may have, for "did you mean" and the list a mistake names. */
const KEYS: Record<string, readonly string[]> = {
  '': Object.keys(CONFIG_SCHEMA.properties),
  monitor: Object.keys(CONFIG_SCHEMA.properties.monitor.properties),
  accept: Object.keys(CONFIG_SCHEMA.properties.accept.items.properties),
};

/** An Ajv error as a sentence about the key, in plain words (the validator's own never reach the user). */
function explain(error: ErrorObject | undefined): string {
  if (!error) return 'it does not match the policy schema';
  const key = error.instancePath.replace(/^\//, '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') || 'the top level';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = String(params['additionalProperty']);
      const known = KEYS[error.instancePath.replace(/^\//, '').replace(/\/\d+$/, '')] ?? [];
      const near = closest(unknown, known);
      return near ? `${key} has an unknown key '${unknown}': did you mean '${near}'?` : `${key} has an unknown key '${unknown}' (keys: ${known.join(', ')})`;
    }
    case 'required':
      return `${key} needs '${String(params['missingProperty'])}'`;
    case 'anyOf':
      return `${key} must name what it accepts: advisory, package, path or id`;
    case 'enum':
      return `${key} must be one of ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`;
    case 'pattern':
      return `${key} must be a date written YYYY-MM-DD`;
    case 'type':
      return `${key} must be ${params['type'] === 'array' ? 'a list' : `a ${String(params['type'])}`}`;
    case 'oneOf':
      return `${key} must be a list of finding kinds or a comma-separated string`;
    case 'minLength':
      if (key.endsWith('.reason')) return `${key} is too short: say in a few words why the risk is acceptable`;
      return `${key} is empty: give ${key.startsWith('ignore') || key.startsWith('monitor') || key.endsWith('.path') ? 'a path glob' : 'a value'}`;
    case 'uniqueItems':
      return `${key} lists a kind twice`;
    default:
      return `${key} is not valid here`;
  }
}

/** The known key a mistyped one most likely meant: the same words (`fail_on`, `failOn`), or one or two letters off. */
function closest(unknown: string, known: readonly string[]): string | undefined {
  const words = (text: string): string => text.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toLowerCase();
  const same = known.find((candidate) => words(candidate) === words(unknown));
  if (same) return same;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(words(unknown), candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length] ?? 0;
}
