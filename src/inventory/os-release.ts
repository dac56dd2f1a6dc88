/** The distribution a tree says it is, from `etc/os-release` (or `usr/lib/os-release`). */
export interface OsRelease {
  /** Everything before `etc/os-release`: the root of that system tree inside the package ('' at the top). */
  root: string;
  id: string;
  /** The release as OSV names it: `12` for Debian, `v3.20` for Alpine. */
  release: string;
}

const OS_RELEASE = /(?:^|\/)(?:etc|usr\/lib)\/os-release$/;

export function isOsRelease(path: string): boolean {
  return OS_RELEASE.test(path);
}

/** Parse the KEY=value lines of os-release; undefined when it names no release we can use. */
export function parseOsRelease(path: string, text: string): OsRelease | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1] ?? '', (match[2] ?? '').replace(/^(["'])(.*)\1$/, '$2'));
  }
  const id = fields.get('ID')?.toLowerCase();
  const version = fields.get('VERSION_ID');
  if (!id || !version) return undefined;
  const root = path.replace(/(?:etc|usr\/lib)\/os-release$/, '');
  if (id === 'debian') return { root, id, release: version.split('.')[0] ?? version };
  if (id === 'alpine') {
    const [major, minor] = version.split('.');
    return { root, id, release: `v${major ?? ''}.${minor ?? '0'}` };
  }
  return { root, id, release: version };
}
