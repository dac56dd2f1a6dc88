import { isUtf8 } from 'node:buffer';
import type { ConfigText } from '../model.js';
import type { AnalyzerResult, ContentAnalyzer } from '../pass/content-analyzer.js';
import type { Content, Entry, EntryHeader } from '../read/entry.js';
import { redactText } from '../checks/secrets/redact.js';

/** One config file's text in the report; larger ones are kept by hash only. */
const FILE_BOUND = 64 * 1024;
/** All config texts of one report. */
const REPORT_BOUND = 4 * 1024 * 1024;

/**
 * Keeps the text of every monitored config and system file, redacted, for the report:
 * it is what the next scan diffs against when it takes this report as its baseline.
 */
export class ConfigCapture implements ContentAnalyzer {
  readonly name = 'config-capture';
  private readonly configs: ConfigText[] = [];
  private total = 0;

  constructor(private readonly monitored: (path: string) => boolean) {}

  wants(header: EntryHeader): number {
    return this.monitored(header.path) ? FILE_BOUND + 1 : 0;
  }

  take(entry: Entry, content: Content): void {
    const config: ConfigText = { path: entry.path, sha256: entry.sha256 ?? '' };
    const bytes = content.bytes;
    if (content.truncated || bytes.length > FILE_BOUND) config.omitted = 'too-large';
    else if (bytes.subarray(0, 8192).includes(0) || !isUtf8(bytes)) config.omitted = 'binary';
    else if (this.total + bytes.length > REPORT_BOUND) config.omitted = 'report-bound';
    else {
      config.text = redactText(bytes.toString('utf8'), entry.path.slice(entry.path.lastIndexOf('/') + 1));
      this.total += bytes.length;
    }
    this.configs.push(config);
  }

  finish(): AnalyzerResult {
    return {};
  }

  texts(): ConfigText[] {
    return this.configs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
