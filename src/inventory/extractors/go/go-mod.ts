import { FormatError, decodeText } from '../../../util/decode.js';
import { closingQuote } from '../../syntax/quoted-string.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';

// go.mod as the go command reads it: one directive a line, or a block of them in
// `verb ( … )`; `//` comments; quoted or back-quoted tokens. A directive the go command
// does not know means the file is not a go.mod, and is reported.
const DIRECTIVES = new Set(['module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);
/** `./x`, `../x`, `/x`, `C:\x`: a replacement by a folder, not a module version. */
const LOCAL_PATH = /^(?:\.\.?(?:[/\\]|$)|\/|[A-Za-z]:[/\\])/;
const GO_VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;
const MODULE_VERSION = /^v\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.+-]*)?$/;

interface Replacement {
  oldPath: string;
  oldVersion: string | undefined;
  newPath: string;
  newVersion: string | undefined;
}

/**
 * The modules go.mod requires, direct and `// indirect`, with `replace` applied: a
 * module replaced by another module version is reported as that module at that
 * version (the code that is built). A module replaced by a local folder is reported as
 * the module and version it replaces: the folder has no version of its own, and a
 * local fork is that release plus patches, so the release's advisories are the ones to
 * review (an advisory that no longer applies can be accepted; a module dropped from the
 * inventory cannot be checked at all).
 *
 * The standard library is reported as `stdlib` at the `toolchain` version, or else the
 * `go` version: the oldest Go the module builds with, so a lower bound of the Go that
 * built it. Versions keep Go's `v` prefix (`v1.2.3`, `stdlib` `v1.21.5`).
 */
export const goModExtractor: Extractor = {
  name: 'go/go-mod',
  maxBytes: 4 * 1024 * 1024,
  matches: (_path, base) => base === 'go.mod',
  extract({ content }) {
    const requires: { path: string; version: string }[] = [];
    const replacements: Replacement[] = [];
    let goVersion: string | undefined;
    let toolchain: string | undefined;

    const directive = (verb: string, args: string[], line: number): void => {
      const fail = (problem: string): never => {
        throw new FormatError(`line ${line}: ${verb} ${problem}`);
      };
      switch (verb) {
        case 'module':
          if (args.length !== 1) fail('takes one module path');
          break;
        case 'go':
          if (args.length !== 1 || !GO_VERSION.test(args[0] ?? '')) fail('takes one Go version (1.21.5)');
          goVersion = args[0];
          break;
        case 'toolchain': {
          const name = args[0] ?? '';
          if (args.length !== 1 || (name !== 'default' && !GO_VERSION.test(toolchainVersion(name)))) fail('takes one toolchain name (go1.21.5)');
          if (name !== 'default') toolchain = toolchainVersion(name);
          break;
        }
        case 'require': {
          const [path = '', version = ''] = args;
          if (args.length !== 2) fail('takes a module path and a version');
          if (!MODULE_VERSION.test(version)) fail('has a version that is not a module version (v1.2.3)');
          requires.push({ path, version });
          break;
        }
        case 'replace': {
          const arrow = args.indexOf('=>');
          if (arrow !== 1 && arrow !== 2) fail('takes `module [version] => replacement [version]`');
          const right = args.slice(arrow + 1);
          const newPath = right[0] ?? '';
          const local = LOCAL_PATH.test(newPath);
          if (right.length !== (local ? 1 : 2)) fail(local ? 'to a local folder takes no version' : 'to a module needs one version');
          replacements.push({ oldPath: args[0] ?? '', oldVersion: arrow === 2 ? args[1] : undefined, newPath, newVersion: local ? undefined : right[1] });
          break;
        }
        default:
          // exclude, retract, godebug, tool, ignore: nothing they say changes what is built
          break;
      }
    };

    const lines = decodeText(content, 'go.mod').split(/\r?\n/);
    let block: { verb: string; line: number } | undefined;
    for (const [index, text] of lines.entries()) {
      const line = index + 1;
      const tokens = tokenize(text, line);
      if (tokens.length === 0) continue;
      if (block) {
        if (tokens.length === 1 && tokens[0] === ')') block = undefined;
        else directive(block.verb, tokens, line);
        continue;
      }
      const [verb = '', ...args] = tokens;
      if (!DIRECTIVES.has(verb)) throw new FormatError(`line ${line} does not start with a go.mod directive`);
      if (args.length === 1 && args[0] === '(') block = { verb, line };
      else if (!(args.length === 2 && args[0] === '(' && args[1] === ')')) directive(verb, args, line);
    }
    if (block) throw new FormatError(`line ${block.line}: the ${block.verb} block is never closed`);

    const found = new Map<string, ExtractedPackage>();
    const add = (name: string, version: string): void => {
      found.set(`${name}@${version}`, { ecosystem: 'Go', name, version });
    };
    for (const { path, version } of requires) {
      const replacement =
        replacements.find((r) => r.oldPath === path && r.oldVersion === version) ?? replacements.find((r) => r.oldPath === path && r.oldVersion === undefined);
      if (replacement?.newVersion !== undefined) add(replacement.newPath, replacement.newVersion);
      else add(path, version);
    }
    const stdlib = toolchain ?? goVersion;
    if (stdlib) add('stdlib', goVersionAsSemver(stdlib));
    return [...found.values()];
  },
};

/** Go's release names as module versions: 1.21.5 → v1.21.5, 1.17 → v1.17, 1.21rc2 → v1.21.0-rc.2. */
function goVersionAsSemver(version: string): string {
  const match = GO_VERSION.exec(version);
  if (!match) return `v${version}`;
  const [, major, minor, patch, pre, preNumber] = match;
  if (pre) return `v${major ?? ''}.${minor ?? ''}.${patch ?? '0'}-${pre}.${preNumber ?? ''}`;
  return `v${version}`;
}

/** The tokens of one line: words, quoted strings unquoted, `(` and `)` on their own; comments dropped. */
function tokenize(text: string, line: number): string[] {
  const tokens: string[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at] ?? '';
    if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') at++;
    else if (text.startsWith('//', at)) break;
    else if (c === '(' || c === ')') {
      tokens.push(c);
      at++;
    } else if (c === '"' || c === '`') {
      const end = c === '`' ? text.indexOf('`', at + 1) : closingQuote(text, at);
      if (end < 0) throw new FormatError(`line ${line}: a quoted string is not closed`);
      const raw = text.slice(at + 1, end);
      tokens.push(c === '`' ? raw : raw.replace(/\\(.)/g, '$1'));
      at = end + 1;
    } else {
      let end = at;
      while (end < text.length && !/[\s()"`]/.test(text[end] ?? '') && !text.startsWith('//', end)) end++;
      tokens.push(text.slice(at, end));
      at = end;
    }
  }
  return tokens;
}

/** `go1.21.5-custom` → `1.21.5`: the version of a toolchain name. */
function toolchainVersion(name: string): string {
  const version = name.startsWith('go') ? name.slice(2) : name;
  const dash = version.indexOf('-');
  return dash < 0 ? version : version.slice(0, dash);
}
