import type { DraftFinding } from '../../findings/draft.js';
import type { Content, Entry, EntryHeader } from '../../read/entry.js';
import type { AnalyzerResult } from '../../pass/content-analyzer.js';
import type { ContentCheck, Manifest } from '../check.js';
import { checkFinding, examples, sortFindings } from '../check-finding.js';
import { parentOf } from '../path-facts.js';

/** A RECORD larger than this is not read (the largest wheels list some tens of thousands of files). */
const MAX_RECORD_BYTES = 8 * 1024 * 1024;
/** RECORDs read at most. */
const MAX_RECORDS = 20_000;

interface Recorded {
  /** The dist-info folder (`…/site-packages/requests-2.32.3.dist-info`). */
  distInfo: string;
  /** Path (as the package stores it) → SHA-256, lower-case hex. */
  hashes: Map<string, string>;
}

/**
 * An installed wheel lists the SHA-256 of each of its files in `*.dist-info/RECORD`
 * (urlsafe base64, no padding). A file that no longer matches its line was edited after
 * install: the package was tampered with, whatever its version says. Needs no baseline.
 * Files RECORD lists without a hash (the RECORD itself, `.pyc` caches) are not judged.
 */
export class RecordHashesCheck implements ContentCheck {
  readonly name = 'record-hashes';
  private readonly records: Recorded[] = [];

  wants(header: EntryHeader, base: string): number {
    if (base !== 'RECORD' || !header.path.endsWith('.dist-info/RECORD') || header.size > MAX_RECORD_BYTES) return 0;
    return this.records.length < MAX_RECORDS ? header.size : 0;
  }

  take(entry: Entry, content: Content): void {
    if (content.truncated) return;
    const distInfo = parentOf(entry.path);
    // paths in RECORD are relative to the folder that holds the dist-info (site-packages)
    const root = parentOf(distInfo);
    const hashes = new Map<string, string>();
    for (const line of content.bytes.toString('utf8').split('\n')) {
      const fields = splitRecordLine(line.replace(/\r$/, ''));
      if (fields.length < 2) continue;
      const [file = '', hash = ''] = fields;
      if (!hash.startsWith('sha256=')) continue;
      const hex = Buffer.from(hash.slice('sha256='.length), 'base64url').toString('hex');
      if (hex.length !== 64) continue;
      const path = joinPath(root, file);
      if (path !== undefined) hashes.set(path, hex);
    }
    if (hashes.size > 0) this.records.push({ distInfo, hashes });
  }

  finish(): AnalyzerResult {
    return {};
  }

  afterPass(manifest: Manifest): DraftFinding[] {
    if (this.records.length === 0) return [];
    const byPath = new Map<string, string | undefined>();
    for (const file of manifest.files) if (file.type === 'file') byPath.set(file.path, file.sha256);
    const findings: DraftFinding[] = [];
    for (const { distInfo, hashes } of this.records) {
      const changed: string[] = [];
      for (const [path, hex] of hashes) {
        const actual = byPath.get(path);
        if (actual !== undefined && actual !== hex) changed.push(path);
      }
      if (changed.length === 0) continue;
      changed.sort();
      const dist = distInfo.slice(distInfo.lastIndexOf('/') + 1).replace(/\.dist-info$/, '');
      const dash = dist.lastIndexOf('-');
      const name = dash > 0 ? dist.slice(0, dash) : dist;
      const version = dash > 0 ? dist.slice(dash + 1) : '';
      findings.push(
        checkFinding({
          kind: 'tampered-package',
          severity: 'high',
          rule: 'record-hash-mismatch',
          subject: distInfo,
          path: changed[0] as string,
          title: `Installed Python package ${name} ${version} has ${changed.length === 1 ? 'a file' : `${changed.length} files`} that no longer match${changed.length === 1 ? 'es' : ''} the hashes its RECORD lists`,
          detail: `${distInfo}/RECORD; changed after install: ${examples(changed)}. Reinstall the package from the index and find out who edited it`,
        }),
      );
    }
    return sortFindings(findings);
  }
}

/** One line of a RECORD (CSV: a path may be quoted, with doubled quotes inside). */
function splitRecordLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length && out.length < 4) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line.charAt(i);
        i++;
      }
      out.push(value);
      i++; // the comma
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** `root/file` with `..` resolved; undefined when it leaves the package. */
function joinPath(root: string, file: string): string | undefined {
  const parts = root === '' ? [] : root.split('/');
  for (const segment of file.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}
