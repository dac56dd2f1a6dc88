// The differential suite's runner: build the cases with the committed generator, extract
// each with every installed extractor, scan it, and judge what landed against the report.
import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ScanError } from '../../../src/errors.js';
import type { Finding, Report } from '../../../src/model.js';
import { scan } from '../../../src/scan.js';
import { extract, findExtractors, type Extraction, type Extractors, type Format } from '../../helpers/differential/extractors.js';
import { judge, type Miss } from '../../helpers/differential/judge.js';
import { tempDir } from '../../helpers/temp.js';

const GENERATOR = resolve(import.meta.dirname, '../../helpers/differential/gen_cases.py');

export interface Case {
  id: string;
  format: Format;
  file: string;
  description: string;
  tags: string[];
  /** Must the report carry an ambiguous-archive finding? null: not decided for this case. */
  ambiguous: boolean | null;
}

export interface Suite {
  root: string;
  cases: Case[];
  extractors: Extractors;
  escape: string;
}

export interface Outcome {
  id: string;
  /** The scan refused the package (exit 2): its one line. */
  refused?: string;
  unjudged: Miss[];
  left: Miss[];
  ambiguous: Finding[];
  extractions: Extraction[];
  report?: Report;
}

const run = promisify(execFile);

/** Generate the cases of one format, or say why the suite cannot run here. */
export async function loadSuite(format: Format): Promise<Suite | string> {
  const root = await tempDir(`release-gate-differential-${format}-`);
  const escape = join(root, 'escape');
  try {
    await run('python3', [GENERATOR, join(root, 'cases')], { env: { ...process.env, RG_ESCAPE_DIR: escape } });
  } catch (error) {
    return `python3 could not run the case generator (${(error as Error).message.split('\n')[0] ?? ''})`;
  }
  const all = JSON.parse(await readFile(join(root, 'cases', 'cases.json'), 'utf8')) as Case[];
  const extractors = await findExtractors(join(root, 'tools'));
  return { root, escape, extractors, cases: all.filter((c) => c.format === format) };
}

export async function runCase(suite: Suite, c: Case): Promise<Outcome> {
  const archive = join(suite.root, 'cases', c.file);
  const extractions: Extraction[] = [];
  for (const spec of suite.extractors.specs) {
    if (!spec.formats.includes(c.format)) continue;
    extractions.push(await extract(spec, archive, suite.root, join(suite.root, 'runs', c.id, spec.name), suite.escape));
  }
  const outcome: Outcome = { id: c.id, unjudged: [], left: [], ambiguous: [], extractions };
  try {
    outcome.report = await scan({ target: archive, advisories: ['none'] });
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    outcome.refused = error.message;
    return outcome;
  }
  outcome.ambiguous = outcome.report.findings.filter((finding) => finding.rule === 'ambiguous-archive');
  for (const extraction of extractions) {
    const judged = judge(extraction, outcome.report.files);
    outcome.unjudged.push(...judged.unjudged);
    outcome.left.push(...judged.left);
  }
  return outcome;
}

/** What is wrong with a case's outcome: nothing, for a case the gate handles. */
export function failuresOf(c: Case, outcome: Outcome): string[] {
  if (outcome.refused !== undefined) {
    // a refusal fails the workflow closed: fine, if it says so in one line
    return outcome.refused.includes('\n') ? [`the scan refused the package with more than one line: ${JSON.stringify(outcome.refused)}`] : [];
  }
  const failures = outcome.unjudged.map((miss) => `${miss.extractor} wrote ${JSON.stringify(miss.path)} (${miss.landed}) unjudged: ${miss.why}`);
  if (c.ambiguous === true && outcome.ambiguous.length === 0) failures.push('no ambiguous-archive finding');
  if (c.ambiguous === false && outcome.ambiguous.length > 0) {
    failures.push(`an ambiguous-archive finding where extractors agree: ${outcome.ambiguous.map((finding) => finding.detail ?? '').join(' | ')}`);
  }
  return failures;
}

/** Per extractor, entries landing unjudged and entries left on purpose, over every case run. */
export class Tally {
  private readonly unjudged = new Map<string, number>();
  private readonly left = new Map<string, number>();
  private readonly refused: string[] = [];
  private readonly failing: string[] = [];

  constructor(private readonly extractors: Extractors) {
    for (const spec of extractors.specs) this.unjudged.set(spec.name, 0);
  }

  add(c: Case, outcome: Outcome): void {
    // RG_DIFFERENTIAL_LOG=<file>: one JSON line per case (what a person reviewing the suite reads)
    const log = process.env['RG_DIFFERENTIAL_LOG'];
    if (log) {
      const line = {
        id: c.id,
        refused: outcome.refused,
        ambiguous: outcome.ambiguous.length > 0,
        expected: c.ambiguous,
        unjudged: outcome.unjudged.length,
        left: outcome.left.length,
        readings: outcome.report?.files.filter((file) => file.by !== undefined || file.stored !== undefined).length ?? 0,
        failures: failuresOf(c, outcome),
      };
      appendFileSync(log, `${JSON.stringify(line)}\n`);
    }
    for (const miss of outcome.unjudged) this.unjudged.set(miss.extractor, (this.unjudged.get(miss.extractor) ?? 0) + 1);
    for (const miss of outcome.left) this.left.set(`${miss.extractor} (${miss.why})`, (this.left.get(`${miss.extractor} (${miss.why})`) ?? 0) + 1);
    if (outcome.refused !== undefined) this.refused.push(c.id);
    if (failuresOf(c, outcome).length > 0) this.failing.push(c.id);
  }

  summary(format: Format, cases: number): string {
    const counts = (map: Map<string, number>): string => [...map].map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
    const relevant = this.extractors.specs.filter((spec) => spec.formats.includes(format)).map((spec) => spec.name);
    const lines = [
      `differential ${format}: ${cases} cases; entries landing unjudged per extractor: ${counts(new Map([...this.unjudged].filter(([name]) => relevant.includes(name))))}`,
      `  left on purpose: ${counts(this.left)}`,
      `  refused by the scan (exit 2, one line): ${this.refused.join(', ') || 'none'}`,
      `  cases failing (pending): ${this.failing.join(', ') || 'none'}`,
    ];
    for (const missing of this.extractors.missing) lines.push(`  skipped ${missing.name}: ${missing.why}`);
    return lines.join('\n');
  }
}
