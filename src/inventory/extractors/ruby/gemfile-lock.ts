import type { ExtractInput, ExtractedPackage, Extractor } from '../extractor.js';
import { FormatError, decodeText } from '../../../util/decode.js';

/** Sections whose `specs:` list gems that are installed: from a gem server, git, a path, a plugin source. */
const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
/** A gem under `specs:` (four spaces); Bundler's own split: the version stops at the first `-`, the platform follows. */
const SPEC = /^ {4}(?! )(\S+) \(([^-)\s]+)(?:-([^)\s]+))?\)$/;

/**
 * Gemfile.lock (and gems.locked), as Bundler writes it: sections at column 0, a source's
 * gems under `  specs:` at four spaces, each gem's own dependencies at six. A gem built
 * for a platform is `nokogiri (1.15.4-x86_64-linux)`; its version is 1.15.4. The same gem
 * for several platforms is one package.
 */
export const gemfileLockExtractor: Extractor = {
  name: 'ruby/gemfile-lock',
  maxBytes: 16 * 1024 * 1024,
  matches: (_path, base) => base === 'Gemfile.lock' || base === 'gems.locked',
  extract({ content }: ExtractInput): ExtractedPackage[] {
    const lines = decodeText(content, 'Gemfile.lock').split(/\r\n|\r|\n/);
    const packages = new Map<string, ExtractedPackage>();
    let section: string | undefined;
    let inSpecs = false;
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      if (!line.startsWith(' ')) {
        if (!/^[A-Z][A-Z ]*$/.test(line)) throw new FormatError(`line ${index + 1} is not a Gemfile.lock section`);
        section = line;
        inSpecs = false;
        return;
      }
      if (section === undefined) throw new FormatError(`line ${index + 1}: an indented line before any section`);
      if (!SOURCE_SECTIONS.has(section)) return;
      if (/^ {2}\S/.test(line)) {
        inSpecs = line === '  specs:';
        return;
      }
      if (!inSpecs || line.startsWith('      ')) return; // a gem's dependencies
      const spec = SPEC.exec(line);
      if (!spec?.[1] || !spec[2]) throw new FormatError(`line ${index + 1} is not a gem and version`);
      const key = `${spec[1]}@${spec[2]}`;
      if (!packages.has(key)) packages.set(key, { ecosystem: 'RubyGems', name: spec[1], version: spec[2] });
    });
    if (section === undefined && packages.size === 0) throw new FormatError('it has no sections: it is not a Gemfile.lock');
    return [...packages.values()];
  },
};
