import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from '../model.js';
import { resolvePolicy, type PolicyOptions } from '../policy/resolve.js';
import { renderCycloneDx } from '../report/cyclonedx.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { scan, type ScanOptions } from '../scan.js';
import type { OutputPaths, ScanRequest } from './scan-request.js';
import { writeJsonReport, writeOutput } from './write-output.js';

/** What a face may add to one package's scan: roots to strip, a record cache, a baseline it fetched itself, what it read about an approval. */
export type ScanExtras = Pick<ScanOptions, 'roots' | 'apiCache' | 'baseline' | 'approval' | 'onCheckCosts' | 'checkWorker'>;

/**
 * The bundle that runs secrets and malicious code on a worker thread, next to the face's
 * own bundle in dist/; undefined when the sources run unbundled (as in the tests: the
 * checks then run on the main thread).
 */
export function checkWorkerBundle(): URL | undefined {
  const bundle = new URL('./check-worker.js', import.meta.url);
  return bundle.protocol === 'file:' && existsSync(fileURLToPath(bundle)) ? bundle : undefined;
}

/**
 * What both faces do with a request: read the policy once (a mistake in it stops
 * everything before a long read), then scan each package and write its files, the
 * JSON report first, so nothing is lost if a later step fails.
 */
export class RequestRunner {
  private constructor(
    private readonly request: ScanRequest,
    private readonly policy: PolicyOptions,
  ) {}

  /** `cwd`: where `.github/release-gate.yml` is looked for when the request names no policy file. */
  static async open(request: ScanRequest, cwd: string): Promise<RequestRunner> {
    const policy = await resolvePolicy(request.config, cwd, {
      ...(request.failOn ? { failOn: request.failOn } : {}),
      ...(request.severity ? { severity: request.severity } : {}),
      ...(request.onlyNew !== undefined ? { onlyNew: request.onlyNew } : {}),
      ...(request.includeDev !== undefined ? { includeDev: request.includeDev } : {}),
      ...(request.warnOnly !== undefined ? { warnOnly: request.warnOnly } : {}),
    });
    return new RequestRunner(request, policy);
  }

  /** Scan one package and write the files named; `sarifKey` tells packages of one run apart in code scanning. */
  async run(target: string, outputs: OutputPaths, extras: ScanExtras = {}, sarifKey?: string): Promise<Report> {
    const baseline = extras.baseline ?? this.request.baseline;
    const report = await scan({
      target,
      ...(baseline !== undefined ? { baseline } : {}),
      ...(extras.roots ? { roots: extras.roots } : {}),
      ...(extras.apiCache ? { apiCache: extras.apiCache } : {}),
      ...(extras.approval ? { approval: extras.approval } : {}),
      ...(extras.onCheckCosts ? { onCheckCosts: extras.onCheckCosts } : {}),
      ...(extras.checkWorker ? { checkWorker: extras.checkWorker } : {}),
      advisories: this.request.advisories,
      offline: this.request.offline,
      allowSourceFailure: this.request.allowSourceFailure,
      ...this.policy,
    });
    if (outputs.report) await writeJsonReport(outputs.report, report);
    if (outputs.sarif) await writeOutput(outputs.sarif, renderSarif(report, sarifKey), 'the SARIF file');
    if (outputs.sbom) await writeOutput(outputs.sbom, renderCycloneDx(report), 'the SBOM');
    if (outputs.summary) await writeOutput(outputs.summary, renderMarkdown(report, { today: new Date().toISOString().slice(0, 10) }), 'the summary');
    return report;
  }
}
