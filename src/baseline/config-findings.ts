import { describeChange } from '../findings/describe-change.js';
import type { DraftFinding } from '../findings/draft.js';
import type { ConfigChange, PathState, Severity } from '../model.js';

/** Files whose change alters what the server executes, who may run what, or which secrets ship. */
const HIGH_RISK =
  /(?:^|\/)(?:app\/etc\/env\.php|\.htaccess|\.user\.ini|php\.ini|php-fpm[^/]*\.conf|www\.conf|nginx[^/]*\.conf(?:\.sample)?|httpd[^/]*\.conf|[^/]*\.vhost|crontab|[^/]*\.cron|sudoers|[^/]*\.(?:service|timer|socket)|supervisor[^/]*\.conf|Procfile|Dockerfile[^/]*|[^/]*\.dockerfile|docker-compose[^/]*\.ya?ml|\.dockerignore|\.env(?:\.[^/]*)?|auth\.json|\.npmrc|deploy\.(?:php|rb)|Capfile|wp-config[^/]*\.php|\.gitlab-ci\.yml|Jenkinsfile|bitbucket-pipelines\.yml)$|(?:^|\/)(?:cron\.d|crontabs|sudoers\.d|sites-enabled|sites-available|\.github\/workflows)\//;

/** One config-change finding per monitored path that differs from the baseline. */
export function configFindings(changes: readonly ConfigChange[]): DraftFinding[] {
  return changes.map((change) => {
    const after = change.after;
    const finding: DraftFinding = {
      kind: 'config-change',
      severity: severityOf(change),
      title: `${change.path} ${describeChange(change)}`,
      path: change.path,
      rule: 'monitored-file',
      // what the change leads to, never where in the file: the same change has the same id
      identity: { subject: change.path, aspect: `${change.changes.join('+')}:${after?.sha256 ?? ''}:${after?.mode ?? ''}:${after?.link ?? ''}:${after?.uid ?? ''}` },
    };
    if (change.diffOmitted) finding.detail = `no diff: ${change.diffOmitted}`;
    return finding;
  });
}

function severityOf(change: ConfigChange): Severity {
  if (HIGH_RISK.test(change.path)) return 'high';
  if (change.changes.includes('mode') && loosened(change.before, change.after)) return 'high';
  return 'medium';
}

/** The new mode grants what the old did not: world write, setuid, setgid. */
function loosened(before: PathState | undefined, after: PathState | undefined): boolean {
  if (!before || !after) return false;
  const gained = Number.parseInt(after.mode, 8) & ~Number.parseInt(before.mode, 8);
  return (gained & 0o6002) !== 0;
}
