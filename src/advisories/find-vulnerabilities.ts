import type { DraftFinding } from '../findings/draft.js';
import type { Package } from '../model.js';
import { compareCodeUnits, severityRank } from '../util/order.js';
import { byManifestFirst } from './manifest.js';
import { evaluate } from './match.js';
import { ecosystemApplies, osvEcosystem, packageKey } from './names.js';
import type { OsvRecord } from './osv.js';
import { rate } from './severity.js';
import type { AdvisoryQuery, AdvisorySource } from './sources/source.js';
import type { Comparator } from './versions/comparator.js';
import { VersionError } from './versions/comparator.js';
import { comparatorFor } from './versions/registry.js';

/** A package version an advisory holds, before records that share an id or alias are merged. */
interface Match {
  record: OsvRecord;
  fixed: string[];
}

export interface VulnerabilityResult {
  findings: DraftFinding[];
  /** Packages (and why) that could not be checked: an ecosystem without a version order, a version it cannot read. */
  unchecked: { package: string; reason: string }[];
}

/**
 * Look every package up in every source, evaluate each candidate record with the
 * ecosystem's own version order, and turn what holds into one finding per package and
 * advisory (records that share an id or alias are one advisory, with every alias).
 */
export async function findVulnerabilities(packages: readonly Package[], sources: readonly AdvisorySource[]): Promise<VulnerabilityResult> {
  const queries: AdvisoryQuery[] = [];
  const owners: number[] = [];
  packages.forEach((pkg, index) => {
    for (const name of [pkg.name, ...(pkg.aliases ?? [])]) {
      queries.push({ ecosystem: osvEcosystem(pkg.ecosystem, pkg.release), name, version: pkg.version });
      owners.push(index);
    }
  });
  const candidates = packages.map(() => new Map<string, OsvRecord>());
  for (const source of sources) {
    const answers = await source.lookup(queries);
    answers.forEach((records, q) => {
      const found = candidates[owners[q] ?? -1];
      if (!found) return;
      for (const record of records) {
        const known = found.get(record.id);
        if (!known || record.modified > known.modified) found.set(record.id, record);
      }
    });
  }

  const result: VulnerabilityResult = { findings: [], unchecked: [] };
  packages.forEach((pkg, index) => {
    const records = [...(candidates[index]?.values() ?? [])].filter((record) => !record.withdrawn);
    if (records.length === 0) return;
    const comparator = comparatorFor(pkg.ecosystem);
    if (!comparator) {
      result.unchecked.push({ package: label(pkg), reason: `no version order for ${pkg.ecosystem}` });
      return;
    }
    const matches = records.flatMap((record) => matchRecord(record, pkg, comparator, result));
    const upgradeTo = smallestFix(pkg, matches, records, comparator);
    for (const group of groupByAlias(matches)) {
      const finding = findingOf(pkg, group, comparator);
      if (upgradeTo !== undefined) finding.upgradeTo = upgradeTo;
      result.findings.push(finding);
    }
  });
  return result;
}

function matchRecord(record: OsvRecord, pkg: Package, comparator: Comparator, result: VulnerabilityResult): Match[] {
  const names = new Set([pkg.name, ...(pkg.aliases ?? [])].map((name) => packageKey(pkg.ecosystem, name)));
  const fixed: string[] = [];
  let affected = false;
  for (const entry of record.affected) {
    if (!entry.package || !ecosystemApplies(entry.package.ecosystem, pkg.ecosystem, pkg.release)) continue;
    if (!names.has(packageKey(pkg.ecosystem, entry.package.name))) continue;
    try {
      const evaluation = evaluate(entry, pkg.version, comparator);
      if (evaluation.affected) {
        affected = true;
        for (const version of evaluation.fixed) if (!fixed.includes(version)) fixed.push(version);
      }
    } catch (error) {
      if (!(error instanceof VersionError)) throw error;
      result.unchecked.push({ package: label(pkg), reason: `${record.id}: ${error.message}` });
    }
  }
  return affected ? [{ record, fixed }] : [];
}

/** Records that share an id or an alias describe one advisory (GHSA and PYSEC of one flaw). */
function groupByAlias(matches: Match[]): Match[][] {
  const groups: { names: Set<string>; members: Match[] }[] = [];
  for (const match of matches) {
    const names = new Set([match.record.id, ...match.record.aliases]);
    const joined = groups.filter((group) => [...names].some((name) => group.names.has(name)));
    const target = joined[0] ?? { names: new Set<string>(), members: [] };
    if (joined.length === 0) groups.push(target);
    for (const other of joined.slice(1)) {
      for (const name of other.names) target.names.add(name);
      target.members.push(...other.members);
      groups.splice(groups.indexOf(other), 1);
    }
    for (const name of names) target.names.add(name);
    target.members.push(match);
  }
  return groups.map((group) => group.members);
}

/** The advisory a group is named by: a GHSA when there is one, else a database id, a CVE last. */
function primaryOf(ids: string[]): string {
  const rank = (id: string): number => (id.startsWith('GHSA-') ? 0 : id.startsWith('CVE-') ? 2 : 1);
  return [...ids].sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b))[0] ?? '';
}

function findingOf(pkg: Package, group: Match[], comparator: Comparator): DraftFinding {
  const ids = [...new Set(group.map((match) => match.record.id))];
  const primary = primaryOf(ids);
  const aliases = [...new Set(group.flatMap((match) => [match.record.id, ...match.record.aliases]))].filter((id) => id !== primary).sort();
  const record = group.find((match) => match.record.id === primary)?.record ?? group[0]?.record;
  const ratings = group.map((match) => rate(match.record));
  const severity = ratings.map((rating) => rating.severity).sort((a, b) => severityRank(a) - severityRank(b))[0] ?? 'high';
  const fixed = [...new Set(group.flatMap((match) => match.fixed))].sort((a, b) => safeCompare(comparator, a, b));
  const subject = `${pkg.ecosystem}${pkg.release ? `:${pkg.release}` : ''}/${pkg.name}@${pkg.version}`;
  const finding: DraftFinding = {
    kind: 'vulnerability',
    severity,
    title: record?.summary?.trim() ? oneLine(record.summary) : `${primary} in ${pkg.name}`,
    package: { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version },
    advisory: { id: primary, aliases, fixed, url: `https://osv.dev/vulnerability/${encodeURIComponent(primary)}` },
    rule: primary,
    identity: { subject },
  };
  if (pkg.dev === true && pkg.installed !== true) finding.scope = 'dev';
  // the place to edit first (the project's lockfile), then the rest
  const [first, ...others] = byManifestFirst(pkg.locations);
  if (first) finding.path = first;
  if (others.length > 0) finding.related = others.slice(0, MAX_RELATED).map((path) => ({ path }));
  const details = [fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : 'no fixed version yet'];
  if (finding.scope === 'dev') details.push('a development dependency the package does not install');
  finding.detail = details.join('; ');
  return finding;
}

/** Other places of a package a finding lists. */
const MAX_RELATED = 20;

/**
 * The smallest version that fixes every advisory found for the package: the fixed
 * versions its advisories name, tried from the lowest, the first that no record known
 * for the package affects. Undefined when none does (no fix yet, or fixes on branches
 * that exclude each other).
 */
function smallestFix(pkg: Package, matches: readonly Match[], records: readonly OsvRecord[], comparator: Comparator): string | undefined {
  if (matches.length === 0) return undefined;
  const candidates = [...new Set(matches.flatMap((match) => match.fixed))].sort((a, b) => safeCompare(comparator, a, b));
  const quiet: VulnerabilityResult = { findings: [], unchecked: [] };
  for (const candidate of candidates) {
    const at = { ...pkg, version: candidate };
    try {
      if (records.every((record) => matchRecord(record, at, comparator, quiet).length === 0) && quiet.unchecked.length === 0) return candidate;
    } catch (error) {
      if (!(error instanceof VersionError)) throw error;
    }
    quiet.unchecked.length = 0;
  }
  return undefined;
}

function safeCompare(comparator: Comparator, a: string, b: string): number {
  try {
    return comparator.compare(a, b);
  } catch {
    return compareCodeUnits(a, b);
  }
}

function label(pkg: Package): string {
  return `${pkg.ecosystem}/${pkg.name}@${pkg.version}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
