import { isObject, isString } from '../util/shape.js';

// The parts of an OSV record (https://ossf.github.io/osv-schema/) the gate uses. Records
// come from a database or an API: untrusted input, checked field by field.

export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string };
  ranges: OsvRange[];
  versions: string[];
  severity: OsvSeverity[];
  /** GHSA puts its rating here per affected package in some exports. */
  databaseSeverity?: string;
}

export interface OsvRecord {
  id: string;
  modified: string;
  withdrawn?: string;
  aliases: string[];
  summary?: string;
  details?: string;
  severity: OsvSeverity[];
  affected: OsvAffected[];
  references: { type: string; url: string }[];
  /** `database_specific.severity` (GHSA: CRITICAL, HIGH, MODERATE, LOW). */
  databaseSeverity?: string;
}

class OsvRecordError extends Error {
  override readonly name = 'OsvRecordError';
}

const MAX_TEXT = 64 * 1024;
const MAX_ITEMS = 10_000;

/** Check a parsed record; throws OsvRecordError naming the first field that is wrong. */
export function osvRecordOf(value: unknown): OsvRecord {
  if (!isObject(value)) throw new OsvRecordError('the record is not an object');
  const id = value['id'];
  if (!isString(id) || id.length === 0 || id.length > 200) throw new OsvRecordError('id is missing or not a string');
  const modified = value['modified'];
  const record: OsvRecord = {
    id,
    modified: isString(modified) ? modified : '',
    aliases: strings(value['aliases'], `${id}: aliases`),
    severity: severities(value['severity'], id),
    affected: list(value['affected'], `${id}: affected`).map((item, i) => affectedOf(item, `${id}: affected[${i}]`)),
    references: list(value['references'], `${id}: references`)
      .filter(isObject)
      .flatMap((ref) => (isString(ref['url']) ? [{ type: isString(ref['type']) ? ref['type'] : 'WEB', url: ref['url'] }] : [])),
  };
  if (isString(value['withdrawn'])) record.withdrawn = value['withdrawn'];
  if (isString(value['summary'])) record.summary = value['summary'].slice(0, MAX_TEXT);
  if (isString(value['details'])) record.details = value['details'].slice(0, MAX_TEXT);
  const rating = databaseSeverityOf(value['database_specific']);
  if (rating) record.databaseSeverity = rating;
  return record;
}

function affectedOf(value: unknown, where: string): OsvAffected {
  if (!isObject(value)) throw new OsvRecordError(`${where} is not an object`);
  const affected: OsvAffected = {
    ranges: list(value['ranges'], `${where}.ranges`).map((range, i) => rangeOf(range, `${where}.ranges[${i}]`)),
    versions: strings(value['versions'], `${where}.versions`),
    severity: severities(value['severity'], where),
  };
  const pkg = value['package'];
  if (pkg !== undefined) {
    if (!isObject(pkg) || !isString(pkg['ecosystem']) || !isString(pkg['name'])) {
      throw new OsvRecordError(`${where}.package needs an ecosystem and a name`);
    }
    affected.package = { ecosystem: pkg['ecosystem'], name: pkg['name'] };
  }
  const rating = databaseSeverityOf(value['database_specific']) ?? databaseSeverityOf(value['ecosystem_specific']);
  if (rating) affected.databaseSeverity = rating;
  return affected;
}

function rangeOf(value: unknown, where: string): OsvRange {
  if (!isObject(value) || !isString(value['type'])) throw new OsvRecordError(`${where} needs a type`);
  const events = list(value['events'], `${where}.events`).map((event, i): OsvEvent => {
    if (!isObject(event)) throw new OsvRecordError(`${where}.events[${i}] is not an object`);
    const keys = Object.keys(event).filter((key) => key !== 'database_specific');
    const [key] = keys;
    const version = key === undefined ? undefined : event[key];
    if (keys.length !== 1 || !isString(version)) throw new OsvRecordError(`${where}.events[${i}] must hold exactly one event`);
    switch (key) {
      case 'introduced':
        return { introduced: version };
      case 'fixed':
        return { fixed: version };
      case 'last_affected':
        return { last_affected: version };
      case 'limit':
        return { limit: version };
      default:
        throw new OsvRecordError(`${where}.events[${i}] has an unknown event '${key}'`);
    }
  });
  return { type: value['type'], events };
}

function severities(value: unknown, where: string): OsvSeverity[] {
  return list(value, `${where}: severity`).flatMap((item) =>
    isObject(item) && isString(item['type']) && isString(item['score']) ? [{ type: item['type'], score: item['score'] }] : [],
  );
}

function databaseSeverityOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const severity = value['severity'];
  return isString(severity) ? severity : undefined;
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OsvRecordError(`${where} is not a list`);
  if (value.length > MAX_ITEMS) throw new OsvRecordError(`${where} has more than ${MAX_ITEMS} items`);
  return value;
}

function strings(value: unknown, where: string): string[] {
  return list(value, where).filter(isString);
}
