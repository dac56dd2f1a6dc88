import type { ConfigChange } from '../model.js';

/** A config change in words (`mode 0640 → 0666, changed`): the finding's title and every renderer say it the same way. */
export function describeChange(change: ConfigChange): string {
  const { before, after } = change;
  const parts = change.changes.map((aspect) => {
    switch (aspect) {
      case 'added':
        return 'added';
      case 'removed':
        return 'removed';
      case 'content':
        return 'changed';
      case 'mode':
        return `mode ${before?.mode ?? '?'} → ${after?.mode ?? '?'}`;
      case 'owner':
        return `owner ${before?.uid ?? '?'}:${before?.gid ?? '?'} → ${after?.uid ?? '?'}:${after?.gid ?? '?'}`;
      case 'type':
        return `now a ${after?.type ?? '?'} (was a ${before?.type ?? '?'})`;
      case 'link':
        return `link ${before?.link ?? '?'} → ${after?.link ?? '?'}`;
    }
  });
  return parts.join(', ');
}
