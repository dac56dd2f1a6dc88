import { createHash } from 'node:crypto';
import type { DraftFinding } from '../../findings/draft.js';
import type { FileRecord, Severity, SpecialKind } from '../../model.js';
import type { Manifest, ManifestCheck } from '../check.js';
import { checkFinding, sortFindings } from '../check-finding.js';
import { graver } from '../../util/order.js';
import { extensionOf, baseName, inDependencyTree, parentOf } from '../path-facts.js';

const SETUID = 0o4000;
const SETGID = 0o2000;
const WORLD_WRITE = 0o002;
const ANY_EXECUTE = 0o111;

/**
 * Folders a store writes to at run time (the `writable_dirs` Deployer's recipe for each
 * platform declares): world-writable there is a hygiene problem; on code it is a takeover.
 */
const WRITABLE_DIR =
  /(?:^|\/)(?:var|generated|pub\/static|pub\/media|wp-content\/uploads|wp-content\/cache|storage|cache|tmp|logs?|files|public\/media|public\/thumbnail|public\/sitemap|img|upload|uploads|download|translations|mails)(?:\/|$)/;

/** Folders that receive uploads or serve media: nothing there is meant to run. */
const UPLOAD_DIR = /(?:^|\/)(?:pub\/media|wp-content\/uploads|public\/media|public\/thumbnail|img|upload|uploads|download)\//;
/** The same, plus generated static assets: a script there is a webshell drop zone. */
const SCRIPT_FREE_DIR = /(?:^|\/)(?:pub\/media|pub\/static|wp-content\/uploads|public\/media|public\/thumbnail|img|upload|uploads|download)\//;
/** A server-script extension anywhere in the base name (`x.php.jpg`, `x.pHtml`): tested on the base name only. */
const SCRIPT_HINT = /\.(?:ph|sht|cgi|pl)/i;
const SERVER_SCRIPT = new Set(['php', 'phtml', 'phar', 'pht', 'phps', 'php3', 'php4', 'php5', 'php7', 'php8', 'shtml', 'cgi', 'pl']);

const SPECIAL_SEVERITY: Record<SpecialKind, Severity> = {
  'block-device': 'critical',
  'char-device': 'critical',
  fifo: 'high',
  socket: 'high',
  contiguous: 'medium',
  unknown: 'medium',
};

/**
 * Modes that threaten the host once the package is extracted (GNU tar run as root keeps
 * modes and owners): setuid/setgid, world-writable files and folders, device files and
 * FIFOs, executables and server scripts in upload and media folders.
 */
export class PermissionsCheck implements ManifestCheck {
  readonly name = 'permissions';

  check(manifest: Manifest): DraftFinding[] {
    const findings: DraftFinding[] = [];
    const worldWritable = new WorldWritable();
    if (manifest.root && manifest.root.mode & WORLD_WRITE) worldWritable.add('.', 'dir', true);
    for (const file of manifest.files) {
      const mode = modeBits(file.mode);
      if (file.type === 'other') {
        findings.push(special(file));
        continue;
      }
      if (file.type === 'symlink') continue; // a symlink's own mode means nothing
      if (mode & SETUID || (mode & SETGID && file.type !== 'dir')) findings.push(setid(file, mode));
      if (mode & WORLD_WRITE) worldWritable.add(file.path, file.type, false);
      if (file.type === 'file' || file.type === 'hardlink') findings.push(...webroot(file, mode));
    }
    findings.push(...worldWritable.findings());
    return sortFindings(findings);
  }
}

/** The report's four octal digits as a number, without parseInt's generality (every entry passes here). */
function modeBits(mode: string): number {
  let bits = 0;
  for (let i = 0; i < mode.length; i++) bits = bits * 8 + ((mode.charCodeAt(i) - 0x30) & 7);
  return bits;
}

function special(file: FileRecord): DraftFinding {
  const what = file.special ?? 'unknown';
  return checkFinding({
    kind: 'permission',
    severity: SPECIAL_SEVERITY[what],
    rule: 'special-file',
    subject: file.path,
    path: file.path,
    title: `Special file (${what}) in the release: never legitimate in a web release`,
    detail: 'GNU tar run as root creates device nodes and FIFOs as stored; a device node gives raw access to a disk or memory',
  });
}

function setid(file: FileRecord, mode: number): DraftFinding {
  const setuid = (mode & SETUID) !== 0;
  const isDir = file.type === 'dir';
  return checkFinding({
    kind: 'permission',
    severity: isDir ? 'low' : setuid ? 'critical' : 'high',
    rule: setuid ? 'setuid' : 'setgid',
    subject: file.path,
    path: file.path,
    title: `${setuid ? 'setuid' : 'setgid'} ${isDir ? 'folder' : 'file'} (mode ${file.mode}${file.uid !== undefined ? `, owner ${file.uid}` : ''})`,
    detail: isDir
      ? 'setuid on a folder has no use on Linux; it is a sign of a careless chmod'
      : `it runs with the ${setuid ? 'owner' : 'group'}'s rights whoever starts it, and GNU tar run as root restores the bit`,
  });
}

/** Executables and server scripts where uploads and media live (first-party folders only). */
function webroot(file: FileRecord, mode: number): DraftFinding[] {
  // most files are neither executable nor scripts: decide that before any regex
  if (!(mode & ANY_EXECUTE) && !SCRIPT_HINT.test(baseName(file.path))) return [];
  if (inDependencyTree(file.path)) return [];
  const findings: DraftFinding[] = [];
  const script = SERVER_SCRIPT.has(extensionOf(baseName(file.path)));
  if (script && SCRIPT_FREE_DIR.test(file.path)) {
    findings.push(
      checkFinding({
        kind: 'permission',
        severity: 'critical',
        rule: 'script-in-upload-dir',
        subject: file.path,
        path: file.path,
        title: 'Server script in an upload, media or static folder (a webshell drop zone)',
        detail: 'nothing in these folders is meant to run; a script there is served and run by the web server unless it is blocked',
      }),
    );
  } else if (mode & ANY_EXECUTE && UPLOAD_DIR.test(file.path)) {
    findings.push(
      checkFinding({
        kind: 'permission',
        severity: 'high',
        rule: 'executable-in-upload-dir',
        subject: file.path,
        path: file.path,
        title: `Executable file in an upload or media folder (mode ${file.mode})`,
        detail: 'media never needs the execute bit; with ExecCGI it runs, and it is a sign of tampering',
      }),
    );
  }
  return findings;
}

/** A topmost world-writable entry and what is world-writable beneath it. */
class Group {
  beneath = 0;
  /** The members' paths below the group, in the order the sorted manifest gives them. */
  private readonly members = createHash('sha256');

  constructor(
    readonly type: string,
    public severity: Severity,
    readonly root: boolean,
  ) {}

  join(relative: string, severity: Severity): void {
    this.beneath++;
    this.severity = graver(this.severity, severity);
    this.members.update(`${relative}\0`);
  }

  aspect(): string {
    return `world-writable:${this.severity}:${this.members.digest('hex').slice(0, 16)}`;
  }
}

/**
 * World-writable entries, one finding per topmost world-writable folder: a `chmod -R 777`
 * over a tree is one mistake, not sixty thousand. The severity is the gravest of the group.
 */
class WorldWritable {
  private readonly groups = new Map<string, Group>();

  add(path: string, type: string, root: boolean): void {
    const severity: Severity = root ? 'high' : WRITABLE_DIR.test(path) ? 'medium' : 'high';
    for (let folder = parentOf(path); folder !== ''; folder = parentOf(folder)) {
      const group = this.groups.get(folder);
      if (group) {
        group.join(path.slice(folder.length + 1), severity);
        return;
      }
    }
    const top = this.groups.get('.');
    if (top && !root) {
      top.join(path, severity);
      return;
    }
    this.groups.set(path, new Group(type, severity, root));
  }

  findings(): DraftFinding[] {
    const findings: DraftFinding[] = [];
    for (const [path, group] of this.groups) {
      const what = group.root ? 'The package root is' : group.type === 'dir' ? 'Folder is' : 'File is';
      findings.push(
        checkFinding({
          kind: 'permission',
          severity: group.severity,
          rule: 'world-writable',
          subject: path,
          // what the group holds is part of the risk: a new world-writable entry under it is a new finding
          aspect: group.aspect(),
          path,
          title: `${what} world-writable${group.beneath > 0 ? `, with ${group.beneath.toLocaleString('en-US')} world-writable entries beneath it` : ''}`,
          detail:
            group.severity === 'medium'
              ? 'a folder the store writes to, but any local user or another site’s PHP pool can change what is in it; use group write for the web user'
              : 'any local user or another site’s PHP pool can change this code; nothing in a release needs mode o+w',
        }),
      );
    }
    return findings;
  }
}
