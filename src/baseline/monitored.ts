import { trimChars } from '../util/trim.js';
import picomatch from 'picomatch';

/**
 * Config and system files whose every change a reviewer must see:
 * web server and PHP settings, platform configs, schedulers and services, containers,
 * secrets files, deploy scripts and CI files shipped inside the package.
 */
const DEFAULT_MONITORED: readonly string[] = [
  // web server and PHP
  '**/.htaccess',
  '**/.user.ini',
  '**/php.ini',
  '**/php-fpm*.conf',
  '**/php-fpm.d/*.conf',
  '**/www.conf',
  '**/nginx*.conf',
  '**/nginx.conf.sample',
  '**/*.vhost',
  '**/sites-available/**',
  '**/sites-enabled/**',
  '**/conf.d/*.conf',
  '**/httpd*.conf',
  '**/apache2/**/*.conf',
  // platforms
  '**/app/etc/*.php',
  '**/app/etc/*.xml',
  'config/**',
  '*/config/**',
  '**/wp-config*.php',
  '**/app/config/parameters.php',
  '**/config/settings.inc.php',
  '**/config/defines.inc.php',
  '**/medusa-config.*',
  '**/next.config.*',
  // schedulers, services, process managers
  '**/crontab',
  '**/*.cron',
  '**/cron.d/**',
  '**/crontabs/**',
  '**/*.service',
  '**/*.timer',
  '**/*.socket',
  '**/supervisor*.conf',
  '**/supervisor/conf.d/**',
  '**/Procfile',
  '**/ecosystem.config.*',
  '**/sudoers',
  '**/sudoers.d/**',
  // containers
  '**/Dockerfile*',
  '**/*.dockerfile',
  '**/docker-compose*.yml',
  '**/docker-compose*.yaml',
  '**/compose.yml',
  '**/compose.yaml',
  '**/.dockerignore',
  // secrets and registries
  '**/.env',
  '**/.env.*',
  '**/.npmrc',
  '**/auth.json',
  // deploy scripts
  '**/deploy.php',
  '**/deploy.rb',
  '**/Capfile',
  '**/config/deploy/*.rb',
  '**/.mage.yml',
  '**/hosts.yml',
  // CI files inside the package
  '**/.gitlab-ci.yml',
  '**/.github/workflows/*',
  '**/bitbucket-pipelines.yml',
  '**/Jenkinsfile',
  '**/.circleci/config.yml',
  '**/azure-pipelines.yml',
];

/** Dependency trees: their files change with every upgrade, which the package diff already shows. */
const DEPENDENCY_TREE = /(?:^|\/)(?:node_modules|bower_components|\.yarn|site-packages|\.pnpm-store)\//;

export interface MonitorOptions {
  /** More globs to monitor. */
  add?: readonly string[];
  /** Globs to stop monitoring (a default included). */
  remove?: readonly string[];
}

/**
 * Is a path a monitored config or system file? This runs for every entry of the
 * package, so each glob is guarded by a literal its matches must contain (`.htaccess`,
 * `app/etc`, `cron.d`): one search over all the literals at once, and a glob's own
 * (slow) expression only for the few paths that hold its literal.
 */
export function monitorMatcher(options: MonitorOptions = {}): (path: string) => boolean {
  const removed = new Set(options.remove ?? []);
  const defaults = guarded(DEFAULT_MONITORED.filter((glob) => !removed.has(glob)));
  const unmonitored = (options.remove ?? []).filter((glob) => !DEFAULT_MONITORED.includes(glob));
  // the policy's globs are written relative to the package root (`deploy/**`): they match
  // a path as stored (`shop-2.4.7/deploy/x.sh`, while the pass runs) or inside its top folder
  const excluded = unmonitored.length > 0 ? relative(guarded(unmonitored)) : undefined;
  const added = options.add && options.add.length > 0 ? relative(guarded(options.add)) : undefined;
  const monitored = (path: string): boolean => defaults(path) || (added?.(path) ?? false);
  return (path) => {
    // the defaults stay out of dependency trees (most of a storefront's entries); user globs may reach in
    const inTree = DEPENDENCY_TREE.test(path);
    if (inTree && !added) return false;
    if (!monitored(path) || excluded?.(path)) return false;
    return !inTree || (added?.(path) ?? false);
  };
}

/** A matcher that also tries the path without its first folder (the package's top folder, while the pass runs). */
function relative(match: (path: string) => boolean): (path: string) => boolean {
  return (path) => {
    if (match(path)) return true;
    const slash = path.indexOf('/');
    return slash > 0 && match(path.slice(slash + 1));
  };
}

/** The longest run of a glob that every match contains (slashes at its ends may be a `**` boundary). */
function requiredLiteral(glob: string): string {
  const chunks = glob.split(/[*?[\]{}()!+@|\\]+/).map((chunk) => trimChars(chunk, '/'));
  return chunks.reduce((longest, chunk) => (chunk.length > longest.length ? chunk : longest), '');
}

function guarded(globs: readonly string[]): (path: string) => boolean {
  const compiled = globs.map((glob) => ({ literal: requiredLiteral(glob), regex: picomatch.makeRe(glob, { dot: true }) }));
  const always = compiled.filter((glob) => glob.literal.length < 3);
  const literals = [...new Set(compiled.filter((glob) => glob.literal.length >= 3).map((glob) => glob.literal))];
  const prefilter = literals.length > 0 ? new RegExp(literals.map((literal) => literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')) : undefined;
  return (path) => {
    if (always.some((glob) => glob.regex.test(path))) return true;
    if (!prefilter?.test(path)) return false;
    return compiled.some((glob) => glob.literal.length >= 3 && path.includes(glob.literal) && glob.regex.test(path));
  };
}
