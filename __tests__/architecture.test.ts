// The tree reads as the pipeline: every import in src/ runs from a stage to itself or
// to one below it, never upward, and inventory and checks (siblings fed by the same
// pass) never import each other. The README's map names every folder and top-level file.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Bottom to top; a module may import its own unit and any layer below. */
const LAYERS: readonly (readonly string[])[] = [
  ['model.ts', 'errors.ts', 'limits.ts', 'version.ts', 'util'],
  ['findings'],
  ['read'],
  ['pass'],
  ['inventory', 'checks'],
  ['advisories'],
  ['baseline'],
  ['policy'],
  ['report'],
  ['inspect.ts'],
  ['scan.ts'],
  ['run'],
  ['action', 'cli'],
];

const SRC = resolve('src');

async function sources(dir = SRC): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}

/** The top-level folder or file of src/ a module belongs to. */
function unitOf(file: string): string {
  return relative(SRC, file).split('/')[0] ?? '';
}

function layerOf(unit: string): number {
  const layer = LAYERS.findIndex((units) => units.includes(unit));
  if (layer < 0) throw new Error(`src/${unit} is in no layer of the architecture test: place it`);
  return layer;
}

async function relativeImports(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts')));
}

describe('the layers of src/', () => {
  it('no module imports a stage above its own, or a sibling it must stay apart from', async () => {
    const wrong: string[] = [];
    for (const file of await sources()) {
      const from = unitOf(file);
      for (const target of await relativeImports(file)) {
        const to = unitOf(target);
        if (from === to) continue;
        // units of one layer stand side by side (inventory and checks, the two faces): only the foundations lean on each other
        if (layerOf(to) > layerOf(from) || (layerOf(to) === layerOf(from) && layerOf(from) > 0)) {
          wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the README architecture map lists every folder and top-level file of src/, and nothing else', async () => {
    const readme = await readFile('README.md', 'utf8');
    const map = /## Architecture\n[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const listed = [...map.matchAll(/^ {2}(\S+)/gm)].map((match) => (match[1] as string).replace(/\/$/, ''));
    const actual = (await readdir(SRC, { withFileTypes: true })).map((entry) => entry.name).sort();
    expect([...listed].sort()).toEqual(actual);
  });
});
