import { describe, expect, it } from 'vitest';
import { PhpArray, parsePhpReturnLiteral, type PhpValue } from '../../../src/inventory/syntax/php-array-literal.js';

/** A parsed value as plain JSON: arrays become [key, value] pairs so order and keys both show. */
function plain(value: PhpValue): unknown {
  return value instanceof PhpArray ? value.entries.map(([k, v]) => [k, plain(v)]) : value;
}

describe('the PHP literal reader', () => {
  it('reads strings as PHP does: single quotes escape only \\\' and \\\\', () => {
    const value = parsePhpReturnLiteral(String.raw`<?php return array('it\'s', 'a\\b', 'kept \n as written', "tab\there \"q\" \$x");`);
    expect(plain(value)).toEqual([
      ['0', "it's"],
      ['1', 'a\\b'],
      ['2', 'kept \\n as written'],
      ['3', 'tab\there "q" $x'],
    ]);
  });

  it('reads both array syntaxes, implicit and explicit keys, scalars, comments and __DIR__ joins', () => {
    const value = parsePhpReturnLiteral(`<?php
      // a line comment
      # another
      return [
        'path' => __DIR__ . '/../symfony/console', /* a block comment */
        5 => NULL,
        'next',
        'flags' => array (TRUE, false, 1.5, -2),
      ];
      ?>
    `);
    expect(plain(value)).toEqual([
      ['path', '__DIR__/../symfony/console'],
      ['5', null],
      ['6', 'next'],
      ['flags', [['0', true], ['1', false], ['2', 1.5], ['3', -2]]],
    ]);
  });

  it('refuses anything but a literal, naming the line', () => {
    expect(() => parsePhpReturnLiteral('<?php\nreturn\n  foo();')).toThrow(/line 3: a value is not a literal/);
    expect(() => parsePhpReturnLiteral("<?php return array('a' . 1);")).toThrow(/not a string/);
    expect(() => parsePhpReturnLiteral("<?php return array(array() => 1);")).toThrow(/key must be a string or a number/);
    expect(() => parsePhpReturnLiteral("<?php return array('unterminated);")).toThrow(/does not close/);
    expect(() => parsePhpReturnLiteral('<?php return 1; /* open')).toThrow(/comment does not close/);
  });
});
