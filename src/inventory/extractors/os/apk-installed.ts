import { FormatError, decodeText } from '../../../util/decode.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';

const INSTALLED = 'lib/apk/db/installed';
/** Every line of the database is one letter, a colon and a value. */
const LINE = /^([A-Za-z]):(.*)$/;

/**
 * Alpine packages of a system tree: apk's `lib/apk/db/installed`, one stanza a package
 * separated by blank lines, `P:` the name, `V:` the version. Alpine's security database
 * is keyed by the origin (source) package, `o:`, and every subpackage carries its
 * origin's version, so the origin becomes an alias when it is another name.
 * A line that is not `X:value`, or a package without its name or version, makes the
 * file a parse error.
 */
export const apkInstalledExtractor: Extractor = {
  name: 'os/apk-installed',
  installed: true,
  maxBytes: 64 * 1024 * 1024,
  matches: (path, base) => base === 'installed' && path.endsWith(INSTALLED) && (path.length === INSTALLED.length || path.charCodeAt(path.length - INSTALLED.length - 1) === 47),
  extract({ content }) {
    const found: ExtractedPackage[] = [];
    let stanza: Map<string, string> | undefined;
    let start = 0;
    const finish = (): void => {
      if (!stanza) return;
      const name = stanza.get('P');
      const version = stanza.get('V');
      if (!name) throw new FormatError(`the package at line ${start} has no name (P:)`);
      if (!version) throw new FormatError(`the package at line ${start} has no version (V:)`);
      const pkg: ExtractedPackage = { ecosystem: 'Alpine', name, version };
      const origin = stanza.get('o');
      if (origin && origin !== name) pkg.aliases = [origin];
      found.push(pkg);
      stanza = undefined;
    };
    const lines = decodeText(content, 'an apk database').split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      if (line === '') {
        finish();
        continue;
      }
      const match = LINE.exec(line);
      if (!match) throw new FormatError(`line ${index + 1} is not an apk database line (X:value)`);
      const [, key = '', value = ''] = match;
      if (!stanza) {
        stanza = new Map();
        start = index + 1;
      }
      // file lists repeat their letters; the package's own fields appear once
      if ((key === 'P' || key === 'V' || key === 'o') && stanza.has(key)) throw new FormatError(`line ${index + 1}: ${key}: appears twice in one package`);
      if (!stanza.has(key)) stanza.set(key, value);
    }
    finish();
    return found;
  },
};
