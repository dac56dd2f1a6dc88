import { describe, expect, it } from 'vitest';
import { parseToml } from '../../../src/inventory/syntax/toml-reader.js';

/** Compare through JSON: tables are null-prototype objects. */
function read(text: string): unknown {
  return JSON.parse(JSON.stringify(parseToml(text))) as unknown;
}

describe('the TOML reader', () => {
  it('reads strings of every kind', () => {
    const doc = [
      String.raw`basic = "tab\there \"quoted\" \u00e9 \U0001F600"`,
      String.raw`literal = 'C:\Users\no\escapes'`,
      'multi = """',
      'Roses are red',
      String.raw`  Violets are \ `,
      '     blue"""',
      'quotes = """two ""inner"" and one at the end""""',
      "raw = '''",
      String.raw`first newline trimmed \n kept'''`,
    ].join('\n');
    expect(read(doc)).toEqual({
      basic: 'tab\there "quoted" é 😀',
      literal: String.raw`C:\Users\no\escapes`,
      multi: 'Roses are red\n  Violets are blue',
      quotes: 'two ""inner"" and one at the end"',
      raw: String.raw`first newline trimmed \n kept`,
    });
  });

  it('reads numbers, booleans and dates (as text)', () => {
    expect(read('a = +99\nb = 1_000\nc = 0xff\nd = 0o17\ne = 0b101\nf = -3.5e2\ng = true\nh = 1979-05-27T07:32:00Z\ni = 1979-05-27 07:32:00\nj = 07:32:00\n')).toEqual({
      a: 99,
      b: 1000,
      c: 255,
      d: 15,
      e: 5,
      f: -350,
      g: true,
      // dates are kept as text (no lockfile field needs them as dates)
      h: '1979-05-27T07:32:00.000Z',
      i: '1979-05-27T07:32:00.000',
      j: '07:32:00.000',
    });
  });

  it('reads dotted and quoted keys, tables, arrays of tables and their sub-tables', () => {
    const doc = `
"quoted key" = 1
a . b.c = 2
[t]
x = [ 1, 2,
  # a comment in an array
  3, ]
inline = { p = { q = "r" }, list = ["s"] }
[[package]]
name = "one"
[package.source]
type = "git"
[[package.wheels]]
url = "w1"
[[package]]
name = "two"
`;
    expect(read(doc)).toEqual({
      'quoted key': 1,
      a: { b: { c: 2 } },
      t: { x: [1, 2, 3], inline: { p: { q: 'r' }, list: ['s'] } },
      package: [{ name: 'one', source: { type: 'git' }, wheels: [{ url: 'w1' }] }, { name: 'two' }],
    });
  });

  it('accepts inline tables over several lines (TOML 1.1, as uv writes them)', () => {
    expect(read('d = [\n  { name = "idna",\n    marker = "x" },\n]\n')).toEqual({ d: [{ name: 'idna', marker: 'x' }] });
  });

  it('keeps __proto__ a plain key', () => {
    const doc = parseToml('__proto__ = "x"\n[constructor]\nprototype = 1\n');
    expect(Object.keys(doc)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('refuses what is not TOML, naming the line', () => {
    expect(() => parseToml('a = 1\nb = \n')).toThrow(/it is not TOML: line 2: /);
    expect(() => parseToml('a = 1\na = 2\n')).toThrow(/it is not TOML: line 2: /);
    expect(() => parseToml('a = "open\n')).toThrow(/it is not TOML: line 1: /);
    expect(() => parseToml('[table\n')).toThrow(/it is not TOML: line 1: /);
    expect(() => parseToml('a = 1 b = 2\n')).toThrow(/it is not TOML: line \d+: /);
    expect(() => parseToml('a = [1, 2\n')).toThrow(/it is not TOML: line \d+: /);
    expect(() => parseToml('a = 1\n[[a]]\n')).toThrow(/it is not TOML: line \d+: /);
    expect(() => parseToml('a = "\\q"\n')).toThrow(/it is not TOML: line \d+: /);
    expect(() => parseToml('a = nope\n')).toThrow(/it is not TOML: line \d+: /);
  });
});
