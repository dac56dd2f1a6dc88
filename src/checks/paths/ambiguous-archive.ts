import type { DraftFinding } from '../../findings/draft.js';
import type { FileRecord } from '../../model.js';
import { readerNames } from '../../read/readers.js';
import type { Manifest, ManifestCheck } from '../check.js';
import { checkFinding, examples, sortFindings } from '../check-finding.js';

/** Groups of extractors named in one finding's detail, at most. */
const GROUPS = 8;

/**
 * An archive that extractors unpack differently: each reads another name, type, framing
 * or content at some entry. No honest build tool makes one, and whatever each extractor
 * writes is judged on its own (the report lists every reading, with `by`); this finding
 * says that the package is built to mean different things to different extractors, names
 * them and what each writes, and blocks by itself.
 */
export class AmbiguousArchiveCheck implements ManifestCheck {
  readonly name = 'ambiguous-archive';

  check(manifest: Manifest): DraftFinding[] {
    const findings: DraftFinding[] = [];
    for (const { divergence, records } of manifest.divergences ?? []) {
      const groups = new Map<string, FileRecord[]>();
      const writers = new Set<string>();
      for (const record of records) {
        const key = (record.by ?? readerNames(divergence.readers)).join(', ');
        for (const name of record.by ?? readerNames(divergence.readers)) writers.add(name);
        const group = groups.get(key);
        if (group) group.push(record);
        else groups.set(key, [record]);
      }
      const silent = readerNames(divergence.readers).filter((name) => !writers.has(name));
      const parts = [...groups].slice(0, GROUPS).map(([by, group]) => `${by}: ${examples(group.map(describe))}`);
      if (groups.size > GROUPS) parts.push(`and ${groups.size - GROUPS} more readings`);
      if (silent.length > 0) parts.push(`${silent.join(', ')}: nothing`);
      findings.push(
        checkFinding({
          kind: 'unsafe-path',
          severity: 'high',
          rule: 'ambiguous-archive',
          subject: `${divergence.at}\0${divergence.what}`,
          path: divergence.at,
          title: `Extractors unpack this package differently (${divergence.what}): what lands depends on the tool`,
          detail: `at ${JSON.stringify(divergence.at)}, what each extractor writes: ${parts.join('; ')}`,
        }),
      );
    }
    return sortFindings(findings);
  }
}

/** One reading, names escaped: a hostile name may hold anything. */
function describe(record: FileRecord): string {
  const where = JSON.stringify(record.path);
  switch (record.type) {
    case 'file':
      return `${where} (file, ${record.size ?? 0} bytes${record.sha256 ? `, sha256 ${record.sha256.slice(0, 12)}` : ''})`;
    case 'symlink':
    case 'hardlink':
      return `${where} (${record.type} to ${JSON.stringify(record.link ?? '')})`;
    case 'other':
      return `${where} (${record.special ?? 'special file'})`;
    case 'dir':
      return `${where} (folder)`;
  }
}
