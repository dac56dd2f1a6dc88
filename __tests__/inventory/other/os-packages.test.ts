// Debian and Alpine system trees, written to disk, packed with GNU tar and scanned
// through scan(): each package takes the release of the os-release of its own tree.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apkInstalledExtractor } from '../../../src/inventory/extractors/os/apk-installed.js';
import { dpkgStatusExtractor } from '../../../src/inventory/extractors/os/dpkg-status.js';
import { scan } from '../../../src/scan.js';
import { tempDir } from '../../helpers/temp.js';
import { extract, FIXTURES, ids, tarTree, writeTree } from './build.js';

const DPKG_FIXTURE = readFileSync(join(FIXTURES, 'dpkg-status'));
const APK_FIXTURE = readFileSync(join(FIXTURES, 'apk-installed'));

const DEBIAN_12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`;
const ALPINE_3_20 = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"
HOME_URL="https://alpinelinux.org/"
`;
// as `dpkg-deb --field` writes it into a distroless image: no Status field
const DISTROLESS_LIBSSL = `Package: libssl3
Source: openssl
Version: 3.0.15-1~deb12u1
Architecture: amd64
Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
Installed-Size: 6144
Depends: libc6 (>= 2.34)
Section: libs
Priority: optional
Homepage: https://www.openssl.org/
Description: Secure Sockets Layer toolkit - shared libraries
 This package is part of the OpenSSL project's implementation of the SSL
 and TLS cryptographic protocols for secure communication over the
 Internet.
`;

describe('dpkg status', () => {
  it('reads the packages whose files are on disk, binary names with their source as an alias', () => {
    const found = extract(dpkgStatusExtractor, 'var/lib/dpkg/status', DPKG_FIXTURE);
    expect(found).toEqual([
      { ecosystem: 'Debian', name: 'libc6', version: '2.36-9+deb12u14', aliases: ['glibc'] },
      // Source names itself: no alias
      { ecosystem: 'Debian', name: 'bash', version: '5.2.15-2+b8' },
      // built from util-linux 2.38.1-5+deb12u3, but this binary carries an epoch: not the same version, no alias
      { ecosystem: 'Debian', name: 'bsdutils', version: '1:2.38.1-5+deb12u3' },
      { ecosystem: 'Debian', name: 'dmsetup', version: '2:1.02.185-2' },
      // an interrupted upgrade leaves its files on disk
      { ecosystem: 'Debian', name: 'zlib1g', version: '1:1.2.13.dfsg-1', aliases: ['zlib'] },
      // held (apt-mark hold) is installed
      { ecosystem: 'Debian', name: 'tzdata', version: '2025b-0+deb12u2' },
      // apache2 (config-files) and telnet (not-installed) are not on disk
    ]);
  });

  it('reads a status file with CRLF line ends', () => {
    const crlf = DPKG_FIXTURE.toString('utf8').replace(/\n/g, '\r\n');
    expect(extract(dpkgStatusExtractor, 'var/lib/dpkg/status', crlf)).toEqual(extract(dpkgStatusExtractor, 'var/lib/dpkg/status', DPKG_FIXTURE));
  });

  it('takes a binNMU (+bN) of the source version as the same version', () => {
    const binnmu = 'Package: libfoo1\nStatus: install ok installed\nSource: foo (1.2-3)\nVersion: 1.2-3+b2\n';
    expect(extract(dpkgStatusExtractor, 'var/lib/dpkg/status', binnmu)).toEqual([{ ecosystem: 'Debian', name: 'libfoo1', version: '1.2-3+b2', aliases: ['foo'] }]);
    const same = 'Package: libfoo1\nStatus: install ok installed\nSource: foo (1.2-3)\nVersion: 1.2-3\n';
    expect(extract(dpkgStatusExtractor, 'var/lib/dpkg/status', same)[0]?.aliases).toEqual(['foo']);
  });

  it('reads distroless status.d files, which have no Status, and yields nothing for an empty file', () => {
    expect(extract(dpkgStatusExtractor, 'var/lib/dpkg/status.d/libssl3', DISTROLESS_LIBSSL)).toEqual([
      { ecosystem: 'Debian', name: 'libssl3', version: '3.0.15-1~deb12u1', aliases: ['openssl'] },
    ]);
    expect(extract(dpkgStatusExtractor, 'var/lib/dpkg/status', '')).toEqual([]);
  });

  it('throws on what dpkg does not write', () => {
    const broken: [string, RegExp][] = [
      ['Not a dpkg status file!\n\nastroid==2.5.1\n', /line 1 is not a "Field: value" line/],
      ['Package: a\nStatus: install ok installed\n', /the package at line 1 is installed but has no Version/],
      ['Status: install ok installed\nVersion: 1\n', /the stanza at line 1 has no Package/],
      ['Package: a\nVersion: 1\n', /the package at line 1 has no Status/],
      ['Package: a\nStatus: bad-status\nVersion: 1\n', /the package at line 1 has a Status that is not a dpkg status/],
      ['Package: a\nStatus: install ok sleeping\nVersion: 1\n', /not a dpkg status/],
      ['Package: a\nPackage: b\n', /line 2 repeats a field of its stanza/],
      [' continued\nPackage: a\n', /line 1 continues a field/],
      ['#comment\nPackage: a\n', /line 1 is not a "Field: value" line/],
      ['Package: a\nStatus: install ok installed\nVersion: 1\nSource: b (1) (2)\n', /Source that is not/],
    ];
    for (const [text, error] of broken) expect(() => extract(dpkgStatusExtractor, 'var/lib/dpkg/status', text), text).toThrow(error);
  });

  it('matches var/lib/dpkg/status and status.d files, not their md5sums or look-alikes', () => {
    const yes = ['var/lib/dpkg/status', 'rootfs/var/lib/dpkg/status', 'var/lib/dpkg/status.d/libssl3', 'img/var/lib/dpkg/status.d/base-files'];
    const no = ['status', 'lib/dpkg/status', 'myvar/lib/dpkg/status', 'var/lib/dpkg/status-old', 'var/lib/dpkg/status.d/libssl3.md5sums', 'var/lib/dpkg/status.d/x/y', 'xvar/lib/dpkg/status.d/a', 'var/lib/dpkg/status.d'];
    for (const path of yes) expect(dpkgStatusExtractor.matches(path, path.slice(path.lastIndexOf('/') + 1)), path).toBe(true);
    for (const path of no) expect(dpkgStatusExtractor.matches(path, path.slice(path.lastIndexOf('/') + 1)), path).toBe(false);
  });
});

describe('apk installed database', () => {
  it('reads every package, with its origin as an alias when it is another name', () => {
    expect(extract(apkInstalledExtractor, 'lib/apk/db/installed', APK_FIXTURE)).toEqual([
      { ecosystem: 'Alpine', name: 'musl', version: '1.2.5-r0' },
      { ecosystem: 'Alpine', name: 'libcrypto3', version: '3.3.1-r0', aliases: ['openssl'] },
      { ecosystem: 'Alpine', name: 'libssl3', version: '3.3.1-r0', aliases: ['openssl'] },
      { ecosystem: 'Alpine', name: 'busybox', version: '1.36.1-r29' },
    ]);
    expect(extract(apkInstalledExtractor, 'lib/apk/db/installed', '')).toEqual([]);
    expect(ids(extract(apkInstalledExtractor, 'lib/apk/db/installed', 'P:a\nV:1-r0\n\n\n\nP:b\nV:2-r0\r\n'))).toEqual(['a@1-r0', 'b@2-r0']);
  });

  it('throws on what apk does not write', () => {
    const broken: [string, RegExp][] = [
      ['Not an APK file!\n[[package]]\n', /line 1 is not an apk database line/],
      ['P:a\n', /the package at line 1 has no version/],
      ['V:1.0-r0\nA:x86_64\n', /the package at line 1 has no name/],
      ['P:a\nV:1\nP:b\nV:2\n', /line 3: P: appears twice/],
      ['P:a\nV:1\nnot a line\n', /line 3/],
    ];
    for (const [text, error] of broken) expect(() => extract(apkInstalledExtractor, 'lib/apk/db/installed', text), text).toThrow(error);
  });

  it('matches lib/apk/db/installed only', () => {
    expect(apkInstalledExtractor.matches('lib/apk/db/installed', 'installed')).toBe(true);
    expect(apkInstalledExtractor.matches('rootfs/lib/apk/db/installed', 'installed')).toBe(true);
    expect(apkInstalledExtractor.matches('installed', 'installed')).toBe(false);
    expect(apkInstalledExtractor.matches('mylib/apk/db/installed', 'installed')).toBe(false);
    expect(apkInstalledExtractor.matches('lib/apk/db/installed.bak', 'installed.bak')).toBe(false);
  });
});

describe('OS packages through scan()', () => {
  let work: string;
  beforeAll(async () => {
    work = await tempDir();
  });

  it('gives Debian packages release 12 and a debian-12 purl', async () => {
    const tree = join(work, 'debian');
    await mkdir(tree);
    await writeTree(tree, { 'etc/os-release': DEBIAN_12, 'var/lib/dpkg/status': DPKG_FIXTURE, 'app/index.php': '<?php' });
    const report = await scan({ target: tarTree(tree, join(work, 'debian.tar')), advisories: ['none'] });
    expect(report.findings).toEqual([]);
    expect(report.packages.map((p) => p.name)).toEqual(['bash', 'bsdutils', 'dmsetup', 'libc6', 'tzdata', 'zlib1g']);
    expect(report.packages.every((p) => p.ecosystem === 'Debian' && p.release === '12' && p.purl.endsWith('?distro=debian-12'))).toBe(true);
    expect(report.packages.find((p) => p.name === 'libc6')).toEqual({
      ecosystem: 'Debian',
      name: 'libc6',
      version: '2.36-9+deb12u14',
      purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?distro=debian-12',
      locations: ['var/lib/dpkg/status'],
      release: '12',
      installed: true,
      aliases: ['glibc'],
    });
  });

  it('gives Alpine packages release v3.20 and an alpine-3.20 purl', async () => {
    const tree = join(work, 'alpine');
    await mkdir(tree);
    await writeTree(tree, { 'etc/os-release': ALPINE_3_20, 'lib/apk/db/installed': APK_FIXTURE });
    const report = await scan({ target: tarTree(tree, join(work, 'alpine.tar.gz'), true), advisories: ['none'] });
    expect(report.findings).toEqual([]);
    expect(report.packages.map((p) => `${p.name}@${p.version} ${p.release ?? '-'} ${p.purl}`)).toEqual([
      'busybox@1.36.1-r29 v3.20 pkg:apk/alpine/busybox@1.36.1-r29?distro=alpine-3.20',
      'libcrypto3@3.3.1-r0 v3.20 pkg:apk/alpine/libcrypto3@3.3.1-r0?distro=alpine-3.20',
      'libssl3@3.3.1-r0 v3.20 pkg:apk/alpine/libssl3@3.3.1-r0?distro=alpine-3.20',
      'musl@1.2.5-r0 v3.20 pkg:apk/alpine/musl@1.2.5-r0?distro=alpine-3.20',
    ]);
  });

  it('keeps the release of each system tree of one package: a Debian rootfs, a distroless one and an Alpine one', async () => {
    const tree = join(work, 'images');
    await mkdir(tree);
    await writeTree(tree, {
      'images/web/etc/os-release': DEBIAN_12,
      'images/web/var/lib/dpkg/status': 'Package: openssl\nStatus: install ok installed\nVersion: 3.0.15-1~deb12u1\n',
      'images/static/usr/lib/os-release': DEBIAN_12.replace('VERSION_ID="12"', 'VERSION_ID="11"'),
      'images/static/var/lib/dpkg/status.d/libssl3': DISTROLESS_LIBSSL.replace('3.0.15-1~deb12u1', '1.1.1w-0+deb11u1'),
      'images/static/var/lib/dpkg/status.d/libssl3.md5sums': 'd41d8cd98f00b204e9800998ecf8427e  usr/lib/x86_64-linux-gnu/libssl.so.3\n',
      'images/cache/etc/os-release': ALPINE_3_20,
      'images/cache/lib/apk/db/installed': 'P:redis\nV:7.2.5-r0\no:redis\n',
    });
    const report = await scan({ target: tarTree(tree, join(work, 'images.tar')), advisories: ['none'] });
    expect(report.findings).toEqual([]);
    expect(report.packages.map((p) => `${p.ecosystem} ${p.release ?? '-'} ${p.name}@${p.version} ${p.locations.join(',')}`)).toEqual([
      'Alpine v3.20 redis@7.2.5-r0 images/cache/lib/apk/db/installed',
      'Debian 11 libssl3@1.1.1w-0+deb11u1 images/static/var/lib/dpkg/status.d/libssl3',
      'Debian 12 openssl@3.0.15-1~deb12u1 images/web/var/lib/dpkg/status',
    ]);
  });
});
