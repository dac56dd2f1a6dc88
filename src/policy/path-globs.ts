import picomatch from 'picomatch';
import type { Finding } from '../model.js';
import type { Acceptance } from './acceptance.js';

/**
 * Globs of the policy that match a finding only when written with the package's top
 * folder (`store-1.4.0/shop/pub/media/**`): paths leave that folder out, and the next
 * release renames it, so such a glob matches nothing. One warning each, naming the glob
 * to write instead.
 */
export function topFolderWarnings(policy: { ignore?: readonly string[]; accept?: readonly Acceptance[] }, findings: readonly Finding[], root: string): string[] {
  const globs = [
    ...(policy.ignore ?? []).map((glob, i) => ({ where: `ignore[${i}]`, glob })),
    ...(policy.accept ?? []).flatMap((acceptance, i) => (acceptance.path === undefined ? [] : [{ where: `accept[${i}].path`, glob: acceptance.path }])),
  ];
  const paths = findings.flatMap((finding) => (finding.path === undefined ? [] : [finding.path]));
  const warnings: string[] = [];
  for (const { where, glob } of globs) {
    const matches = picomatch(glob, { dot: true });
    if (paths.some((path) => matches(path))) continue;
    const named = root !== '' && (glob === root || glob.startsWith(`${root}/`));
    const withTop = root !== '' && paths.some((path) => matches(`${root}/${path}`));
    if (!named && !withTop) continue;
    const fix = withoutFirstSegment(glob);
    warnings.push(
      `the policy's ${where} '${glob}' matches only with the package's top folder (${root}/), which paths leave out and the next release renames; write '${fix}'`,
    );
  }
  return warnings;
}

/** `store-1.4.0/shop/**` → `shop/**`; `*\/shop/**` → `shop/**`. */
function withoutFirstSegment(glob: string): string {
  const slash = glob.indexOf('/');
  const rest = slash < 0 ? '**' : glob.slice(slash + 1);
  return rest === '' ? '**' : rest;
}
