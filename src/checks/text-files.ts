// Which files are text worth reading for credentials, and which are config-like.
import { extensionOf, leftoverOf, mayBeLeftover } from './path-facts.js';

/** Extensions of files that are never text: images, fonts, media, archives, compiled code, documents. */
export const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico', 'icns', 'tif', 'tiff', 'psd', 'heic', 'jxl',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'mp3', 'mp4', 'm4a', 'm4v', 'mov', 'avi', 'mkv', 'webm', 'ogg', 'oga', 'ogv', 'wav', 'flac', 'aac', 'opus',
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'br', '7z', 'rar', 'jar', 'war', 'ear', 'whl', 'gem', 'nupkg', 'apk', 'deb', 'rpm',
  'so', 'dll', 'dylib', 'exe', 'node', 'wasm', 'o', 'a', 'lib', 'class', 'pyc', 'pyo', 'beam',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp',
  'sqlite', 'sqlite3', 'db', 'mdb', 'dat', 'bin', 'pack', 'idx', 'swf', 'fla', 'blend', 'glb', 'fbx',
]); // prettier-ignore

/** Lockfiles: megabytes of hashes and registry URLs; only a URL with a password matters in them. */
export const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'composer.lock', 'gemfile.lock',
  'poetry.lock', 'pipfile.lock', 'cargo.lock', 'go.sum', 'packages.lock.json', 'bun.lock', 'uv.lock',
]); // prettier-ignore

const CONFIG_EXTENSIONS = new Set([
  'env', 'ini', 'conf', 'cnf', 'cfg', 'config', 'toml', 'properties', 'yml', 'yaml', 'json', 'json5', 'xml', 'neon',
  'pem', 'key', 'tfvars', 'npmrc', 'plist',
]); // prettier-ignore

const CONFIG_NAMES = new Set([
  '.npmrc', '.yarnrc', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.pgpass', '.my.cnf', '.s3cfg', '.boto',
  '.htpasswd', 'credentials', 'config', 'auth.json', '.env', '.envrc', 'dockerfile', 'procfile',
]); // prettier-ignore

/** PHP files that are configuration by name: where the store platforms keep their credentials. */
const PHP_CONFIG_NAMES = new Set(['env.php', 'parameters.php', 'settings.php', 'settings.inc.php', 'local.php', 'database.php', '.env.local.php']);

/** A `.php` base name (lower case) that is configuration: the names above, `wp-config*.php`, anything with `config` before `.php`. */
function isPhpConfigName(lower: string): boolean {
  return PHP_CONFIG_NAMES.has(lower) || lower.slice(0, -'.php'.length).includes('config');
}

/** Config-like by name, or a backup or editor copy of one (`env.php.bak`): worth the assignment rules. */
export function isConfigLike(lower: string, ext: string): boolean {
  if (CONFIG_EXTENSIONS.has(ext) || CONFIG_NAMES.has(lower) || lower.startsWith('.env')) return true;
  if (ext === 'php') return isPhpConfigName(lower);
  if (!mayBeLeftover(lower, ext)) return false;
  const original = leftoverOf(lower);
  return original !== undefined && original !== lower && isConfigLike(original, extensionOf(original));
}

