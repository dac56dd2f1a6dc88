import { endsWithSegments } from '../../../util/path-segments.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { normalizePypiName } from './pypi-name.js';
import { FormatError, decodeText } from '../../../util/decode.js';

// pip's requirements file format, read the way pip reads it (pip/_internal/req/req_file.py):
// lines ending in a backslash are joined first, all their trailing backslashes dropped;
// then comments (a `#` at the start or after whitespace) go; then the words before the
// first one starting with `-` are the requirement and the rest are its options (--hash).
//
// Only exact pins (`==`, `===`) say which version is installed. A range (`>=4.1`) or a
// bare name says nothing of it, so it yields no package rather than a guessed one: a
// guess would report the vulnerabilities of a version that is not there.
// `-r other.txt` is not followed here: an extractor sees one entry. A file of this name
// is read on its own wherever it is; one of another name (`-r common.txt`) is read
// because a requirements file names it (requirements-includes.ts), with these functions.

const URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const PATH = /^(?:\.|\/|~|[A-Za-z]:[\\/])|[\\/]/;
const ARCHIVE = /\.(?:whl|zip|tar|tgz|tbz|txz|tlz|tar\.gz|tar\.bz2|tar\.xz|tar\.lz|tar\.lzma)$/i;
const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;
const CLAUSE = /^\s*(===|==|~=|!=|<=|>=|<|>)\s*([^\s,;()]+)\s*$/;

/** requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements/base.txt. */
export const requirementsTxtExtractor: Extractor = {
  name: 'python/requirements-txt',
  maxBytes: 8 * 1024 * 1024,
  matches: (path, base) =>
    base.endsWith('.txt') &&
    (base.startsWith('requirements') || base.endsWith('requirements.txt') || endsWithSegments(path, `requirements/${base}`)),
  extract({ content }: ExtractInput): ExtractedPackage[] {
    return readRequirements(content).packages;
  },
};

/** What one requirements file says: the packages it pins and the files it includes with `-r`. */
export interface RequirementsFile {
  packages: ExtractedPackage[];
  /** `-r` / `--requirement` arguments as written (relative to the file's own folder, or URLs). */
  includes: string[];
}

/** Reads a requirements file; throws FormatError when a line is not pip's format. */
export function readRequirements(content: Buffer): RequirementsFile {
  const packages: ExtractedPackage[] = [];
  const includes: string[] = [];
  for (const { line, text } of logicalLines(decodeText(content, 'a requirements file'))) {
    const requirement = requirementPart(text);
    if (requirement === '') {
      // an option line: -r, -c, -e, --index-url, ...
      const include = includeOf(text);
      if (include !== undefined) includes.push(include);
      continue;
    }
    const pin = pinnedRequirement(requirement, line);
    if (pin) packages.push({ ecosystem: 'PyPI', name: normalizePypiName(pin.name), version: pin.version });
  }
  return { packages, includes };
}

/** The file of `-r x`, `-rx`, `--requirement x`, `--requirement=x`; constraints (`-c`) install nothing. */
function includeOf(line: string): string | undefined {
  const option = /^(?:-r\s*|--requirement(?:\s*=\s*|\s+))(\S.*)$/.exec(line);
  return option?.[1]?.trim();
}

interface LogicalLine {
  /** Where it starts, 1-based. */
  line: number;
  text: string;
}

/** The line up to a `#` that starts it or follows white space (pip's comment rule), found without backtracking. */
function withoutComment(line: string): string {
  for (let at = line.indexOf('#'); at >= 0; at = line.indexOf('#', at + 1)) {
    if (at === 0 || /\s/.test(line.charAt(at - 1))) return line.slice(0, at);
  }
  return line;
}

/** The line without the backslashes that start or end it (a continuation). */
function trimBackslashes(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && line.charCodeAt(start) === 0x5c) start++;
  while (end > start && line.charCodeAt(end - 1) === 0x5c) end--;
  return line.slice(start, end);
}

/** Lines joined at trailing backslashes, comments removed, blank lines dropped. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const push = (line: number, joined: string): void => {
    const stripped = withoutComment(joined).trim();
    if (stripped !== '') out.push({ line, text: stripped });
  };
  let pending: string[] | undefined;
  let pendingLine = 0;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const isComment = /^\s*#/.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      const line = isComment ? ` ${raw}` : raw;
      if (pending) {
        pending.push(line);
        push(pendingLine, pending.join(''));
        pending = undefined;
      } else {
        push(index + 1, line);
      }
    } else {
      if (!pending) {
        pending = [];
        pendingLine = index + 1;
      }
      pending.push(trimBackslashes(raw));
    }
  });
  if (pending) push(pendingLine, pending.join(''));
  return out;
}

/** The words before the first option (`--hash=...`, `--global-option`), as pip splits them. */
function requirementPart(line: string): string {
  const words: string[] = [];
  for (const word of line.split(/[ \t]/)) {
    if (word.startsWith('-')) break;
    words.push(word);
  }
  return words.join(' ').trim();
}

/** The name and pinned version of a PEP 508 requirement; undefined when it pins none. */
function pinnedRequirement(requirement: string, line: number): { name: string; version: string } | undefined {
  // a URL, a path or an archive file: no version that can be told from the line
  if (URL.test(requirement)) return undefined;
  const name = NAME.exec(requirement);
  if (!name?.[1]) {
    if (PATH.test(requirement)) return undefined;
    throw new FormatError(`line ${line} is not a requirement`);
  }
  let rest = requirement.slice(name[0].length);
  if (rest.startsWith('@')) return undefined; // name @ url: a direct reference
  if ((PATH.test(requirement) || ARCHIVE.test(requirement)) && !/^(?:[=~!<>(;]|$)/.test(rest)) return undefined;
  const marker = rest.indexOf(';');
  if (marker >= 0) rest = rest.slice(0, marker);
  rest = rest.trim();
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
  if (rest === '') return undefined; // a bare name: any version
  let pinned: string | undefined;
  for (const clause of rest.split(',')) {
    const parsed = CLAUSE.exec(clause);
    if (!parsed?.[1] || !parsed[2]) throw new FormatError(`line ${line} has a version specifier that is not PEP 440`);
    if ((parsed[1] === '==' || parsed[1] === '===') && !parsed[2].includes('*')) pinned ??= parsed[2];
  }
  return pinned === undefined ? undefined : { name: name[1], version: pinned };
}
