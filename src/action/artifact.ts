import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** A package's files for the artifact: its JSON report, and its summary in full (no size bound). */
export interface ArtifactFiles {
  report: string;
  summaryName: string;
  summary: string;
}

/** An upload that has not finished by then is given up: the job summary must not wait on it. */
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * Upload the full reports and summaries as one workflow artifact, so that a comment or
 * a summary cut at its size bound can link to everything. Best effort: without the
 * artifact service (a run outside GitHub Actions) or when it fails, a warning, and the
 * links name the files the step wrote instead. Returns the artifact's page.
 */
export async function uploadFullReport(name: string, files: readonly ArtifactFiles[], temp: string, run: { serverUrl?: string; repository?: string; runId?: string }): Promise<string | undefined> {
  if (!process.env['ACTIONS_RUNTIME_TOKEN'] || !process.env['ACTIONS_RESULTS_URL']) {
    core.debug('no artifact service in this environment: the full report is not uploaded');
    return undefined;
  }
  if (onEnterpriseServer(run.serverUrl)) {
    core.info('this kind of artifact is not available on GitHub Enterprise Server: the full report is not uploaded');
    return undefined;
  }
  try {
    const dir = await mkdtemp(join(temp, 'release-gate-artifact-'));
    const paths: string[] = [];
    for (const file of files) {
      const report = join(dir, basename(file.report));
      await copyFile(file.report, report);
      const summary = join(dir, file.summaryName);
      await writeFile(summary, file.summary);
      paths.push(report, summary);
    }
    const upload = new DefaultArtifactClient().uploadArtifact(name, paths, dir, { retentionDays: 30 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer within ${UPLOAD_TIMEOUT_MS / 1000} s`));
      }, UPLOAD_TIMEOUT_MS);
    });
    const { id } = await Promise.race([upload, timeout]).finally(() => {
      clearTimeout(timer);
    });
    if (id === undefined || !run.serverUrl || !run.repository || !run.runId) return undefined;
    return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}/artifacts/${id}`;
  } catch (error) {
    core.warning(`the full report could not be uploaded as the artifact ${name} (${error instanceof Error ? error.message : String(error)}); the report file the step wrote has it all`);
    return undefined;
  }
}

/** The artifact's name: from the packages' keys without versions (a matrix's jobs gate different packages). */
export function artifactName(key: string): string {
  return `release-gate-${key}`.replace(/[^A-Za-z0-9._+-]+/g, '-').slice(0, 120);
}

/** GitHub Enterprise Server, as @actions/artifact tells it: not github.com, *.ghe.com or *.localhost. */
function onEnterpriseServer(serverUrl: string | undefined): boolean {
  const host = new URL(serverUrl ?? 'https://github.com').hostname.toLowerCase();
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}
