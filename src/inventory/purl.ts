import type { Ecosystem } from '../model.js';

const TYPES: Record<Ecosystem, string> = {
  npm: 'npm',
  Packagist: 'composer',
  PyPI: 'pypi',
  RubyGems: 'gem',
  Go: 'golang',
  Maven: 'maven',
  'crates.io': 'cargo',
  NuGet: 'nuget',
  Debian: 'deb',
  Alpine: 'apk',
};

/** Percent-encode one purl segment (the spec keeps A-Z a-z 0-9 . - _ ~ literal). */
function encode(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The package URL (purl spec) of a package: namespaces split where each type puts
 * them (npm scope, composer vendor, Maven group, Go module path), the distro as a
 * qualifier for OS packages.
 */
export function purlOf(ecosystem: Ecosystem, name: string, version: string, distro?: string): string {
  const type = TYPES[ecosystem];
  let path: string;
  switch (ecosystem) {
    case 'Maven': {
      const [group = '', artifact = name] = name.split(':');
      path = `${encode(group)}/${encode(artifact)}`;
      break;
    }
    case 'PyPI':
      path = encode(name.toLowerCase().replace(/[-_.]+/g, '-'));
      break;
    case 'Debian':
    case 'Alpine':
      path = `${ecosystem === 'Debian' ? 'debian' : 'alpine'}/${encode(name)}`;
      break;
    default:
      path = name.split('/').map(encode).join('/');
  }
  const qualifiers = distro ? `?distro=${encode(distro)}` : '';
  return `pkg:${type}/${path}@${encode(version)}${qualifiers}`;
}
