import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { FormatError, decodeText } from '../../../util/decode.js';

// An installed gem's specification, `<gem home>/specifications/<name>-<version>.gemspec`
// (default gems under `specifications/default/`), is Ruby that RubyGems generated
// (Gem::Specification#to_ruby): `Gem::Specification.new do |s|` with `s.name = "rack".freeze`
// and `s.version = "2.2.3"`. It is read, not run. Old RubyGems wrote `%q{rack}` strings.
// The gemspec in a gem's own source tree (`spec.version = Foo::VERSION`) is not in a
// specifications folder and is not offered: it cannot be read without running Ruby.

const STRING = String.raw`(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|%[qQ]?(?:\{([^}]*)\}|\(([^)]*)\)|\[([^\]]*)\]|<([^>]*)>))`;
const BLOCK = /Gem::Specification\.new\s*(?:do\s*\|\s*(\w+)\s*\||\{\s*\|\s*(\w+)\s*\|)/;
/** `Gem::Specification.new "name", "version"`, the other constructor form. */
const CONSTRUCTOR = new RegExp(String.raw`Gem::Specification\.new\s*\(?\s*${STRING}\s*,\s*${STRING}`);

export const installedGemspecExtractor: Extractor = {
  name: 'ruby/installed-gemspec',
  installed: true,
  maxBytes: 4 * 1024 * 1024,
  matches: (path, base) => base.endsWith('.gemspec') && (path.startsWith('specifications/') || path.includes('/specifications/')),
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const ruby = decodeText(content, 'a gemspec');
    const constructed = CONSTRUCTOR.exec(ruby);
    if (constructed) {
      const [name, version] = stringsOf(constructed);
      if (name && version) return [{ ecosystem: 'RubyGems', name, version }];
    }
    const block = BLOCK.exec(ruby);
    const variable = block?.[1] ?? block?.[2];
    if (!block || !variable) throw new FormatError('it has no Gem::Specification.new block');
    const body = ruby.slice(block.index + block[0].length);
    const name = attribute(body, variable, 'name');
    const version = attribute(body, variable, 'version');
    if (!name) throw new FormatError('its specification block sets no name to a string');
    if (!version) throw new FormatError('its specification block sets no version to a string');
    return [{ ecosystem: 'RubyGems', name, version }];
  },
};

/** `s.name = "rack".freeze`: the first assignment of a string literal to the attribute. */
function attribute(body: string, variable: string, key: string): string | undefined {
  const assignment = new RegExp(String.raw`^[ \t]*${variable}\.${key}[ \t]*=[ \t]*${STRING}`, 'm').exec(body);
  return assignment ? stringsOf(assignment)[0] : undefined;
}

/** The string literals a match captured, in order (each literal has six alternative groups). */
function stringsOf(match: RegExpExecArray): string[] {
  const out: string[] = [];
  for (let i = 1; i < match.length; i += 6) {
    const value = match.slice(i, i + 6).find((group) => group !== undefined);
    if (value !== undefined) out.push(value.replace(/\\(.)/g, '$1'));
  }
  return out;
}
