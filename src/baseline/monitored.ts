import picomatch from 'picomatch';

/**
 * Config and system files whose every change a reviewer must see (DOMAIN.md §1, §1.9):
 * web server and PHP settings, platform configs, schedulers and services, containers,
 * secrets files, deploy scripts and CI files shipped inside the package.
 */
export const DEFAULT_MONITORED: readonly string[] = [
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
 * Is a path a monitored config or system file? All globs are compiled into one regular
 * expression: this runs for every entry of the package.
 */
export function monitorMatcher(options: MonitorOptions = {}): (path: string) => boolean {
  const removed = new Set(options.remove ?? []);
  const globs = [...DEFAULT_MONITORED.filter((glob) => !removed.has(glob)), ...(options.add ?? [])];
  const unmonitored = (options.remove ?? []).filter((glob) => !DEFAULT_MONITORED.includes(glob));
  const combined = combine(globs);
  const excluded = unmonitored.length > 0 ? combine(unmonitored) : undefined;
  const added = options.add && options.add.length > 0 ? combine(options.add) : undefined;
  return (path) => {
    if (!combined.test(path)) return false;
    if (excluded?.test(path)) return false;
    // user globs may reach into dependency trees; the defaults stay out of them
    return !DEPENDENCY_TREE.test(path) || (added?.test(path) ?? false);
  };
}

function combine(globs: readonly string[]): RegExp {
  if (globs.length === 0) return /$^/;
  return new RegExp(globs.map((glob) => `(?:${picomatch.makeRe(glob, { dot: true }).source})`).join('|'));
}
