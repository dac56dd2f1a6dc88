// A Composer store's lockfile and two real advisories (guzzle, twig), shared by the
// tests that need a package with a vulnerability kept and one added.

/** A composer.lock listing these packages, as Composer writes it (only what the gate reads). */
export function composerLock(packages: Record<string, string>): string {
  return JSON.stringify({ packages: Object.entries(packages).map(([name, version]) => ({ name, version, type: 'library' })), 'packages-dev': [] });
}

/** GHSA-25mq-v84q-4j7r (guzzle < 7.4.5) and GHSA-52m2-vc4m-jj33 (twig < 3.4.3), as OSV records. */
export const GUZZLE_AND_TWIG_ADVISORIES = [
  {
    id: 'GHSA-25mq-v84q-4j7r',
    modified: '2024-01-01T00:00:00Z',
    summary: 'CURLOPT_HTTPAUTH option not cleared on change of origin',
    affected: [{ package: { ecosystem: 'Packagist', name: 'guzzlehttp/guzzle' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '7.0.0' }, { fixed: '7.4.5' }] }] }],
    database_specific: { severity: 'HIGH' },
  },
  {
    id: 'GHSA-52m2-vc4m-jj33',
    modified: '2024-01-01T00:00:00Z',
    summary: 'Twig may load a template outside a configured directory',
    affected: [{ package: { ecosystem: 'Packagist', name: 'twig/twig' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '3.0.0' }, { fixed: '3.4.3' }] }] }],
    database_specific: { severity: 'HIGH' },
  },
];
