import { FormatError, decodeText } from '../../../util/decode.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';

const STATUS = 'var/lib/dpkg/status';
const STATUS_D = 'var/lib/dpkg/status.d';
/** A field line: a name of printable characters but `:`, not starting with `#` or `-`. */
// the value is taken whole and trimmed after: `:[ \t]*(.*)$` retried every split of a long run of blanks
const FIELD = /^([!-"$-,.-9;-~][!-9;-~]*):([\s\S]*)/;
const WANTS = new Set(['unknown', 'install', 'hold', 'deinstall', 'purge']);
const FLAGS = new Set(['ok', 'reinstreq']);
/** Package states whose files are not on disk; every other state leaves some or all of them there. */
const ABSENT = new Set(['not-installed', 'config-files']);
const STATES = new Set([...ABSENT, 'half-installed', 'unpacked', 'half-configured', 'triggers-awaiting', 'triggers-pending', 'installed']);
/** `name` or `name (version)`. */
const SOURCE = /^(\S+)(?:\s+\((\S+)\))?$/;

interface Stanza {
  line: number;
  fields: Map<string, string>;
}

/**
 * Debian packages of a system tree: dpkg's `var/lib/dpkg/status`, and the
 * `var/lib/dpkg/status.d/<package>` files of distroless images (one `dpkg-deb --field`
 * output each, with no Status field: being there means being installed; their
 * `.md5sums` companions are not stanzas and are skipped).
 *
 * A package counts when its files are on disk: any Status whose state is not
 * `not-installed` or `config-files`. That takes `install ok installed`, and also
 * `hold ok installed` (apt-mark hold), `deinstall ok installed` (marked for removal,
 * still there) and the half-done states of an interrupted upgrade, whose files are as
 * exploitable as installed ones.
 *
 * The name is the binary package (`Package`, what is installed) at its `Version`.
 * Debian files advisories under the source package, so `Source` becomes an alias when
 * it names another package built at the same version (or the binNMU `+bN` of it); a
 * source built at another version (`Source: lvm2 (2.02.176-4)` for `dmeventd`
 * 2:1.02.145-4) cannot be an alias of this version, and is left out.
 *
 * The format is strict, as dpkg is: a line that is neither a field nor a continuation,
 * an installed package with no Version, a Status that is not three known words, all
 * make the file a parse error rather than a partial inventory.
 */
export const dpkgStatusExtractor: Extractor = {
  name: 'os/dpkg-status',
  installed: true,
  maxBytes: 64 * 1024 * 1024,
  matches: (path, base) => {
    if (base === 'status') return endsAtSegment(path, STATUS);
    const dir = path.length - base.length - 1;
    return dir > 0 && path.startsWith(STATUS_D, dir - STATUS_D.length) && endsAtSegment(path.slice(0, dir), STATUS_D) && !base.endsWith('.md5sums');
  },
  extract({ path, content }) {
    const statusD = !path.endsWith(STATUS);
    const found: ExtractedPackage[] = [];
    for (const stanza of stanzas(decodeText(content, 'a dpkg status file'))) {
      const field = (name: string): string | undefined => stanza.fields.get(name.toLowerCase());
      const name = field('Package');
      if (!name) throw new FormatError(`the stanza at line ${stanza.line} has no Package`);
      const status = field('Status');
      if (status === undefined) {
        if (!statusD) throw new FormatError(`the package at line ${stanza.line} has no Status`);
      } else if (!isOnDisk(status, stanza.line)) {
        continue;
      }
      const version = field('Version');
      if (!version) throw new FormatError(`the package at line ${stanza.line} is installed but has no Version`);
      const pkg: ExtractedPackage = { ecosystem: 'Debian', name, version };
      const source = sourceAlias(field('Source'), name, version, stanza.line);
      if (source) pkg.aliases = [source];
      found.push(pkg);
    }
    return found;
  },
};

function isOnDisk(status: string, line: number): boolean {
  const words = status.split(/\s+/);
  const [want = '', flag = '', state = ''] = words;
  if (words.length !== 3 || !WANTS.has(want) || !FLAGS.has(flag) || !STATES.has(state)) throw new FormatError(`the package at line ${line} has a Status that is not a dpkg status`);
  return !ABSENT.has(state);
}

function sourceAlias(source: string | undefined, name: string, version: string, line: number): string | undefined {
  if (source === undefined) return undefined;
  const match = SOURCE.exec(source.trim());
  if (!match) throw new FormatError(`the package at line ${line} has a Source that is not "name" or "name (version)"`);
  const [, sourceName = '', sourceVersion] = match;
  if (sourceName === name) return undefined;
  if (sourceVersion !== undefined && sourceVersion !== version && !new RegExp(`^${escapeRegExp(sourceVersion)}\\+b\\d+$`).test(version)) return undefined;
  return sourceName;
}

/** The stanzas of an RFC 822 style control file; field names are case-insensitive (kept lower-cased). */
function stanzas(text: string): Stanza[] {
  const out: Stanza[] = [];
  let current: Stanza | undefined;
  let last: string | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (/^[ \t]*$/.test(line)) {
      current = undefined;
      last = undefined;
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // a continuation line belongs to the field above it
      if (!current || last === undefined) throw new FormatError(`line ${index + 1} continues a field, but no field precedes it`);
      continue;
    }
    const match = FIELD.exec(line);
    if (!match) throw new FormatError(`line ${index + 1} is not a "Field: value" line`);
    const [, name = '', value = ''] = match;
    if (!current) {
      current = { line: index + 1, fields: new Map() };
      out.push(current);
    }
    last = name.toLowerCase();
    if (current.fields.has(last)) throw new FormatError(`line ${index + 1} repeats a field of its stanza`);
    current.fields.set(last, value.trim());
  }
  return out;
}

/** Is `path` exactly `tail`, or does it end in `/tail`? */
function endsAtSegment(path: string, tail: string): boolean {
  return path.endsWith(tail) && (path.length === tail.length || path.charCodeAt(path.length - tail.length - 1) === 47 /* / */);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
