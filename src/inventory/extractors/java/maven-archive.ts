import { FormatError } from '../../../util/decode.js';
import { DEFAULT_LIMITS } from '../../../limits.js';
import { ReadBudget, zipEntries, zipEntryContent, type ZipEntry } from '../../syntax/bounded-zip.js';
import type { ExtractedPackage, Extractor } from '../extractor.js';
import { parseJavaProperties } from '../../syntax/java-properties.js';

/** How much of a Java archive and the archives inside it the extractor will read. */
export interface MavenArchiveBounds {
  /** Largest .jar/.war/.ear entry of the package it reads (the whole entry is held in memory). */
  maxBytes: number;
  /** Archives inside archives: 1 reads WEB-INF/lib/x.jar of a war, 3 reads a!/b!/c.jar. */
  maxNestedDepth: number;
  /** Bytes inflated or copied out of the archive and everything inside it, together. */
  maxReadBytes: number;
  /** Largest pom.properties: Maven writes a few hundred bytes. */
  maxPropertiesBytes: number;
}

export const DEFAULT_MAVEN_ARCHIVE_BOUNDS: MavenArchiveBounds = {
  maxBytes: 512 * 1024 * 1024,
  maxNestedDepth: DEFAULT_LIMITS.maxNestedDepth,
  maxReadBytes: 1024 * 1024 * 1024,
  maxPropertiesBytes: 64 * 1024,
};

// Maven's archiver writes META-INF/maven/<groupId>/<artifactId>/pom.properties into
// every jar it builds, and shading plugins keep those of the jars they fold in.
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const ARCHIVE_SUFFIX = /\.(?:jar|war|ear)$/i;

/** Does this name end in .jar, .war or .ear (any case)? Cheap: one character test before the regex. */
function isJavaArchive(base: string): boolean {
  return base.length > 4 && base.charCodeAt(base.length - 4) === 46 /* . */ && ARCHIVE_SUFFIX.test(base);
}

/**
 * Maven packages of a .jar, .war or .ear of the package, from the pom.properties files
 * in it and in the archives inside it (WEB-INF/lib, BOOT-INF/lib, an ear's modules),
 * down to a bounded depth and a bounded number of bytes read. Each package's location
 * is the chain of nested archives it was found in (`WEB-INF/lib/a.jar!/lib/b.jar`).
 * A jar without pom.properties (built by another tool) yields nothing.
 */
export function mavenArchiveExtractor(bounds: MavenArchiveBounds = DEFAULT_MAVEN_ARCHIVE_BOUNDS): Extractor {
  return {
    name: 'java/maven-archive',
    installed: true,
    maxBytes: bounds.maxBytes,
    matches: (_path, base) => isJavaArchive(base),
    extract({ content }) {
      const found: ExtractedPackage[] = [];
      readArchive(content, [], new ReadBudget(bounds.maxReadBytes), bounds, found);
      return found;
    },
  };
}

function readArchive(archive: Uint8Array, chain: readonly string[], budget: ReadBudget, bounds: MavenArchiveBounds, found: ExtractedPackage[]): void {
  const entries = within(chain, () => zipEntries(archive));
  for (const entry of entries) {
    if (POM_PROPERTIES.test(entry.name)) {
      found.push(readPomProperties(archive, entry, chain, budget, bounds));
    } else if (!entry.name.endsWith('/') && isJavaArchive(entry.name)) {
      const inner = [...chain, entry.name];
      if (inner.length > bounds.maxNestedDepth) {
        throw new FormatError(`${inner.join('!/')} is nested deeper than ${bounds.maxNestedDepth} archives, the most this scan opens`);
      }
      const bytes = within(chain, () => zipEntryContent(archive, entry, budget));
      readArchive(bytes, inner, budget, bounds, found);
    }
  }
}

function readPomProperties(archive: Uint8Array, entry: ZipEntry, chain: readonly string[], budget: ReadBudget, bounds: MavenArchiveBounds): ExtractedPackage {
  const where = [...chain, entry.name].join('!/');
  if (entry.size > bounds.maxPropertiesBytes) throw new FormatError(`${where} declares ${entry.size} bytes, more than a pom.properties holds (${bounds.maxPropertiesBytes})`);
  const properties = parseJavaProperties(within(chain, () => zipEntryContent(archive, entry, budget)));
  const groupId = properties.get('groupId')?.trim();
  const artifactId = properties.get('artifactId')?.trim();
  const version = properties.get('version')?.trim();
  if (!groupId || !artifactId || !version) {
    const missing = [!groupId && 'groupId', !artifactId && 'artifactId', !version && 'version'].filter(Boolean).join(', ');
    throw new FormatError(`${where} has no ${missing}`);
  }
  const pkg: ExtractedPackage = { ecosystem: 'Maven', name: `${groupId}:${artifactId}`, version };
  if (chain.length > 0) pkg.location = chain.join('!/');
  return pkg;
}

/** Run a read of one archive of the nest, naming that archive in any error. */
function within<T>(chain: readonly string[], read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (chain.length === 0) throw error;
    throw new FormatError(`${chain.join('!/')}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
