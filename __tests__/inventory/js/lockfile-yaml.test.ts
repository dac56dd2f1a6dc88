import { FormatError } from '../../../src/util/decode.js';
// The fast YAML reader against the `yaml` library: wherever it reads a text, it must
// read it exactly as the library does (failsafe schema: every scalar a string), and it
// must give the rest up to the library.
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../../src/inventory/syntax/yaml-documents.js';
import { DuplicateKey, readLockfileYaml } from '../../../src/inventory/syntax/lockfile-yaml.js';
import { readFixture } from './tool-lists.js';

function byLibrary(text: string): unknown[] {
  const documents = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) expect(document.errors).toEqual([]);
  return list.length === 0 ? [null] : list.map((document) => document.toJS() as unknown);
}

/** Plain objects, so the comparison looks at content, not at prototypes. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

const IN_SUBSET: [string, string][] = [
  ['nested maps and blank lines', 'a:\n  b:\n\n    c: d\n  e: f\ng: h\n'],
  ['an empty value', 'a:\nb: c\n'],
  ['a key alone at the end', 'a: b\nc:\n'],
  ['comments everywhere', '# head\na: b # trailing\n  # indented comment\nc:   # after a key\n  d: e\n'],
  ['a plain scalar with # and : inside', 'url: https://example.com/x#sha\ntime: 12:30\n'],
  ['quoted keys and values', `"a b": 'c''d'\n'e:f': "g\\"h"\n"@scope/x@npm:1.0.0": "x@npm:1.0.0"\n`],
  ['scalars the core schema would type', 'a: 1.10\nb: true\nc: null\nd: ~\ne: 0o17\nf: 1e3\n'],
  ['flow maps and sequences', "r: {integrity: sha512-abc==, tarball: https://example.com/a.tgz}\ne: {node: '>=6', npm: ^7 || >=8}\no: [darwin, 'linux']\nx: {}\ny: []\nz: {a: {b: [c, d]}}\n"],
  ['block sequences', 'a:\n  - b\n  - "c"\n  - {d: e}\nf: g\n'],
  ['pnpm-style keys', "/acorn-jsx@5.3.2(acorn@8.7.0):\n  dev: false\nfile:../a-local-package:\n  name: x\n/@types/babel__core/7.1.14_x@1.0.0:\n  dev: true\n'@scope/y@1.0.0': {}\n"],
  ['CRLF line ends', 'a:\r\n  b: c\r\nd: e\r\n'],
  ['two documents', "---\nlockfileVersion: '9.0'\nimporters: {}\n---\nlockfileVersion: '9.0'\npackages: {}\n"],
  ['an empty text', ''],
  ['only comments', '# nothing\n'],
];

const BEYOND_SUBSET: [string, string][] = [
  ['anchors and aliases', 'a: &x b\nc: *x\n'],
  ['a block scalar', 'a: |\n  text\n'],
  ['a folded scalar', 'a: >\n  text\n'],
  ['a multi-line plain scalar', 'a: one\n  two\n'],
  ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
  ['a sequence of maps', 'a:\n  - b: c\n'],
  ['a sequence at the key indentation', 'a:\n- b\n'],
  ['tags', 'a: !!str b\n'],
  ['a YAML-only escape', 'a: "\\x41"\n'],
  ['a complex key', '? a\n: b\n'],
  ['a flow collection over several lines', 'a: {b: c,\n  d: e}\n'],
  ['a document end marker', 'a: b\n...\n'],
];

describe('the fast lockfile YAML reader', () => {
  it.each(IN_SUBSET)('reads %s as the library does', (_what, text) => {
    const fast = readLockfileYaml(text);
    expect(fast).toBeDefined();
    expect(plain(fast)).toEqual(plain(byLibrary(text)));
  });

  it.each(BEYOND_SUBSET)('gives %s up to the library', (_what, text) => {
    expect(readLockfileYaml(text)).toBeUndefined();
    expect(plain(parseYamlDocuments(text))).toEqual(plain(byLibrary(text)));
  });

  it.each(['pnpm-v5/pnpm-lock.yaml', 'pnpm-v6/pnpm-lock.yaml', 'pnpm-v9/pnpm-lock.yaml', 'yarn-berry/yarn.lock'])('reads the real %s whole, as the library does', (path) => {
    const text = readFixture(path).toString('utf8');
    const fast = readLockfileYaml(text);
    expect(fast).toBeDefined();
    expect(plain(fast)).toEqual(plain(byLibrary(text)));
  });

  it('refuses a key written twice, which the library also refuses', () => {
    expect(() => readLockfileYaml('a: 1\nb:\n  c: 2\n  c: 3\n')).toThrow(DuplicateKey);
    expect(() => parseYamlDocuments('a: 1\na: 2\n')).toThrow(FormatError);
  });

  it('keeps "__proto__" an ordinary key', () => {
    const [document] = readLockfileYaml('__proto__:\n  polluted: yes\n') ?? [];
    expect(Object.keys(document ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['an unclosed flow sequence', 'a: [b\nc: d\n'],
    ['tabs in indentation', 'a:\n\tb: c\n'],
    ['a plain value with ": " inside', 'a: b: c\n'],
  ])('leaves broken YAML (%s) to the library, which reports where', (_what, text) => {
    expect(readLockfileYaml(text)).toBeUndefined();
    expect(() => parseYamlDocuments(text)).toThrow(/not YAML: .* at line \d+, column \d+/);
  });
});
