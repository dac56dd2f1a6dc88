import type { ChangeAspect, Changes, ConfigText, FileRecord, PathState } from '../model.js';
import { configDiff } from './config-diff.js';
import { relativeTo } from './strip-root.js';

interface Side {
  files: readonly FileRecord[];
  configs: readonly ConfigText[];
  root: string;
}

/** The last entry of a path wins, as it does on extraction. */
function byPath(side: Side): Map<string, FileRecord> {
  const map = new Map<string, FileRecord>();
  for (const file of side.files) {
    const path = relativeTo(side.root, file.path);
    if (path !== undefined) map.set(path, file);
  }
  return map;
}

function stateOf(file: FileRecord): PathState {
  const state: PathState = { type: file.type, mode: file.mode };
  if (file.uid !== undefined) state.uid = file.uid;
  if (file.gid !== undefined) state.gid = file.gid;
  if (file.sha256 !== undefined) state.sha256 = file.sha256;
  if (file.link !== undefined) state.link = file.link;
  return state;
}

/** What differs for one path present on both sides. */
function aspects(before: FileRecord, after: FileRecord): ChangeAspect[] {
  const changed: ChangeAspect[] = [];
  if (before.type !== after.type) changed.push('type');
  else if (before.sha256 !== after.sha256) changed.push('content');
  if (before.mode !== after.mode) changed.push('mode');
  // owners are compared only when both sides record them (a zip or a report may not)
  if (before.uid !== undefined && after.uid !== undefined && (before.uid !== after.uid || before.gid !== after.gid)) changed.push('owner');
  if (before.link !== after.link && before.type === after.type) changed.push('link');
  return changed;
}

/**
 * Files compared by path (hash, mode, owner, link target). Every change counts in the
 * summary; changes to monitored config and system files are listed with their before
 * and after states and, for text, a redacted diff.
 */
export function diffFiles(baseline: Side, target: Side, monitored: (path: string) => boolean): Pick<Changes, 'files' | 'configs'> {
  const before = byPath(baseline);
  const after = byPath(target);
  const texts = {
    before: new Map(baseline.configs.flatMap((config) => withRelativePath(config, baseline.root))),
    after: new Map(target.configs.flatMap((config) => withRelativePath(config, target.root))),
  };
  const files = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const configs: Changes['configs'] = [];
  for (const [path, now] of after) {
    const then = before.get(path);
    const changed: ChangeAspect[] = then ? aspects(then, now) : ['added'];
    if (!then) files.added++;
    else if (changed.length > 0) files.changed++;
    else files.unchanged++;
    // folders are counted; a folder's mode is the permission check's business
    if (changed.length === 0 || now.type === 'dir' || !monitored(path)) continue;
    const change: Changes['configs'][number] = { path, changes: changed, after: stateOf(now) };
    if (then) change.before = stateOf(then);
    if (changed.includes('content') || changed.includes('added')) Object.assign(change, configDiff(path, texts.before.get(path), texts.after.get(path), then !== undefined));
    configs.push(change);
  }
  for (const [path, then] of before) {
    if (after.has(path)) continue;
    files.removed++;
    if (then.type !== 'dir' && monitored(path)) configs.push({ path, changes: ['removed'], before: stateOf(then) });
  }
  configs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, configs };
}

function withRelativePath(config: ConfigText, root: string): [string, ConfigText][] {
  const path = relativeTo(root, config.path);
  return path === undefined ? [] : [[path, config]];
}
