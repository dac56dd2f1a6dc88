// Small, cheap questions about a stored path, shared by the checks. Paths are as the
// report stores them (`/` separated, no leading `./`); a release is often packed with a
// top folder (`store-1.4.0/shop/app/etc/env.php`), so rules match path *suffixes* and
// segments, never a fixed root.

/** Folders that hold third-party code installed by a package manager. */
const DEPENDENCY_TREE = /(?:^|\/)(?:node_modules|vendor|bower_components|jspm_packages|site-packages|dist-packages|\.yarn)\//;

/** Folders of third-party packages that hold tests, fixtures, examples and docs: sample credentials live there. */
const SAMPLE_FOLDER =
  /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|fixtures?|__fixtures__|testdata|test-data|examples?|samples?|demo|docs?|benchmarks?)\//i;

/** Base names that say a file is an example or a test (`x.examples.json`, `config.sample.yml`, `test-keys.pem`). */
const SAMPLE_NAME = /(?:^|[._-])(?:examples?|samples?|fixtures?|mocks?|dummy|tests?|specs?|demo)(?:[._-]|$)/i;

/**
 * Folders a build fills with copies and compilations of code that is scanned where it
 * comes from (Magento's pub/static from app/design, app/code and vendor; generated/
 * interceptors; caches). Read like dependency trees: config-like files only, since a
 * 150 MB pub/static would cost the scan more than the whole inflate.
 */
const DERIVED_TREE = /(?:^|\/)(?:pub\/static|generated\/code|generated\/metadata|var\/view_preprocessed|var\/cache|var\/page_cache|\.next\/cache)\//;

/** Inside a package manager's tree (node_modules, vendor, …): third-party code. */
export function inDependencyTree(path: string): boolean {
  return DEPENDENCY_TREE.test(path);
}

/** Inside a folder of built copies of code scanned elsewhere (pub/static, generated/ and caches). */
export function inDerivedTree(path: string): boolean {
  return DERIVED_TREE.test(path);
}

/** Inside a tests, fixtures, examples or docs folder. */
export function inSampleFolder(path: string): boolean {
  return SAMPLE_FOLDER.test(path);
}

/** A test, fixture, example or doc by its folder or its name: where sample credentials live. */
export function isSample(path: string): boolean {
  return SAMPLE_FOLDER.test(path) || SAMPLE_NAME.test(baseName(path));
}

/** The last segment of a path. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** The folder of a path (`''` at the top). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The lower-case extension of a base name, without the dot (`''` when none; `.env` has none). */
export function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * The folder up to and including the first segment that satisfies `test`, or undefined:
 * `a/.git/objects/x` with `.git` gives `a/.git`. Only folders count: the last segment
 * is included only when `includeLast` says the entry itself is such a folder.
 */
export function folderUpTo(path: string, test: (segment: string) => boolean, includeLast: boolean): string | undefined {
  let start = 0;
  for (;;) {
    const slash = path.indexOf('/', start);
    const end = slash < 0 ? path.length : slash;
    if (slash < 0 && !includeLast) return undefined;
    if (test(path.slice(start, end))) return path.slice(0, end);
    if (slash < 0) return undefined;
    start = slash + 1;
  }
}

/**
 * The name an editor or a careful admin copied from: `env.php.bak`, `wp-config.php~`,
 * `.env.php.swp`, `#config.php#`, `config.php.2024-01-01`, `env.php_bak`, and the copies
 * file managers make before the extension (`env - Copy.php`, `env copy.php`,
 * `env copy 2.php`, `env (1).php`) all come from a config file.
 */
export function leftoverOf(base: string): string | undefined {
  if (base.length > 2 && base.startsWith('#') && base.endsWith('#')) return base.slice(1, -1);
  const copied = /^([^/]+?)(?: - copy(?: \(\d+\))?| copy(?: \d+)?| \(\d+\))(\.[a-z0-9]{1,10})$/i.exec(base);
  if (copied) return `${copied[1] as string}${copied[2] as string}`;
  const match = /^(.+?)(?:[._-](?:bak\d*|backup|old|orig|save|sav|tmp|temp|copy)|\.(?:swp|swo|swn|swx|un~|\d[\d-]*)|~|\.~\d+~| copy| - copy)$/i.exec(base);
  if (!match) return undefined;
  let original = match[1] as string;
  // vim's swap file of `x` is `.x.swp`
  if (/\.sw[a-p]$/i.test(base) && original.startsWith('.') && original.length > 1) original = original.slice(1);
  return original;
}

/** Extensions of editor and backup copies: a cheap gate before `leftoverOf`. */
const LEFTOVER_EXTENSIONS = new Set(['bak', 'backup', 'old', 'orig', 'save', 'sav', 'tmp', 'temp', 'copy', 'swp', 'swo', 'swn', 'swx', 'rej', 'un~']);

/** Could the name be a leftover (`x.bak`, `x~`, `#x#`, `x.2`, `x copy`, `x_bak`, `x - Copy.php`, `x (1).php`)? Cheap: no regex. */
export function mayBeLeftover(lower: string, ext: string): boolean {
  const last = lower.charCodeAt(lower.length - 1);
  return (
    last === 0x7e ||
    last === 0x23 ||
    (last >= 0x30 && last <= 0x39) ||
    LEFTOVER_EXTENSIONS.has(ext) ||
    lower.includes(' copy') ||
    lower.includes(' (') ||
    LEFTOVER_EXTENSIONS.has(ext.slice(ext.lastIndexOf('_') + 1))
  );
}
