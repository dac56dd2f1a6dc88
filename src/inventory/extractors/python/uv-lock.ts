import { FormatError } from '../../../util/decode.js';
import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { isTomlTable, lockPackages, requiredString } from './python-lock-toml.js';
import { normalizePypiName } from './pypi-name.js';
import type { TomlTable, TomlValue } from '../../syntax/toml-reader.js';

/**
 * uv.lock. Every package is a `[[package]]` with `name`, `version` and `source`; the
 * project itself and its workspace members are among them (source `virtual` or
 * `editable`), and are listed too: a project published on PyPI (Saleor, say) has
 * advisories of its own.
 *
 * uv does not mark development packages; it records the graph. A package is for
 * development when it is reached from a workspace member's `dev-dependencies` groups
 * and not from its `dependencies` or `optional-dependencies`.
 */
export const uvLockExtractor: Extractor = {
  name: 'python/uv-lock',
  maxBytes: 64 * 1024 * 1024,
  matches: (_path, base) => base === 'uv.lock',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const { document, packages } = lockPackages(content, 'uv.lock');
    if (typeof document['version'] !== 'number') throw new FormatError('it has no lock `version`: it is not a uv.lock');
    const nodes = packages.map((table, index) => node(table, index));
    const dev = developmentOnly(nodes);
    const out: ExtractedPackage[] = [];
    for (const n of nodes) {
      if (n.version === undefined) continue;
      const pkg: ExtractedPackage = { ecosystem: 'PyPI', name: n.name, version: n.version };
      const isDev = dev.get(n);
      if (isDev !== undefined) pkg.dev = isDev;
      out.push(pkg);
    }
    return out;
  },
};

interface Node {
  name: string;
  version: string | undefined;
  member: boolean;
  runtime: Edge[];
  development: Edge[];
}

interface Edge {
  name: string;
  version: string | undefined;
}

function node(table: TomlTable, index: number): Node {
  const name = normalizePypiName(requiredString(table, 'name', index));
  const source = table['source'];
  const member = isTomlTable(source) && (source['virtual'] !== undefined || source['editable'] !== undefined);
  // a workspace member with a dynamic version has none in the lock; a registry package always has one
  const version = typeof table['version'] === 'string' ? table['version'] : undefined;
  if (version === undefined && !member) requiredString(table, 'version', index);
  return {
    name,
    version,
    member,
    runtime: [...edges(table['dependencies']), ...groupEdges(table['optional-dependencies'])],
    development: groupEdges(table['dev-dependencies']),
  };
}

function edges(value: TomlValue | undefined): Edge[] {
  if (!Array.isArray(value)) return [];
  const out: Edge[] = [];
  for (const item of value) {
    if (!isTomlTable(item) || typeof item['name'] !== 'string') continue;
    out.push({ name: normalizePypiName(item['name']), version: typeof item['version'] === 'string' ? item['version'] : undefined });
  }
  return out;
}

function groupEdges(value: TomlValue | undefined): Edge[] {
  if (!isTomlTable(value)) return [];
  return Object.values(value).flatMap(edges);
}

/** Per package: reached only through development groups (true), at run time (false), or not at all (absent). */
function developmentOnly(nodes: Node[]): Map<Node, boolean> {
  const byName = new Map<string, Node[]>();
  for (const n of nodes) byName.set(n.name, [...(byName.get(n.name) ?? []), n]);
  const targets = (edge: Edge): Node[] => (byName.get(edge.name) ?? []).filter((n) => edge.version === undefined || n.version === edge.version);
  const walk = (start: Node[], seen: Set<Node>): void => {
    const stack = [...start];
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (seen.has(n)) continue;
      seen.add(n);
      for (const edge of n.runtime) stack.push(...targets(edge));
    }
  };
  const members = nodes.filter((n) => n.member);
  const runtime = new Set<Node>();
  walk(members, runtime);
  const development = new Set<Node>();
  walk(
    members.flatMap((m) => m.development.flatMap(targets)),
    development,
  );
  const out = new Map<Node, boolean>();
  if (members.length === 0) return out;
  for (const n of nodes) {
    if (runtime.has(n)) out.set(n, false);
    else if (development.has(n)) out.set(n, true);
  }
  return out;
}
