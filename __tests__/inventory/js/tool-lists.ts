// What each package manager itself says it installed (its list command's JSON, saved
// by __tests__/fixtures/js/make-fixtures.sh), as name@version → dev and install paths.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, isString, type JsonObject } from '../../../src/util/shape.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/js');

export interface Listed {
  /** Every place the tool reached it from is a devDependency subtree. */
  dev: boolean;
  /** Install folders the tool names (npm and pnpm), relative to the project. */
  paths: Set<string>;
}

export type ToolList = Map<string, Listed>;

export function readFixture(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

function readJson(path: string): unknown {
  return JSON.parse(readFixture(path).toString('utf8'));
}

function object(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw new Error(`${what} is not an object`);
  return value;
}

function add(list: ToolList, name: string, version: string, dev: boolean, path?: string): void {
  const key = `${name}@${version}`;
  const listed = list.get(key) ?? { dev: true, paths: new Set<string>() };
  listed.dev &&= dev;
  if (path !== undefined) listed.paths.add(path.replace(/^\.\//, ''));
  list.set(key, listed);
}

/** npm's aliases, from the project's package.json: `string-width-cjs` → `string-width`. */
export function projectAliases(): Map<string, string> {
  const manifest = object(readJson('project/package.json'), 'project/package.json');
  const aliases = new Map<string, string>();
  for (const group of ['dependencies', 'devDependencies']) {
    for (const [name, spec] of Object.entries(object(manifest[group], group))) {
      const match = isString(spec) ? /^npm:((?:@[^/]+\/)?[^@]+)@/.exec(spec) : null;
      if (match?.[1]) aliases.set(name, match[1]);
    }
  }
  return aliases;
}

/**
 * `npm ls --all --long --json` of npm 7+ (`name` is the real name under an alias key,
 * `dev: true` marks development dependencies, `path` the folder), or npm 6's
 * `npm ls --json`, which marks nothing: there the root's devDependencies say which
 * subtrees are dev, and `from` spells an alias `alias@npm:real@range`.
 */
export function npmLs(path: string, marksDev: boolean): ToolList {
  const list: ToolList = new Map();
  const root = object(readJson(path), path);
  const devRoots = new Set(Object.keys(object(object(readJson('project/package.json'), 'project')['devDependencies'], 'devDependencies')));
  const walk = (dependencies: unknown, inheritedDev: boolean | undefined): void => {
    if (dependencies === undefined) return;
    for (const [key, value] of Object.entries(object(dependencies, `dependencies in ${path}`))) {
      const node = object(value, key);
      if (!isString(node['version'])) throw new Error(`${path}: ${key} has no version`);
      const alias = isString(node['from']) ? /^[^@]+@npm:((?:@[^/]+\/)?[^@]+)@/.exec(node['from'])?.[1] : undefined;
      const name = isString(node['name']) ? node['name'] : (alias ?? key);
      const dev = marksDev ? node['dev'] === true : (inheritedDev ?? devRoots.has(key));
      add(list, name, node['version'], dev, isString(node['path']) ? node['path'] : undefined);
      walk(node['dependencies'], dev);
    }
  };
  walk(root['dependencies'], undefined);
  return list;
}

/** yarn 1's `yarn list --json`: a tree of `name@version`; `shadow` children only point at a hoisted one. */
export function yarnList(path: string): ToolList {
  const aliases = projectAliases();
  const list: ToolList = new Map();
  const walk = (trees: unknown): void => {
    if (!Array.isArray(trees)) return;
    for (const tree of trees) {
      const node = object(tree, 'tree');
      if (node['shadow'] === true || !isString(node['name'])) continue;
      const at = node['name'].lastIndexOf('@');
      const installedAs = node['name'].slice(0, at);
      add(list, aliases.get(installedAs) ?? installedAs, node['name'].slice(at + 1), false);
      walk(node['children']);
    }
  };
  walk(object(object(readJson(path), path)['data'], 'data')['trees']);
  return list;
}

/** yarn 4's `yarn info --all --recursive --json`: one JSON object a line, `value` the locator. */
export function yarnInfo(path: string): ToolList {
  const list: ToolList = new Map();
  for (const line of readFixture(path).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = object(JSON.parse(line), 'line');
    const locator = record['value'];
    const version = object(record['children'], 'children')['Version'];
    if (!isString(locator) || !isString(version)) throw new Error(`${path}: a line without value or Version`);
    const at = locator.indexOf('@', 1);
    if (locator.slice(at + 1).startsWith('workspace:')) continue; // the project itself
    add(list, locator.slice(0, at), version, false);
  }
  return list;
}

/** `pnpm list --depth Infinity --json`: `from` is the real name under an alias, `path` the virtual store folder. */
export function pnpmList(path: string): ToolList {
  const list: ToolList = new Map();
  const walk = (dependencies: unknown, dev: boolean): void => {
    if (dependencies === undefined) return;
    for (const [key, value] of Object.entries(object(dependencies, 'dependencies'))) {
      const node = object(value, key);
      if (!isString(node['version'])) throw new Error(`${path}: ${key} has no version`);
      const name = isString(node['from']) ? node['from'] : key;
      add(list, name, node['version'], dev, isString(node['path']) ? node['path'] : undefined);
      walk(node['dependencies'], dev);
      walk(node['optionalDependencies'], dev);
    }
  };
  const projects: unknown = readJson(path);
  if (!Array.isArray(projects)) throw new Error(`${path} is not a list of projects`);
  for (const project of projects) {
    const root = object(project, 'project');
    walk(root['dependencies'], false);
    walk(root['optionalDependencies'], false);
    walk(root['devDependencies'], true);
  }
  return list;
}
