import { createHash } from 'node:crypto';
import type { FileRecord, Package, Report, Severity } from '../model.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

/** A UUID derived from the package's hash: the same package gives the same serial number. */
function serialNumber(seed: string): string {
  const hex = createHash('sha256').update(`release-gate-sbom\0${seed}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An entry of the package (not a place inside one) that is a package archive. */
const ARCHIVE = /^[^!]*\.(?:jar|war|ear|whl|gem|nupkg)$/i;

const RATING: Record<Severity, string> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' };

/** Where CycloneDX puts a namespace: npm scope, composer vendor, Maven group, Go module path. */
function groupAndName(pkg: Package): { group?: string; name: string } {
  if (pkg.ecosystem === 'Maven') {
    const [group = '', name = pkg.name] = pkg.name.split(':');
    return { group, name };
  }
  const slash = pkg.name.lastIndexOf('/');
  if (slash > 0 && (pkg.ecosystem === 'npm' || pkg.ecosystem === 'Packagist' || pkg.ecosystem === 'Go')) {
    return { group: pkg.name.slice(0, slash), name: pkg.name.slice(slash + 1) };
  }
  return { name: pkg.name };
}

/**
 * A CycloneDX 1.6 JSON SBOM of what the package ships: every package with its purl,
 * where it was found, and the SHA-256 of the archive it came in when it is an entry of
 * its own (a jar); the release package itself with its hash; and the vulnerabilities
 * found, each affecting its component.
 */
export function renderCycloneDx(report: Report, now: Date = new Date()): string {
  const files = new Map<string, FileRecord>(report.files.map((file) => [file.path, file]));
  const refOf = (pkg: Package, i: number): string => `${pkg.purl}#${i}`;
  const components = report.packages.map((pkg, i) => {
    const { group, name } = groupAndName(pkg);
    const component: Record<string, unknown> = { type: 'library', 'bom-ref': refOf(pkg, i), name, version: pkg.version, purl: pkg.purl };
    if (group) component['group'] = group;
    // a package that is a whole entry of its own (a jar in the package) has that entry's hash
    const archive = pkg.locations.filter((location) => ARCHIVE.test(location)).map((location) => files.get(location)).find((file) => file?.sha256);
    if (archive?.sha256) component['hashes'] = [{ alg: 'SHA-256', content: archive.sha256 }];
    component['properties'] = [
      ...pkg.locations.map((location) => ({ name: 'release-gate:location', value: location })),
      ...(pkg.dev ? [{ name: 'release-gate:dev', value: 'true' }] : []),
      ...(pkg.aliases ?? []).map((alias) => ({ name: 'release-gate:alias', value: alias })),
    ];
    return component;
  });
  const refs = new Map(report.packages.map((pkg, i) => [`${pkg.ecosystem}\0${pkg.name}\0${pkg.version}`, refOf(pkg, i)]));
  const vulnerabilities = report.findings.flatMap((finding, i) => {
    if (finding.kind !== 'vulnerability' || !finding.advisory || !finding.package) return [];
    const ref = refs.get(`${finding.package.ecosystem}\0${finding.package.name}\0${finding.package.version}`);
    if (!ref) return [];
    const vulnerability: Record<string, unknown> = {
      'bom-ref': `vulnerability-${i}`,
      id: finding.advisory.id,
      source: { name: 'OSV', url: finding.advisory.url ?? `https://osv.dev/vulnerability/${finding.advisory.id}` },
      ratings: [{ severity: RATING[finding.severity], method: 'other' }],
      description: finding.title,
      affects: [{ ref }],
    };
    if (finding.advisory.aliases.length > 0) vulnerability['references'] = finding.advisory.aliases.map((alias) => ({ id: alias, source: { name: alias.startsWith('CVE-') ? 'NVD' : 'OSV' } }));
    if (finding.advisory.fixed.length > 0) vulnerability['recommendation'] = `upgrade to ${finding.advisory.fixed.join(' or ')}`;
    return [vulnerability];
  });
  const target = report.target;
  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialNumber(target.sha256),
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      tools: { components: [{ type: 'application', name: TOOL_NAME, version: TOOL_VERSION }] },
      component: {
        type: 'application',
        'bom-ref': 'release-package',
        name: target.path.split('/').at(-1) ?? target.path,
        hashes: [{ alg: 'SHA-256', content: target.sha256 }],
        properties: [{ name: 'release-gate:format', value: target.format }],
      },
    },
    components,
    dependencies: [{ ref: 'release-package', dependsOn: components.map((component) => component['bom-ref'] as string) }],
    vulnerabilities,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}
