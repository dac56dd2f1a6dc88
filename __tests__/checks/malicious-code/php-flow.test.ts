// The PHP flow analysis: request data followed to sinks through assignments, functions and
// names the file computes; and its bounds: every input, however shaped, costs work linear
// in its length and returns (no stack overflow, no hang), stopping where the budget ends.
import { describe, expect, it } from 'vitest';
import { phpFlow } from '../../../src/checks/malicious-code/php-flow.js';
import { lexPhp } from '../../../src/checks/malicious-code/php-lex.js';

const kinds = (code: string): string[] => phpFlow(code).hits.map((hit) => `${hit.kind}:${hit.name}:${hit.taint}`);

describe('php flow', () => {
  it('follows request data through assignments, parameters and returns to a sink', () => {
    expect(kinds(`<?php function run($c) { return passthru($c); } $x = $_GET['x']; run($x);`)).toContain('command:passthru:req');
    expect(kinds(`<?php function input() { return $_POST['p']; } eval(input());`)).toContain('code:eval:req');
    expect(kinds(`<?php $x = $_GET['x']; $y = intval($x); system('ls ' . $y);`)).toEqual([]);
  });

  it('computes names and code the file builds from literals', () => {
    expect(kinds(`<?php $f = 'as' . strrev('tres'); $f($_REQUEST['a']);`)).toContain('code:assert:req');
    expect(kinds(`<?php $g = \${'_' . 'GET'}; exec($g['c']);`)).toContain('command:exec:req');
    const flow = phpFlow(`<?php eval(base64_decode('${Buffer.from('system($_POST["c"]);').toString('base64')}'));`);
    expect(flow.hidden.map((h) => h.code)).toContain('system($_POST["c"]);');
    expect(flow.hits.some((hit) => hit.kind === 'command' && hit.depth === 1)).toBe(true);
  });

  it('reads escapes and heredocs, and skips comments and markup', () => {
    const toks = lexPhp(`<p>$_GET</p><?php // system($_GET[1])\n$a = "\\x73ys\\u{74}em"; $b = <<<EOT\nline $a\nEOT;\n`);
    expect(toks.filter((t) => t.k === 'var').map((t) => t.v)).toEqual(['a', 'b']);
    expect(toks.find((t) => t.k === 'str')?.v).toBe('system');
  });

  const shapes: Record<string, (n: number) => string> = {
    'nested parentheses': (n) => `<?php $a = ${'('.repeat(n)}1${')'.repeat(n)};`,
    'unclosed parentheses': (n) => `<?php eval(${'('.repeat(n)}`,
    'unary chains': (n) => `<?php $a = ${'-'.repeat(n)}1; $b = ${'@'.repeat(n)}$_GET['x']; eval($b);`,
    'chained assignments without an end': (n) => `<?php ${'$a = '.repeat(n)}$_POST['x']`,
    'nested closures of assignments': (n) => `<?php ${'$a = function() { '.repeat(n)}${'};'.repeat(n)}`,
    'nested function declarations': (n) => `<?php ${'function f(){ '.repeat(n)}${'}'.repeat(n)}`,
    'long string operations': (n) => `<?php $s = '${'ab'.repeat(n)}'; ${'$s = str_replace(array("a","b","c","d"), array("b","a","d","c"), $s . $s); '.repeat(40)} eval($s);`,
    'many unterminated escapes': (n) => `<?php $a = "${'\\u{'.repeat(n)}";`,
  };

  for (const [name, make] of Object.entries(shapes)) {
    it(`stays linear on ${name}`, () => {
      const small = make(2_000);
      const large = make(8_000);
      const a = phpFlow(small);
      const b = phpFlow(large);
      // work grows with the text, never faster than the budget allows (a fixed base, then a bound per character)
      expect(b.spent).toBeLessThanOrEqual(1_000_000 + 64 * large.length);
      expect(b.spent - a.spent).toBeLessThanOrEqual(64 * (large.length - small.length) + 1_000_000);
    });
  }

  it('stops at the budget on input shaped to cost more than linear work', () => {
    // every assignment's value runs to the end of the text: quadratic without a budget
    const flow = phpFlow(`<?php ${'$a = $b . '.repeat(40_000)}`);
    expect(flow.exhausted).toBe(true);
    expect(phpFlow(`<?php $x = $_GET['x']; echo htmlspecialchars($x);`).exhausted).toBe(false);
  });
});
