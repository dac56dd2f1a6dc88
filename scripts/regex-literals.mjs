// Every regular-expression literal in src/, found by the TypeScript parser (not by a
// pattern, which would trip over division and comments). Used by the review script and
// by __tests__/regex-safety.test.ts.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Each literal: `key` is `flags/source` with the flags that change matching (not g or y). */
export async function regexLiterals(root = 'src') {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const found = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const end = text.lastIndexOf('/');
        const flags = text.slice(end + 1).replace(/[gy]/g, '');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ key: `${flags}/${text.slice(1, end)}`, source: text.slice(1, end), flags, where: `${relative('.', file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
