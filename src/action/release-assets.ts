import { printable } from '../util/printable.js';
import * as core from '@actions/core';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScanError } from '../errors.js';
import { statusOf, warnPermission, type Octokit, type RunContext } from './github.js';

/** `release:latest` or `release:<tag>`: the report attached to that GitHub release. */
export function releaseBaseline(spec: string): { tag?: string } | undefined {
  if (!spec.startsWith('release:')) return undefined;
  const tag = spec.slice('release:'.length);
  return tag === 'latest' ? {} : { tag };
}

/**
 * Download the report asset of a release into `dir`, for the scan to take as its
 * baseline. Anything missing is one ScanError line: a gate does not silently run
 * without the baseline it was told to use.
 */
export async function downloadReportAsset(octokit: Octokit, run: RunContext, which: { tag?: string }, assetName: string, dir: string): Promise<string> {
  const label = which.tag ? `release ${which.tag}` : 'the latest release';
  let release;
  try {
    release = which.tag
      ? (await octokit.rest.repos.getReleaseByTag({ owner: run.owner, repo: run.repo, tag: which.tag })).data
      : (await octokit.rest.repos.getLatestRelease({ owner: run.owner, repo: run.repo })).data;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) throw new ScanError(`${label} of ${run.owner}/${run.repo} was not found; publish a release with the report attached (attach-report), or give another baseline`);
    throw new ScanError(`cannot read ${label} of ${run.owner}/${run.repo} (${status ? `HTTP ${status}` : String(error)}); check the token's contents: read permission`);
  }
  const asset = release.assets.find((candidate) => candidate.name === assetName);
  if (!asset) {
    const names = release.assets.map((candidate) => candidate.name).join(', ') || 'none';
    throw new ScanError(`${label} (${release.tag_name}) has no asset ${assetName} (it has: ${names}); attach the report when releasing (attach-report: true)`);
  }
  const response = await octokit.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
    owner: run.owner,
    repo: run.repo,
    asset_id: asset.id,
    headers: { accept: 'application/octet-stream' },
  });
  const data = response.data as unknown;
  const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
  const path = join(dir, `baseline-${release.tag_name.replace(/[^\w.-]+/g, '_')}-${assetName}`);
  await writeFile(path, bytes);
  core.info(printable(`baseline: ${assetName} of ${label} (${release.tag_name})`));
  return path;
}

/** Attach this scan's report to the release being published, replacing one of the same name. */
export async function attachReport(octokit: Octokit, run: RunContext, assetName: string, report: Buffer): Promise<void> {
  if (!run.release) {
    core.warning('attach-report is set, but this run is not for a published release: nothing attached');
    return;
  }
  try {
    const { data: assets } = await octokit.rest.repos.listReleaseAssets({ owner: run.owner, repo: run.repo, release_id: run.release.id, per_page: 100 });
    const old = assets.find((asset) => asset.name === assetName);
    if (old) await octokit.rest.repos.deleteReleaseAsset({ owner: run.owner, repo: run.repo, asset_id: old.id });
    await octokit.request({
      method: 'POST',
      url: run.release.uploadUrl,
      name: assetName,
      headers: { 'content-type': 'application/json', 'content-length': report.length },
      data: report,
    });
    core.info(printable(`attached ${assetName} to release ${run.release.tag}`));
  } catch (error) {
    warnPermission(`attach ${assetName} to the release`, 'contents: write', error);
  }
}
