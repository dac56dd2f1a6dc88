// The catalogue of files and folders that must never ship, told by name alone: keys,
// credentials files, VCS folders, backups and copies, runtime data, installers and
// diagnostics (the README's `sensitive-file` row). Names whose danger depends on what
// they hold (`.env`, `.pem`, `auth.json`, `.npmrc`, dumps, core dumps, phpinfo
// scripts) are the content check's: see sensitive-content.ts. Rules are tried in
// order and the first that matches an entry is its only finding of this check.
import type { Severity } from '../../model.js';
import { folderUpTo, leftoverOf, mayBeLeftover } from '../path-facts.js';

/** What a rule sees of an entry: worked out once per entry. */
export interface PathFacts {
  path: string;
  base: string;
  /** Lower-case base name. */
  lower: string;
  /** Lower-case extension, without the dot. */
  ext: string;
  isDir: boolean;
  /** Inside node_modules, vendor and the like. */
  dependency: boolean;
}

/** Where a rule applies: everywhere; everywhere but the tests and examples of third-party code; first-party code only. */
export type Scope = 'everywhere' | 'not-samples' | 'first-party';

export interface PathRule {
  rule: string;
  severity: Severity | ((facts: PathFacts) => Severity);
  scope: Scope;
  /** A folder rule gives the folder (one finding for everything in it), a file rule the entry's own path. */
  kind: 'folder' | 'file';
  /** The path the finding is about, or undefined when the rule does not match. */
  match(facts: PathFacts): string | undefined;
  title: string;
  detail: string;
}

const VCS = new Set(['.git', '.svn', '.hg', '.bzr', 'CVS', '_darcs']);

/** Config files whose copies (`env.php.bak`, `wp-config.php~`) are served as plain text with their credentials. */
const CONFIG_NAMES = new Set([
  'env.php',
  'wp-config.php',
  'parameters.php',
  'parameters.yml',
  'settings.inc.php',
  'config.php',
  'local.xml',
  'database.php',
  'settings.php',
  '.env',
  '.env.local',
  '.env.production',
  '.env.prod',
  'auth.json',
  '.npmrc',
]);

const SCRIPT_EXTENSIONS = /\.(?:php\d?|phtml|inc)$/i;
/** `x.php.txt`, `x.php.inc.old`: a script under a name the server will not run, so it serves the source. */
const SCRIPT_UNDER_ANOTHER_NAME = /\.(?:php\d?|phtml)\.(?!dist$|sample$|example$|template$|tpl$|twig$|in$)[a-z0-9_~-]+$/i;

/** Leftovers of editors and merges, without the numbered copies (`libvips.so.42` is no leftover). */
const EDITOR_LEFTOVER = /(?:\.(?:bak\d*|backup|old|orig|rej|save|sav|swp|swo|swn|swx|un~)|~|\.~\d+~)$|^#.+#$/i;

const ARCHIVE = /\.(?:zip|tar|tgz|tar\.gz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|7z|rar|wpress|jpa|daf)$/i;
const SERVED_ROOT = /^(?:public|pub|web|htdocs|public_html|www)$/;
/** Folders of code, not of a web root: a `web` folder inside them is a module, not what the server serves. */
const CODE_FOLDER = /(?:^|\/)(?:src|lib|libs|dist|server|app\/code)\//;

/** The served folder a source map sits under (`.next/static`, `pub/static`, `public`…). */
function servedRoot(path: string): string | undefined {
  const next = /(?:^|\/)\.next\/static\//.exec(path);
  if (next) return path.slice(0, next.index + next[0].length - 1);
  const root = folderUpTo(path, (segment) => SERVED_ROOT.test(segment), false);
  return root !== undefined && !CODE_FOLDER.test(`${root}/`) ? root : undefined;
}

function suffix(...names: string[]): (facts: PathFacts) => string | undefined {
  const tails = names.map((name) => `/${name}`);
  return (facts) => (names.includes(facts.path) || tails.some((tail) => facts.path.endsWith(tail)) ? facts.path : undefined);
}

function folder(...names: string[]): (facts: PathFacts) => string | undefined {
  const pattern = new RegExp(`(?:^|/)(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '[^/]*')).join('|')})/`);
  return (facts) => {
    if (facts.isDir) return undefined; // a folder counts once something is in it
    const match = pattern.exec(facts.path);
    return match ? facts.path.slice(0, match.index + match[0].length - 1) : undefined;
  };
}

const PLATFORM_FILES = suffix('app/etc/env.php', 'app/config/parameters.php', 'app/config/parameters.yml', 'config/settings.inc.php');
const DEPLOY_TOOL_FILES = new Set(['sftp-config.json', '.ftpconfig', 'sitemanager.xml', 'recentservers.xml', '.remote-sync.json', '.ftppass', 'ftpsync.settings', 'deployment-config.json']);
const CREDENTIAL_NAMES = new Set(['.git-credentials', '.netrc', '_netrc', '.pgpass', '.my.cnf', '.mylogin.cnf', '.s3cfg', '.boto', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk']);
const CREDENTIAL_FILES = suffix('.aws/credentials', '.docker/config.json', '.kube/config', '.gem/credentials', '.config/gcloud/credentials.db');
const KEY_STORE_EXTENSIONS = new Set(['p12', 'pfx', 'jks', 'keystore', 'ppk', 'kdbx', 'tfvars']);
const ARCHIVE_EXTENSIONS = new Set(['zip', 'tar', 'tgz', 'gz', 'bz2', 'tbz', 'tbz2', 'xz', 'txz', 'zst', '7z', 'rar', 'wpress', 'jpa', 'daf']);
const VCS_HINT = /\.(?:git|svn|hg|bzr)|CVS|_darcs/;

function mightBeLeftover(f: PathFacts): boolean {
  return mayBeLeftover(f.lower, f.ext);
}

export const PATH_RULES: readonly PathRule[] = [
  // platform files that live in the server's shared/ folder, never in a release
  {
    rule: 'platform-secrets-file',
    severity: 'critical',
    scope: 'not-samples',
    kind: 'file',
    match: (f) =>
      f.isDir || (f.ext !== 'php' && f.ext !== 'yml')
        ? undefined
        : PLATFORM_FILES(f) ??
          (f.lower.startsWith('wp-config') && f.ext === 'php' && f.lower !== 'wp-config-sample.php' ? f.path : undefined) ??
          (f.lower === '.env.local.php' ? f.path : undefined),
    title: 'Platform secrets file ships (database credentials, encryption keys): it belongs in the server’s shared folder',
    detail: 'Magento app/etc/env.php, WordPress wp-config.php, PrestaShop parameters.php and settings.inc.php and Symfony .env.local.php hold the database password and the keys that sign sessions or decrypt stored secrets',
  },
  // IDE and deploy-tool files that store server passwords
  {
    rule: 'deploy-credentials-file',
    severity: 'high',
    scope: 'not-samples',
    kind: 'file',
    match: (f) =>
      !f.isDir &&
      (DEPLOY_TOOL_FILES.has(f.lower) ||
        (f.lower === 'sftp.json' && f.path.endsWith('.vscode/sftp.json')) ||
        (f.path.includes('.idea/') && /(?:^|\/)\.idea\/(?:dataSources[^/]*\.xml|dataSources\/|webServers\.xml|deployment\.xml|sshConfigs\.xml)/.test(f.path)))
        ? f.path
        : undefined,
    title: 'IDE or deploy-tool settings with stored server or database passwords',
    detail: 'PhpStorm data sources and deployment servers, SFTP plugin and FileZilla settings keep hosts, users and often passwords',
  },
  // cloud, registry and machine credentials
  {
    rule: 'credentials-file',
    severity: 'critical',
    scope: 'not-samples',
    kind: 'file',
    match: (f) =>
      f.isDir
        ? undefined
        : CREDENTIAL_NAMES.has(f.lower) || f.ext === 'tfstate' || f.lower.endsWith('.tfstate.backup')
          ? f.path
          : f.lower === 'credentials' || f.lower === 'config' || f.lower === 'config.json' || f.lower === 'credentials.db'
            ? CREDENTIAL_FILES(f)
            : undefined,
    title: 'Credentials file ships (cloud, registry, database or SSH access)',
    detail: 'AWS, Docker, Kubernetes and gcloud credentials, .netrc/.git-credentials, .pgpass/.my.cnf, SSH private keys and Terraform state give direct access to other systems',
  },
  {
    rule: 'key-store-file',
    severity: 'high',
    scope: 'not-samples',
    kind: 'file',
    match: (f) => (!f.isDir && (KEY_STORE_EXTENSIONS.has(f.ext) || (f.ext === 'json' && f.lower.startsWith('service-account'))) ? f.path : undefined),
    title: 'Key store, key file or secret variables ship',
    detail: 'PKCS#12, Java key stores, PuTTY keys, KeePass databases, GCP service-account keys and Terraform variable files hold private keys or secrets',
  },
  {
    rule: 'credentials-file',
    severity: 'high',
    scope: 'first-party',
    kind: 'file',
    match: (f) => (!f.isDir && (f.lower === '.htpasswd' || (f.ext === 'json' && f.lower.includes('credentials'))) ? f.path : undefined),
    title: 'Password or credentials file ships',
    detail: '.htpasswd hashes can be cracked offline; *credentials*.json files hold API credentials',
  },
  // copies of config files and of scripts, served as plain text
  {
    rule: 'config-backup',
    severity: 'critical',
    scope: 'not-samples',
    kind: 'file',
    match: (f) => {
      if (f.isDir || !mightBeLeftover(f)) return undefined;
      const original = leftoverOf(f.base);
      return original !== undefined && (CONFIG_NAMES.has(original.toLowerCase()) || /^wp-config.*\.php$/i.test(original)) ? f.path : undefined;
    },
    title: 'Backup or editor copy of a config file: served as plain text with its credentials',
    detail: 'the web server does not run env.php.bak or wp-config.php~ as PHP: anyone can download the database password and keys',
  },
  {
    rule: 'script-source-copy',
    severity: (f) => (f.dependency ? 'medium' : 'high'),
    scope: 'not-samples',
    kind: 'file',
    match: (f) => {
      if (f.isDir || f.ext === 'php') return undefined;
      const original = mightBeLeftover(f) ? leftoverOf(f.base) : undefined;
      if (original !== undefined && SCRIPT_EXTENSIONS.test(original)) return f.path;
      return (f.lower.includes('.php') || f.lower.includes('.phtml')) && SCRIPT_UNDER_ANOTHER_NAME.test(f.base) ? f.path : undefined;
    },
    title: 'Copy of a PHP script under a name the server does not run: its source is served',
    detail: 'x.php.bak, x.php~, .x.php.swp and x.php.txt are downloaded as text, with whatever the script holds',
  },
  // version control, one finding per folder
  {
    rule: 'vcs-folder',
    severity: (f) => (f.dependency ? 'medium' : 'high'),
    scope: 'everywhere',
    kind: 'folder',
    match: (f) => (VCS_HINT.test(f.path) ? folderUpTo(f.path, (segment) => VCS.has(segment), f.isDir) : undefined),
    title: 'Version-control folder ships: the full source and its history, old secrets included',
    detail: 'served from the web root it discloses the code; .git/config may hold a remote with a token',
  },
  {
    rule: 'vcs-pointer',
    severity: 'medium',
    scope: 'first-party',
    kind: 'file',
    match: (f) => (!f.isDir && f.base === '.git' ? f.path : undefined),
    title: 'A .git file (worktree or submodule pointer) ships',
    detail: 'it names the path of the repository on the build machine',
  },
  // backups and runtime data that belong in shared/
  {
    rule: 'backup-folder',
    severity: 'high',
    scope: 'first-party',
    kind: 'folder',
    match: folder('var/backups', 'wp-content/updraft', 'wp-content/ai1wm-backups', 'wp-content/backups-dup-lite', 'wp-content/backup-db', 'autoupgrade/backup', 'admin*/backups', 'backup', 'backups'),
    title: 'Backup folder ships: old code, configs and database dumps',
    detail: 'backup plugins and admins keep full-site archives and dumps here',
  },
  {
    rule: 'session-folder',
    severity: 'high',
    scope: 'first-party',
    kind: 'folder',
    match: folder('var/session', 'storage/framework/sessions'),
    title: 'Session files ship: customers’ and admins’ live sessions',
    detail: 'a session file is a logged-in session; it belongs in shared/ or a session store',
  },
  {
    rule: 'customer-data-folder',
    severity: 'high',
    scope: 'first-party',
    kind: 'folder',
    match: folder('pub/media/customer', 'pub/media/import', 'var/export', 'var/import', 'var/importexport', 'wp-content/uploads/wc-logs', 'wp-content/uploads/woocommerce_uploads'),
    title: 'Customer uploads, imports or exports ship',
    detail: 'these folders hold customer files and data exports; they belong in shared/',
  },
  {
    rule: 'log-folder',
    severity: 'medium',
    scope: 'first-party',
    kind: 'folder',
    match: folder('var/log', 'var/logs', 'var/report', 'storage/logs'),
    title: 'Log or error-report folder ships',
    detail: 'logs and error reports hold personal data, tokens in URLs and stack traces with paths',
  },
  {
    rule: 'ide-folder',
    severity: 'low',
    scope: 'first-party',
    kind: 'folder',
    match: (f) => (f.path.includes('.idea') ? folderUpTo(f.path, (segment) => segment === '.idea', f.isDir) : undefined),
    title: 'IDE project folder ships',
    detail: 'PhpStorm settings name servers, paths and data sources',
  },
  {
    rule: 'source-maps',
    severity: 'medium',
    scope: 'first-party',
    kind: 'folder',
    match: (f) => (!f.isDir && f.ext === 'map' && /\.(?:js|mjs|cjs|css)\.map$/.test(f.lower) ? servedRoot(f.path) : undefined),
    title: 'Source maps ship in a served folder: the original source of the bundles can be rebuilt',
    detail: 'maps disclose the un-minified code, internal endpoints and sometimes inlined secrets; keep them out of the web root',
  },
  // diagnostics and database admin tools
  {
    rule: 'diagnostic-script',
    severity: 'high',
    scope: 'not-samples',
    kind: 'file',
    match: (f) => (!f.isDir && f.ext === 'php' && (f.lower === 'phpinfo.php' || f.lower.startsWith('adminer')) ? f.path : undefined),
    title: 'phpinfo or Adminer script ships: environment disclosure or a database login from the web',
    detail: 'phpinfo() prints the environment (secrets included); Adminer is a database client reachable by anyone',
  },
  {
    rule: 'diagnostic-script',
    severity: 'high',
    scope: 'first-party',
    kind: 'folder',
    match: (f) => (/phpmyadmin/i.test(f.path) ? folderUpTo(f.path, (segment) => segment.toLowerCase() === 'phpmyadmin', f.isDir) : undefined),
    title: 'phpMyAdmin ships in the release',
    detail: 'a database client reachable from the web',
  },
  {
    rule: 'debug-front-controller',
    severity: 'high',
    scope: 'first-party',
    kind: 'file',
    match: (f) => (!f.isDir && f.lower.endsWith('_dev.php') && /(?:^|\/)(?:web|public|pub)\/[^/]*_dev\.php$/.test(f.path) ? f.path : undefined),
    title: 'Debug front controller ships (app_dev.php): the profiler and debug mode from the web',
    detail: 'Symfony’s dev front controller exposes the profiler, the configuration and the environment',
  },
  {
    rule: 'site-installer',
    severity: 'high',
    scope: 'first-party',
    kind: 'file',
    match: (f) => (!f.isDir && (f.base === 'installer.php' || ((f.ext === 'zip' || f.ext === 'daf') && /_archive\.(?:zip|daf)$/.test(f.lower))) ? f.path : undefined),
    // lower case only: PSR class files are capitalised (PEAR's own Installer.php is a library class)
    title: 'Site-migration installer or archive ships (Duplicator)',
    detail: 'the installer can overwrite the site and the archive is a full copy of it',
  },
  {
    rule: 'crash-log',
    severity: 'high',
    scope: 'not-samples',
    kind: 'file',
    match: (f) => (!f.isDir && f.ext === 'log' && /^hs_err_pid\d*\.log$/.test(f.lower) ? f.path : undefined),
    title: 'JVM crash log ships: process memory details',
    detail: 'crash logs hold environment, arguments and memory regions of the process',
  },
  {
    rule: 'log-file',
    severity: 'medium',
    scope: 'first-party',
    kind: 'file',
    match: (f) => (!f.isDir && (f.ext === 'log' || f.lower === 'error_log' || f.lower.startsWith('npm-debug.log')) ? f.path : undefined),
    title: 'Log file ships',
    detail: 'logs hold personal data, tokens in URLs and stack traces with paths',
  },
  {
    rule: 'archive-in-release',
    severity: 'medium',
    scope: 'first-party',
    kind: 'file',
    match: (f) => (!f.isDir && ARCHIVE_EXTENSIONS.has(f.ext) && ARCHIVE.test(f.lower) ? f.path : undefined),
    title: 'Archive inside the release: often a backup of code, configs or a dump',
    detail: 'archives in a release are downloaded as they are; keep backups out of the package',
  },
  {
    rule: 'editor-leftover',
    severity: 'low',
    scope: 'first-party',
    kind: 'file',
    match: (f) =>
      !f.isDir && ((mightBeLeftover(f) && EDITOR_LEFTOVER.test(f.base)) || f.lower === '.ds_store' || f.lower === 'thumbs.db' || f.lower === 'desktop.ini') ? f.path : undefined,
    title: 'Editor, backup or OS leftover ships',
    detail: '.DS_Store lists a folder’s files, hidden ones included; backup and swap copies are served as they are',
  },
];
