import { open, stat } from 'node:fs/promises';
import { ScanError, oneLine } from '../errors.js';
import type { Limits } from '../limits.js';
import type { Content, Entry, EntryHeader, EntryVisitor } from './entry.js';
import { PackageFormatError, UnreadablePackageError } from './package-format-error.js';
import { readDirectory } from './read-directory.js';
import { readTarFile } from './read-tar-file.js';
import { readZip } from './read-zip.js';
import { BSDTAR_STREAM, PHP_ZIP, PY_ZIP, TAR_READERS, UNZIP, ZIP_READERS, type Divergence } from './readers.js';
import { endsWithZip } from './zip-tail.js';
import { BLOCK, checksumMatches, isZeroBlock } from './tar-header.js';

export type PackageFormat = 'tar' | 'tar.gz' | 'zip' | 'dir';

export interface PackageRead {
  format: PackageFormat;
  /** SHA-256 of the package file; undefined for a directory (its manifest digest is computed from the entries). */
  sha256: string | undefined;
  entries: number;
  bytes: number;
}

const REBUILD = 're-create the package, or check that its upload or download finished';

/**
 * Read a release package once, whatever its form: the format is told by its first
 * bytes, not its name. Every failure becomes one ScanError line naming the cause and the fix.
 */
export async function readPackage(target: string, visitor: EntryVisitor, limits: Limits): Promise<PackageRead> {
  const stats = await stat(target).catch((error: unknown) => {
    throw fileError(target, error);
  });
  if (stats.isDirectory()) {
    const result = await guard(target, 'dir', () => readDirectory(target, visitor, limits));
    return { format: 'dir', sha256: undefined, ...result };
  }
  if (!stats.isFile()) {
    throw new ScanError(`${target} is not a regular file or a directory; pass a .tar, .tar.gz, .tgz or .zip package, or a directory`);
  }
  if (stats.size === 0) throw new ScanError(`${target} is empty (0 bytes); ${REBUILD}`);
  const format = detectFormat(target, await firstBlock(target));
  if (format === 'zip') {
    const { entries, bytes, sha256 } = await guard(target, format, () => readZip(target, visitor, limits));
    return { format, sha256, entries, bytes };
  }
  if (stats.size > BLOCK && (await endsWithZip(target, stats.size))) return polyglot(target, format, visitor, limits);
  const result = await guard(target, format, () => readTarFile(target, format === 'tar.gz', visitor, limits));
  return { format, ...result };
}

/**
 * A tar that ends with a zip: GNU tar, bsdtar (from a file or a pipe), Python's tarfile and
 * PharData read the tar at its front; unzip, libzip and Python's zipfile the zip at its
 * back. Both are read, each entry as the extractors of its format write it, and every one
 * is a reading of a package that means two things.
 */
async function polyglot(target: string, format: 'tar' | 'tar.gz', visitor: EntryVisitor, limits: Limits): Promise<PackageRead> {
  const divergence: Divergence = { at: '.', what: 'whether the package is a tar or a zip', readers: TAR_READERS | ZIP_READERS };
  const tar = await guard(target, format, () => readTarFile(target, format === 'tar.gz', new Readers(visitor, TAR_READERS | BSDTAR_STREAM, divergence), limits));
  const zip = await guard(target, 'zip', () => readZip(target, new Readers(visitor, UNZIP | PHP_ZIP | PY_ZIP, divergence), limits));
  return { format, sha256: tar.sha256, entries: tar.entries + zip.entries, bytes: tar.bytes + zip.bytes };
}

/** Every entry of one reading of the package: written by these extractors only. */
class Readers implements EntryVisitor {
  constructor(
    private readonly visitor: EntryVisitor,
    private readonly readers: number,
    private readonly divergence: Divergence,
  ) {}

  wants(header: EntryHeader): number {
    this.stamp(header);
    return this.visitor.wants(header);
  }

  visit(entry: Entry, content: Content | undefined): void {
    this.stamp(entry);
    this.visitor.visit(entry, content);
  }

  private stamp(header: EntryHeader): void {
    if (header.divergence === this.divergence) return;
    header.by = header.by === undefined ? this.readers : header.by & this.readers;
    header.divergence = this.divergence;
  }
}

async function firstBlock(target: string): Promise<Buffer> {
  const handle = await open(target, 'r').catch((error: unknown) => {
    throw fileError(target, error);
  });
  try {
    const block = Buffer.alloc(BLOCK);
    const { bytesRead } = await handle.read(block, 0, BLOCK, 0);
    return block.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const OTHER_FORMATS: [string, number[]][] = [
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
];

function detectFormat(target: string, head: Buffer): Exclude<PackageFormat, 'dir'> {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head[0] === 0x50 && head[1] === 0x4b && [0x0304, 0x0506, 0x0708].includes(((head[2] ?? 0) << 8) | (head[3] ?? 0))) return 'zip';
  if (head.length === BLOCK && (checksumMatches(head, 0) || isZeroBlock(head, 0))) return 'tar';
  const other = OTHER_FORMATS.find(([, magic]) => magic.every((byte, i) => head[i] === byte));
  if (other) {
    throw new ScanError(`${target} is ${other[0]}-compressed; release-gate reads .tar, .tar.gz, .tgz and .zip: repack it with gzip or zip`);
  }
  const start = [...head.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  throw new ScanError(`${target} is not a .tar, .tar.gz, .tgz or .zip package (it starts with bytes ${start}); pass a release package or a directory`);
}

async function guard<T extends { entries: number }>(target: string, format: PackageFormat, read: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await read();
  } catch (error) {
    throw readError(target, format, error);
  }
  if (result.entries === 0 || (format === 'dir' && result.entries === 1)) {
    throw new ScanError(`${target} holds no entries; check the step that built the package`);
  }
  return result;
}

function readError(target: string, format: PackageFormat, error: unknown): ScanError {
  if (error instanceof ScanError) return error;
  if (error instanceof UnreadablePackageError) {
    return new ScanError(`${target} is not a readable ${format === 'dir' ? 'directory' : format} (${error.message}); ${REBUILD}`, { cause: error });
  }
  if (error instanceof PackageFormatError) {
    const what = format === 'dir' ? 'directory' : `${format} package`;
    return new ScanError(`${target}: ${error.message}; the ${what} is damaged or hostile: ${REBUILD}`, { cause: error });
  }
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? oneLine(error.message) : String(error);
  if (code === 'Z_BUF_ERROR' || message === 'unexpected end of file') {
    return new ScanError(`${target} is truncated: the gzip stream ends early; ${REBUILD}`, { cause: error });
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new ScanError(`${target} is corrupt: the gzip stream is damaged (${message}); ${REBUILD}`, { cause: error });
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return fileError(target, error);
  if (format === 'zip') {
    return new ScanError(`${target} is not a readable zip (${message}); ${REBUILD}`, { cause: error });
  }
  return new ScanError(`${target} could not be read (${message}); ${REBUILD}`, { cause: error });
}

function fileError(target: string, error: unknown): ScanError {
  const code = (error as { code?: unknown }).code;
  const path = (error as { path?: unknown }).path;
  const where = typeof path === 'string' && path !== target ? `${path} (in ${target})` : target;
  switch (code) {
    case 'ENOENT':
      return new ScanError(`${where} does not exist; pass the path of a .tar, .tar.gz, .tgz or .zip package, or of a directory`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new ScanError(`cannot read ${where}: permission denied; run the scan as a user who can read the whole package`, { cause: error });
    case 'ELOOP':
      return new ScanError(`${where} is a loop of symbolic links; pass the package itself`, { cause: error });
    default: {
      const message = error instanceof Error ? oneLine(error.message) : String(error);
      return new ScanError(`cannot read ${where} (${message}); check the path and its permissions`, { cause: error });
    }
  }
}
