// The extractors of the differential tests: every tool release packages meet on the
// other side, run as the current user into throwaway folders, with what each wrote
// read back from the disk (lstat, never following a link).
//
// Nothing may land outside the test's temporary folder. The cases point every absolute
// name and absolute link target into `<tmp>/escape` (gen_cases.py, RG_ESCAPE_DIR); the
// destination sits four folders deep, so a name climbing with `..` stays inside; and
// Python's tarfile without a filter (the one extractor that honours both) runs behind a
// filter that lets it do exactly what it would, except write outside the temporary
// folder: such a member is reported, with what it would have written, and skipped.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export type Format = 'tar' | 'zip';

export interface Landed {
  /** Relative to the destination (`../x` above it), or absolute for what landed in the escape folder. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'fifo' | 'char-device' | 'block-device' | 'socket' | 'other';
  mode: number;
  size?: number;
  sha256?: string;
  link?: string;
  /** Files: other names of the same inode, as paths like `path`; `outside` when an inode has names the walk did not see. */
  hardlinks?: string[];
  nlink?: number;
}

export interface Extraction {
  extractor: string;
  code: number | null;
  stderr: string;
  landed: Landed[];
}

interface Spec {
  name: string;
  formats: readonly Format[];
  /** argv with {A} (the archive) and {D} (the destination); `stdin` pipes the archive in. */
  argv: readonly string[];
  stdin?: boolean;
  env?: Record<string, string>;
}

export interface Extractors {
  specs: Spec[];
  /** Extractors that are not installed here, with why: the tests say so and skip them. */
  missing: { name: string; why: string }[];
}

const PY_WORKER = String.raw`
import json, os, sys, tarfile, zipfile
mode, archive, dest, root = sys.argv[1:5]
root = os.path.realpath(root)

def inside(path):
    real = os.path.realpath(path)
    return real == root or real.startswith(root + os.sep)

def guard(member, path):
    """fully_trusted (extractall's default before Python 3.14), minus writes outside the test's folder."""
    where = os.path.join(path, member.name)
    if member.islnk():
        escapes = not inside(os.path.join(path, member.linkname)) or not inside(where)
    else:
        escapes = not inside(where)
    if not escapes:
        return member
    record = {"path": os.path.relpath(os.path.normpath(where), path) if not os.path.isabs(member.name) else os.path.normpath(member.name),
              "type": "file" if member.isreg() else "dir" if member.isdir() else "symlink" if member.issym() else "hardlink" if member.islnk() else "other",
              "mode": member.mode, "link": member.linkname}
    if member.isreg():
        data = tar.extractfile(member).read()
        import hashlib
        record["size"] = len(data)
        record["sha256"] = hashlib.sha256(data).hexdigest()
    print(json.dumps({"outside": record}), flush=True)
    return None

if mode == "tar":
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter=guard)
elif mode == "tar-data":
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
elif mode == "zip":
    with zipfile.ZipFile(archive) as z:
        z.extractall(dest)
elif mode == "probe":
    print("filters" if hasattr(tarfile, "data_filter") else "no-filters")
`;

const PHP_WORKER = String.raw`<?php
[$self, $mode, $archive, $dest] = $argv;
try {
    if ($mode === 'probe') { echo class_exists('PharData') ? 'phar ' : '', class_exists('ZipArchive') ? 'zip' : ''; exit(0); }
    if ($mode === 'phar') { (new PharData($archive))->extractTo($dest, null, true); exit(0); }
    $zip = new ZipArchive();
    $opened = $zip->open($archive);
    if ($opened !== true) { fwrite(STDERR, "ZipArchive::open failed: $opened\n"); exit(3); }
    if (!$zip->extractTo($dest)) { fwrite(STDERR, 'extractTo failed: ' . $zip->getStatusString() . "\n"); exit(4); }
} catch (Throwable $e) {
    fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n");
    exit(5);
}
`;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runTool(argv: readonly string[], options: { stdin?: Buffer; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((done) => {
    const [command, ...args] = argv as [string, ...string[]];
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: options.cwd ?? '/tmp', ...options.env },
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ code: -1, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    if (options.stdin && child.stdin) {
      child.stdin.on('error', () => undefined); // an extractor may stop reading early
      child.stdin.end(options.stdin);
    }
  });
}

/** Which of the extractors this machine has; their worker scripts go to `tools`. */
export async function findExtractors(tools: string): Promise<Extractors> {
  await mkdir(tools, { recursive: true });
  const py = join(tools, 'worker.py');
  const php = join(tools, 'worker.php');
  await writeFile(py, PY_WORKER);
  await writeFile(php, PHP_WORKER);
  const specs: Spec[] = [];
  const missing: { name: string; why: string }[] = [];
  const has = async (argv: readonly string[], want: RegExp): Promise<boolean> => want.test((await runTool(argv, { cwd: tools })).stdout);

  if (await has(['tar', '--version'], /GNU tar/)) specs.push({ name: 'gnu-tar', formats: ['tar'], argv: ['tar', '-xf', '{A}', '-C', '{D}'] });
  else missing.push({ name: 'gnu-tar', why: 'GNU tar is not installed' });
  if (await has(['bsdtar', '--version'], /libarchive/)) {
    specs.push({ name: 'bsdtar', formats: ['tar', 'zip'], argv: ['bsdtar', '-xf', '{A}', '-C', '{D}'] });
    // from a pipe libarchive cannot seek: it reads a zip from its local headers, as `curl … | bsdtar -x` does
    specs.push({ name: 'bsdtar-stream', formats: ['zip'], argv: ['bsdtar', '-xf', '-', '-C', '{D}'], stdin: true });
  } else {
    missing.push({ name: 'bsdtar', why: 'bsdtar is not installed (apt-get install libarchive-tools)' });
  }
  if (await has(['unzip', '-v'], /UnZip/)) specs.push({ name: 'unzip', formats: ['zip'], argv: ['unzip', '-o', '-q', '{A}', '-d', '{D}'] });
  else missing.push({ name: 'unzip', why: 'unzip is not installed' });
  const phpHas = (await runTool(['php', php, 'probe', '-', '-'], { cwd: tools })).stdout;
  if (phpHas.includes('phar')) specs.push({ name: 'php-phar', formats: ['tar'], argv: ['php', php, 'phar', '{A}', '{D}'] });
  else missing.push({ name: 'php-phar', why: 'php (with PharData) is not installed (apt-get install php-cli)' });
  if (phpHas.includes('zip')) specs.push({ name: 'php-zip', formats: ['zip'], argv: ['php', php, 'zip', '{A}', '{D}'] });
  else missing.push({ name: 'php-zip', why: 'php with ZipArchive is not installed (apt-get install php-cli php-zip)' });
  const pyHas = (await runTool(['python3', py, 'probe', '-', '-', '-'], { cwd: tools })).stdout;
  if (pyHas.includes('filters')) {
    specs.push({ name: 'python-tarfile', formats: ['tar'], argv: ['python3', py, 'tar', '{A}', '{D}', '{R}'] });
    specs.push({ name: 'python-tarfile-data', formats: ['tar'], argv: ['python3', py, 'tar-data', '{A}', '{D}', '{R}'] });
  } else {
    const why = pyHas.includes('no-filters') ? 'python3 has no tarfile extraction filters (3.12, or 3.11.4 and later)' : 'python3 is not installed';
    missing.push({ name: 'python-tarfile', why }, { name: 'python-tarfile-data', why });
  }
  if (pyHas.length > 0) specs.push({ name: 'python-zipfile', formats: ['zip'], argv: ['python3', py, 'zip', '{A}', '{D}', '{R}'] });
  else missing.push({ name: 'python-zipfile', why: 'python3 is not installed' });
  return { specs, missing };
}

/**
 * Extract `archive` with one extractor into `<run>/a/b/c/out` and read back everything
 * under `run` and under the escape folder (both emptied first). `root` holds both: the
 * one folder nothing may leave.
 */
export async function extract(spec: Spec, archive: string, root: string, run: string, escape: string): Promise<Extraction> {
  await rm(run, { recursive: true, force: true });
  await rm(escape, { recursive: true, force: true });
  const dest = join(run, 'a', 'b', 'c', 'out');
  await mkdir(dest, { recursive: true });
  await mkdir(join(escape, 'etc'), { recursive: true });
  // the target of t-hardlink-abs: a file outside the package that a hardlink may name
  await writeFile(join(escape, 'etc', 'passwd'), 'root:x:0:0:rg outside file:/root:/bin/sh\n');
  const argv = spec.argv.map((arg) => arg.replace('{A}', archive).replace('{D}', dest).replace('{R}', root));
  const ran = await runTool(argv, { cwd: dest, ...(spec.stdin ? { stdin: await readFile(archive) } : {}), ...(spec.env ? { env: spec.env } : {}) });
  const landed = await walk(run, dest, escape);
  // members Python would have written outside the test's folder: reported by the worker, not written
  for (const line of ran.stdout.split('\n')) {
    if (!line.startsWith('{"outside"')) continue;
    const { outside } = JSON.parse(line) as { outside: { path: string; type: string; mode: number; link: string; size?: number; sha256?: string } };
    const record: Landed = { path: outside.path, type: outside.type === 'hardlink' ? 'file' : (outside.type as Landed['type']), mode: outside.mode & 0o7777 };
    if (outside.type === 'symlink') record.link = outside.link;
    if (outside.type === 'hardlink') record.hardlinks = [outside.link];
    if (outside.size !== undefined) record.size = outside.size;
    if (outside.sha256 !== undefined) record.sha256 = outside.sha256;
    landed.push(record);
  }
  await rm(run, { recursive: true, force: true });
  await rm(escape, { recursive: true, force: true });
  return { extractor: spec.name, code: ran.code, stderr: ran.stderr.trim().slice(0, 2000), landed };
}

const KINDS: [number, Landed['type']][] = [
  [0o100000, 'file'],
  [0o040000, 'dir'],
  [0o120000, 'symlink'],
  [0o010000, 'fifo'],
  [0o020000, 'char-device'],
  [0o060000, 'block-device'],
  [0o140000, 'socket'],
];

async function walk(run: string, dest: string, escape: string): Promise<Landed[]> {
  const found: Landed[] = [];
  const inodes = new Map<string, Landed[]>();
  // the folders that hold the destination, and the file outside the package that t-hardlink-abs names (ours)
  const holders = new Set([join(run, 'a'), join(run, 'a', 'b'), join(run, 'a', 'b', 'c'), dest, join(escape, 'etc'), join(escape, 'etc', 'passwd')]);
  // names are bytes (a case may hold names that are not UTF-8): paths stay Buffers until shown
  const visit = async (dir: Buffer, shown: (full: string) => string): Promise<void> => {
    const names = await readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
    for (const name of names.sort((a, b) => Buffer.compare(a, b))) {
      const full = Buffer.concat([dir, Buffer.from('/'), name]);
      const text = full.toString('utf8');
      const stats = await lstat(full);
      const type = KINDS.find(([bits]) => (stats.mode & 0o170000) === bits)?.[1] ?? 'other';
      if (!holders.has(text)) {
        const record: Landed = { path: shown(text), type, mode: stats.mode & 0o7777 };
        if (type === 'file') {
          const bytes = await readFile(full);
          record.size = bytes.length;
          record.sha256 = createHash('sha256').update(bytes).digest('hex');
          if (stats.nlink > 1) {
            record.nlink = stats.nlink;
            const key = `${stats.dev}:${stats.ino}`;
            inodes.set(key, [...(inodes.get(key) ?? []), record]);
          }
        }
        if (type === 'symlink') record.link = (await readlink(full, { encoding: 'buffer' })).toString('utf8');
        found.push(record);
      }
      if (type === 'dir') await visit(full, shown);
    }
  };
  await visit(Buffer.from(run), (full) => relative(dest, full) || '.');
  await visit(Buffer.from(escape), (full) => full);
  for (const group of inodes.values()) {
    for (const record of group) {
      const others = group.filter((other) => other !== record).map((other) => other.path);
      // names of this inode that no walk saw: a link to a file outside both folders
      record.hardlinks = (record.nlink ?? 1) > group.length ? [...others, 'outside'] : others;
    }
  }
  return found;
}
