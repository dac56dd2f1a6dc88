// Real npm package tarballs, made by `npm pack` from installed packages (offline),
// read by release-gate and by GNU tar with coreutils' sha256sum as the independent reader.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../helpers/collect.js';
import { ROOT } from '../helpers/run.js';
import { tempDir } from '../helpers/temp.js';

let work: string;
beforeAll(async () => {
  work = await tempDir();
});

/** GNU tar extracts every file to a command that prints its name, mode, size and SHA-256. */
function gnuTarFiles(archive: string): Map<string, { mode: string; size: number; sha256: string }> {
  const command = 'printf "%s\\t%s\\t%s\\t%s\\n" "$TAR_FILENAME" "$TAR_MODE" "$TAR_SIZE" "$(sha256sum | cut -d" " -f1)"';
  const out = execFileSync('tar', ['-xzf', archive, `--to-command=${command}`], { encoding: 'utf8', cwd: work });
  const files = new Map<string, { mode: string; size: number; sha256: string }>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [path = '', mode = '', size = '', sha256 = ''] = line.split('\t');
    files.set(path, { mode: mode.padStart(4, '0'), size: Number(size), sha256 });
  }
  return files;
}

describe.each(['semver', 'yaml', 'yauzl'])('npm pack of %s', (name) => {
  it('lists every entry with the path, type, size, mode and SHA-256 GNU tar finds', async () => {
    const packed = execFileSync('npm', ['pack', join(ROOT, 'node_modules', name), '--ignore-scripts', '--offline', '--json', '--pack-destination', work], {
      encoding: 'utf8',
      cwd: work,
    });
    const [{ filename }] = JSON.parse(packed) as [{ filename: string }];
    const archive = join(work, filename);
    const independent = gnuTarFiles(archive);
    const { records, read } = await collect(archive);
    expect(read.format).toBe('tar.gz');
    expect(independent.size).toBeGreaterThan(5);
    expect(records.map((record) => record.path).sort()).toEqual([...independent.keys()].sort());
    for (const record of records) {
      const theirs = independent.get(record.path);
      expect({ type: record.type, mode: record.mode, size: record.size, sha256: record.sha256 }, record.path).toEqual({ type: 'file', ...theirs });
    }
  });
});
