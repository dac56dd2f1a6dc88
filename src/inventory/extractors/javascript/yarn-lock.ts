// yarn.lock: yarn 1's own syntax, or YAML for yarn 2+ ("berry"), which starts with a
// `__metadata` block. yarn.lock records no dev flag, so packages carry none.
import { describeKind, isObject, isString } from '../../../util/shape.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { parseYamlDocuments } from '../../syntax/yaml-documents.js';
import { FormatError, decodeText } from '../../../util/decode.js';
import { aliasTarget, insideNodeModules, splitDescriptor } from './npm-names.js';
import { parseYarnV1 } from './yarn-v1-syntax.js';

const MIB = 1024 * 1024;

/**
 * Berry resolutions of local folders that are the project's own code, not published
 * packages: berry gives them the version `0.0.0-use.local`, which names no release.
 * (`file:` folders and tarballs carry the version of their package.json and are read.)
 */
const LOCAL_PROTOCOLS = new Set(['workspace', 'link', 'portal']);

export const yarnLockExtractor: Extractor = {
  name: 'javascript/yarn-lock',
  maxBytes: 64 * MIB,
  matches(path, base) {
    // a yarn.lock published inside a package lists how its author developed it, not what is installed
    return base === 'yarn.lock' && !insideNodeModules(path);
  },
  extract({ content }) {
    const text = decodeText(content, 'a yarn lockfile');
    return /^"?__metadata"?:/m.test(text) ? fromBerry(text) : fromV1(text);
  },
};

function fromV1(text: string): ExtractedPackage[] {
  const found: ExtractedPackage[] = [];
  for (const entry of parseYarnV1(text)) {
    const version = entry.fields.get('version');
    // yarn 1 writes a version for every entry, git and file ones too: one without is damage
    if (!isString(version)) throw new FormatError(`the entry at line ${entry.line} has no version`);
    const descriptor = splitDescriptor(entry.descriptors[0] ?? '');
    if (!descriptor) throw new FormatError(`the entry at line ${entry.line} does not start with name@range`);
    // `string-width-cjs@npm:string-width@^4.2.0` installs string-width. Git, `file:` and
    // `link:` entries carry the version of the package.json they found and are read:
    // a vendored copy of a published package is that package.
    const name = aliasTarget(descriptor.spec)?.name ?? descriptor.name;
    found.push({ ecosystem: 'npm', name, version });
  }
  return found;
}

function fromBerry(text: string): ExtractedPackage[] {
  const documents = parseYamlDocuments(text);
  if (documents.length !== 1) throw new FormatError(`it holds ${documents.length} YAML documents, not one`);
  const lock = documents[0];
  if (!isObject(lock)) throw new FormatError(`it is not a yarn lockfile: the top level is ${describeKind(lock)}, not a map`);
  const metadata = lock['__metadata'];
  if (!isObject(metadata) || !isString(metadata['version'])) throw new FormatError('its __metadata is not a map with the lockfile version');
  const found: ExtractedPackage[] = [];
  let index = 0;
  for (const [key, value] of Object.entries(lock)) {
    index++;
    if (key === '__metadata') continue;
    const where = `entry ${index}`;
    if (!isObject(value)) throw new FormatError(`${where} is ${describeKind(value)}, not a map`);
    const version = value['version'];
    const resolution = value['resolution'];
    if (!isString(version) || version === '') throw new FormatError(`${where} has no version`);
    if (!isString(resolution)) throw new FormatError(`${where} has no resolution`);
    // the resolution names the package actually fetched: aliases and patches resolve to it
    // (`string-width@npm:4.2.3`, `resolve@patch:resolve@npm%3A1.22.1#…`)
    const resolved = splitDescriptor(resolution);
    if (!resolved) throw new FormatError(`the resolution of ${where} is not name@reference`);
    const protocol = resolved.spec.slice(0, resolved.spec.indexOf(':'));
    if (LOCAL_PROTOCOLS.has(protocol)) continue;
    found.push({ ecosystem: 'npm', name: resolved.name, version });
  }
  return found;
}
