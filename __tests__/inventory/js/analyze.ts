// Runs the real inventory analyser (every registered extractor) over in-memory
// entries, as the package pass hands them over: for parse errors and merging.
import type { AnalyzerResult } from '../../../src/pass/content-analyzer.js';
import { InventoryAnalyzer } from '../../../src/inventory/inventory-analyzer.js';
import type { EntryHeader } from '../../../src/read/entry.js';

export function analyze(files: Record<string, string | Buffer>): AnalyzerResult & { wanted: string[] } {
  const analyzer = new InventoryAnalyzer();
  const wanted: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
    const header: EntryHeader = { path, type: 'file', mode: 0o644, size: bytes.length };
    const bound = analyzer.wants(header, path.slice(path.lastIndexOf('/') + 1));
    if (bound === 0) continue;
    wanted.push(path);
    analyzer.take(header, { bytes: bytes.subarray(0, bound), truncated: bytes.length > bound });
  }
  return { ...analyzer.finish(), wanted };
}
