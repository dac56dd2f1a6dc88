// Java archives made by the real `zip`: wars with WEB-INF/lib, Spring Boot jars with
// stored BOOT-INF/lib, nests three archives deep, and the hostile ones (sizes that lie,
// zip bombs, overlapping entries, corrupt bytes), each through the extractor and,
// where the finding matters, through scan().
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedPackage } from '../../../src/inventory/extractors/extractor.js';
import { DEFAULT_MAVEN_ARCHIVE_BOUNDS, mavenArchiveExtractor } from '../../../src/inventory/extractors/java/maven-archive.js';
import { parseJavaProperties } from '../../../src/inventory/syntax/java-properties.js';
import { scan } from '../../../src/scan.js';
import { tempDir } from '../../helpers/temp.js';

const mavenArchive = mavenArchiveExtractor();
import { extract, jarOf, pomProperties, tarTree, writeTree, zipFiles } from './build.js';

let work: string;
let springCore: Buffer;
let commonsLang: Buffer;
let war: Buffer;

beforeAll(async () => {
  work = await tempDir();
  springCore = await jarOf(work, 'org.springframework', 'spring-core', '5.3.1');
  commonsLang = await jarOf(work, 'org.apache.commons', 'commons-lang3', '3.12.0');
  const plain = await zipFiles(work, 'plain.jar', { 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\n', 'x/Y.class': 'class' });
  war = await zipFiles(work, 'shop.war', {
    'META-INF/maven/com.shop/storefront/pom.properties': 'groupId=com.shop\nartifactId=storefront\nversion=2.4.0\n',
    'WEB-INF/web.xml': '<web-app/>\n',
    'WEB-INF/lib/spring-core-5.3.1.jar': springCore,
    'WEB-INF/lib/commons-lang3-3.12.0.jar': commonsLang,
    'WEB-INF/lib/plain.jar': plain,
    'index.jsp': '<html/>',
  });
});

/** Change a field of the central directory entry named `name` (offset within the 46-byte header). */
function patchCentral(zip: Buffer, name: string, offset: number, value: number): Buffer {
  const copy = Buffer.from(zip);
  for (let at = copy.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = copy.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    const nameLength = copy.readUInt16LE(at + 28);
    if (copy.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      copy.writeUInt32LE(value, at + offset);
      return copy;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

function centralField(zip: Buffer, name: string, offset: number): number {
  for (let at = zip.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) return zip.readUInt32LE(at + offset);
  }
  throw new Error(`no central directory entry ${name}`);
}

const CRC = 16;
const UNCOMPRESSED_SIZE = 24;

function byName(a: ExtractedPackage, b: ExtractedPackage): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
const LOCAL_OFFSET = 42;

describe('Maven archives', () => {
  it('reads the war and the jars in WEB-INF/lib, naming where each was found', () => {
    // (zip stores files in the order the folder lists them: compare in name order)
    const found = extract(mavenArchive, 'webapps/shop.war', war).sort(byName);
    expect(found).toEqual([
      { ecosystem: 'Maven', name: 'com.shop:storefront', version: '2.4.0' },
      { ecosystem: 'Maven', name: 'org.apache.commons:commons-lang3', version: '3.12.0', location: 'WEB-INF/lib/commons-lang3-3.12.0.jar' },
      { ecosystem: 'Maven', name: 'org.springframework:spring-core', version: '5.3.1', location: 'WEB-INF/lib/spring-core-5.3.1.jar' },
    ]);
  });

  it('reads a Spring Boot jar whose BOOT-INF/lib jars are stored, not deflated', async () => {
    const boot = await zipFiles(
      work,
      'app.jar',
      {
        'META-INF/MANIFEST.MF': 'Main-Class: org.springframework.boot.loader.launch.JarLauncher\r\n',
        'META-INF/maven/com.shop/api/pom.properties': 'artifactId=api\ngroupId=com.shop\nversion=1.0.0-SNAPSHOT\n',
        'BOOT-INF/lib/spring-core-5.3.1.jar': springCore,
        'BOOT-INF/lib/commons-lang3-3.12.0.jar': commonsLang,
      },
      { store: true },
    );
    expect(
      extract(mavenArchive, 'app.jar', boot)
        .map((p) => `${p.location ?? '-'} ${p.name}@${p.version}`)
        .sort(),
    ).toEqual([
      '- com.shop:api@1.0.0-SNAPSHOT',
      'BOOT-INF/lib/commons-lang3-3.12.0.jar org.apache.commons:commons-lang3@3.12.0',
      'BOOT-INF/lib/spring-core-5.3.1.jar org.springframework:spring-core@5.3.1',
    ]);
  });

  it('reads a jar nested three archives deep, and refuses a fourth level', async () => {
    const deep = await jarOf(work, 'org.yaml', 'snakeyaml', '1.33');
    const middle = await zipFiles(work, 'a.jar', { 'lib/deep.jar': deep });
    const app = await zipFiles(work, 'app.war', { 'WEB-INF/lib/a.jar': middle });
    const ear = await zipFiles(work, 'shop.ear', { 'app.war': app, 'META-INF/application.xml': '<application/>' });
    expect(extract(mavenArchive, 'shop.ear', ear)).toEqual([
      { ecosystem: 'Maven', name: 'org.yaml:snakeyaml', version: '1.33', location: 'app.war!/WEB-INF/lib/a.jar!/lib/deep.jar' },
    ]);

    const tooDeep = await zipFiles(work, 'outer.zip', { 'nest/shop.ear': ear });
    expect(() => extract(mavenArchive, 'outer.jar', tooDeep)).toThrow(/nest\/shop\.ear!\/app\.war!\/WEB-INF\/lib\/a\.jar!\/lib\/deep\.jar is nested deeper than 3 archives/);
    // the bound is a parameter, and a lower one stops earlier
    const shallow = mavenArchiveExtractor({ ...DEFAULT_MAVEN_ARCHIVE_BOUNDS, maxNestedDepth: 1 });
    expect(() => extract(shallow, 'shop.ear', ear)).toThrow(/app\.war!\/WEB-INF\/lib\/a\.jar is nested deeper than 1 archives/);
  });

  it('reads zip64 archives (zip -fz), nested too', async () => {
    const inner = await zipFiles(work, 'inner.jar', { 'META-INF/maven/org.example/inner/pom.properties': 'groupId=org.example\nartifactId=inner\nversion=0.9\n' }, { zip64: true });
    expect(inner.includes(Buffer.from('PK\x06\x06', 'latin1'))).toBe(true);
    const outer = await zipFiles(work, 'outer.war', { 'WEB-INF/lib/inner.jar': inner }, { zip64: true });
    expect(extract(mavenArchive, 'outer.war', outer)).toEqual([{ ecosystem: 'Maven', name: 'org.example:inner', version: '0.9', location: 'WEB-INF/lib/inner.jar' }]);
  });

  it('yields nothing, and no error, for a jar without pom.properties', async () => {
    const plain = await zipFiles(work, 'ant-built.jar', { 'META-INF/MANIFEST.MF': 'Implementation-Version: 1.0\r\n', 'a/B.class': 'x' });
    expect(extract(mavenArchive, 'lib/ant-built.jar', plain)).toEqual([]);
  });

  it('reads an executable jar that has a launch script in front of it', async () => {
    const script = Buffer.from('#!/bin/bash\n# Spring Boot launch script\nexec java -jar "$0" "$@"\n'.repeat(20));
    const jar = await jarOf(work, 'com.shop', 'exec', '3.0.0');
    // as `cat script app.jar > app`: every offset in the zip is now short by the script's length
    expect(extract(mavenArchive, 'bin/exec.jar', Buffer.concat([script, jar]))).toEqual([{ ecosystem: 'Maven', name: 'com.shop:exec', version: '3.0.0' }]);
    // as Info-ZIP's `zip -A` leaves it: offsets adjusted to count the script
    const adjusted = join(work, 'adjusted.jar');
    await writeFile(adjusted, Buffer.concat([script, jar]));
    execFileSync('zip', ['-q', '-A', adjusted]);
    expect(extract(mavenArchive, 'bin/exec.jar', await readFile(adjusted))).toEqual([{ ecosystem: 'Maven', name: 'com.shop:exec', version: '3.0.0' }]);
  });

  it('refuses an entry that declares a huge size before inflating it', () => {
    // spring-core's jar inside the war now claims to inflate to almost 4 GiB
    const lying = patchCentral(war, 'WEB-INF/lib/spring-core-5.3.1.jar', UNCOMPRESSED_SIZE, 0xfffffff0);
    const started = performance.now();
    expect(() => extract(mavenArchive, 'shop.war', lying)).toThrow(/WEB-INF\/lib\/spring-core-5\.3\.1\.jar would take the bytes read from this archive past its bound \(4294967280 bytes asked/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops a zip bomb: an entry that inflates past its declared size, and a nest that adds up past the budget', async () => {
    const zeros = Buffer.alloc(48 * 1024 * 1024);
    const bomb = await zipFiles(work, 'bomb.war', { 'WEB-INF/lib/zeros.jar': zeros });
    expect(bomb.length).toBeLessThan(200 * 1024);
    // declared 48 MiB, inside the default budget: it is inflated, and turns out not to be a zip
    expect(() => extract(mavenArchive, 'bomb.war', bomb)).toThrow(/^WEB-INF\/lib\/zeros\.jar: not a zip/);
    // a lower budget refuses it by its declared size
    const tight = mavenArchiveExtractor({ ...DEFAULT_MAVEN_ARCHIVE_BOUNDS, maxReadBytes: 8 * 1024 * 1024 });
    expect(() => extract(tight, 'bomb.war', bomb)).toThrow(/zeros\.jar would take the bytes read from this archive past its bound/);
    // declaring 1 KiB while inflating to 48 MiB is caught at the first step past 1 KiB
    const understated = patchCentral(bomb, 'WEB-INF/lib/zeros.jar', UNCOMPRESSED_SIZE, 1024);
    expect(() => extract(mavenArchive, 'bomb.war', understated)).toThrow(/zeros\.jar inflates past its declared 1024 bytes/);
    // many jars, each within bounds, still share one budget
    const many: Record<string, Buffer> = {};
    for (let i = 0; i < 6; i++) {
      many[`WEB-INF/lib/lib-${i}.jar`] = await zipFiles(work, `lib-${i}.jar`, { [`META-INF/maven/com.many/lib-${i}/pom.properties`]: pomProperties('com.many', `lib-${i}`, '1.0'), 'padding.bin': randomBytes(2 * 1024 * 1024) }, { store: true });
    }
    // (stored, as Spring Boot stores its libraries: stored bytes count against the budget too)
    const wide = await zipFiles(work, 'wide.war', many, { store: true });
    expect(extract(mavenArchive, 'wide.war', wide)).toHaveLength(6);
    const budget = mavenArchiveExtractor({ ...DEFAULT_MAVEN_ARCHIVE_BOUNDS, maxReadBytes: 5 * 1024 * 1024 });
    expect(() => extract(budget, 'wide.war', wide)).toThrow(/past its bound/);
  });

  it('refuses two entries over the same bytes (an overlapping zip bomb)', () => {
    const first = centralField(war, 'WEB-INF/lib/spring-core-5.3.1.jar', LOCAL_OFFSET);
    const overlapping = patchCentral(war, 'WEB-INF/lib/commons-lang3-3.12.0.jar', LOCAL_OFFSET, first);
    // whichever of the two the directory lists second is the one refused
    expect(() => extract(mavenArchive, 'shop.war', overlapping)).toThrow(/WEB-INF\/lib\/(commons-lang3-3\.12\.0|spring-core-5\.3\.1)\.jar shares its data with an earlier entry/);
  });

  it('throws on corrupt archives: not a zip, truncated, damaged data, a corrupt jar inside', async () => {
    expect(() => extract(mavenArchive, 'x.jar', 'this is not a jar')).toThrow(/not a zip/);
    expect(() => extract(mavenArchive, 'x.jar', '')).toThrow(/not a zip: 0 bytes are too few/);
    expect(() => extract(mavenArchive, 'x.jar', springCore.subarray(0, springCore.length - 30))).toThrow(/not a zip|not a readable zip/);
    expect(() => extract(mavenArchive, 'x.jar', springCore.subarray(springCore.length - 200))).toThrow(/not a readable zip/);
    // flip bytes inside the deflated pom.properties: inflate fails or the CRC does not match
    const properties = 'META-INF/maven/org.springframework/spring-core/pom.properties';
    const at = centralField(springCore, properties, LOCAL_OFFSET);
    const damaged = Buffer.from(springCore);
    const data = at + 30 + damaged.readUInt16LE(at + 26) + damaged.readUInt16LE(at + 28);
    for (let i = 4; i < 12; i++) damaged[data + i] = (damaged[data + i] ?? 0) ^ 0x5a;
    expect(() => extract(mavenArchive, 'x.jar', damaged)).toThrow(/pom\.properties (fails its CRC check|does not inflate|inflates)/);
    // the data intact, the checksum recorded for it not
    const crc = centralField(springCore, properties, CRC);
    expect(() => extract(mavenArchive, 'x.jar', patchCentral(springCore, properties, CRC, (crc ^ 1) >>> 0))).toThrow(/pom\.properties fails its CRC check/);
    const broken = await zipFiles(work, 'broken.war', { 'WEB-INF/lib/good.jar': springCore, 'WEB-INF/lib/broken.jar': 'PK\x03\x04 garbage' });
    expect(() => extract(mavenArchive, 'broken.war', broken)).toThrow(/^WEB-INF\/lib\/broken\.jar: not a zip/);
  });

  it('throws on a pom.properties that names no version', async () => {
    const jar = await zipFiles(work, 'noversion.jar', { 'META-INF/maven/g/a/pom.properties': 'groupId=g\nartifactId=a\n' });
    expect(() => extract(mavenArchive, 'noversion.jar', jar)).toThrow(/META-INF\/maven\/g\/a\/pom\.properties has no version/);
  });

  it('matches .jar, .war and .ear of any case, and nothing else', () => {
    for (const base of ['a.jar', 'shop.war', 'app.ear', 'LEGACY.JAR']) expect(mavenArchive.matches(`x/${base}`, base), base).toBe(true);
    for (const base of ['jar', '.jar.txt', 'a.jars', 'a.zip', 'ajar', 'a.rar']) expect(mavenArchive.matches(`x/${base}`, base), base).toBe(false);
  });

  it('reports packages and corrupt archives through scan(): locations through the war, a parse-error finding', async () => {
    const tree = join(work, 'tree');
    await mkdir(tree);
    await writeTree(tree, {
      'webapps/shop.war': war,
      'webapps/broken.war': Buffer.from('PK\x05\x06 not really'),
      'tools/lib/spring-core-5.3.1.jar': springCore,
    });
    const report = await scan({ target: tarTree(tree, join(work, 'java.tar.gz'), true), advisories: ['none'] });
    const spring = report.packages.find((p) => p.name === 'org.springframework:spring-core');
    expect(spring).toMatchObject({
      ecosystem: 'Maven',
      version: '5.3.1',
      purl: 'pkg:maven/org.springframework/spring-core@5.3.1',
      locations: ['tools/lib/spring-core-5.3.1.jar', 'webapps/shop.war!/WEB-INF/lib/spring-core-5.3.1.jar'],
    });
    expect(report.packages.map((p) => p.name)).toEqual(['com.shop:storefront', 'org.apache.commons:commons-lang3', 'org.springframework:spring-core']);
    expect(report.findings).toMatchObject([{ kind: 'parse-error', path: 'webapps/broken.war', rule: 'java/maven-archive', blocking: true }]);
  });
});

describe('pom.properties', () => {
  it('reads the .properties syntax: separators, comments, continuations, escapes', () => {
    const text = [
      '# comment',
      '! another comment',
      '  groupId : org.example',
      'artifactId   my\\',
      '    -artifact',
      'version=1.0\\u002dbeta',
      'key\\=with\\:separators = value',
      'empty',
    ].join('\r\n');
    const properties = parseJavaProperties(Buffer.from(text, 'latin1'));
    expect(Object.fromEntries(properties)).toEqual({
      groupId: 'org.example',
      artifactId: 'my-artifact',
      version: '1.0-beta',
      'key=with:separators': 'value',
      empty: '',
    });
  });
});
