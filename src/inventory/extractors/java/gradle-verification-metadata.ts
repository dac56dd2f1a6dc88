import { FormatError, decodeText } from '../../../util/decode.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { xmlElements } from '../../syntax/xml-elements.js';

const FILE = 'gradle/verification-metadata.xml';

/**
 * Gradle's dependency verification file, `gradle/verification-metadata.xml`: every
 * module the build downloads, as `<component group name version>` under
 * `<components>`. It cannot tell what the application ships from what the build or
 * the tests use (plugins, test libraries are components too), so it says nothing
 * about `dev`; a gradle.lockfile beside it does.
 */
export const gradleVerificationMetadataExtractor: Extractor = {
  name: 'java/gradle-verification-metadata',
  maxBytes: 32 * 1024 * 1024,
  matches: (path, base) =>
    base === 'verification-metadata.xml' && path.endsWith(FILE) && (path.length === FILE.length || path.charCodeAt(path.length - FILE.length - 1) === 47),
  extract({ content }) {
    const elements = xmlElements(decodeText(content, 'verification-metadata.xml'));
    if (elements[0]?.path[0] !== 'verification-metadata') throw new FormatError('not Gradle verification metadata: the root element is not <verification-metadata>');
    const found: ExtractedPackage[] = [];
    let index = 0;
    for (const { path, attributes } of elements) {
      if (path.length !== 3 || path[1] !== 'components' || path[2] !== 'component') continue;
      index++;
      const group = attributes.get('group');
      const name = attributes.get('name');
      const version = attributes.get('version');
      if (!group || !name || !version) throw new FormatError(`<component> ${index} lacks its group, name or version`);
      found.push({ ecosystem: 'Maven', name: `${group}:${name}`, version });
    }
    return found;
  },
};
