import type { DraftFinding } from '../../findings/draft.js';
import type { Manifest, ManifestCheck } from '../check.js';
import { checkFinding, examples, sortFindings } from '../check-finding.js';

/** Distinct owners told apart, at most: past that the package is one finding on its own. */
const MAX_OWNERS = 1000;
const EXAMPLES = 5;

interface Owner {
  uid: number;
  gid: number;
  count: number;
  paths: string[];
}

/**
 * Owners, where the package records them. GNU tar run as root restores them, so a
 * file owned by uid 501 belongs to whoever is 501 on the server.
 *
 * The decision: a package owned by one uid:gid throughout is normalised, whatever the
 * ids (0:0 from `--owner=0 --group=0 --numeric-owner`, or the deploy user's), and is
 * not a finding: a deployed tree read from disk is owned by its deploy user. Mixed
 * owners are the sign of a release assembled from several places (a laptop's uid in a
 * CI build); each owner other than the majority is one finding, with a count and a few
 * paths. Gids are part of the owner. Entries without an owner (zips without Info-ZIP's
 * `ux` field) are not counted.
 */
export class OwnersCheck implements ManifestCheck {
  readonly name = 'owners';

  check(manifest: Manifest): DraftFinding[] {
    const owners = new Map<string, Owner>();
    // entries come in runs of one owner: the last one found is asked first, without a key string
    let last: Owner | undefined;
    const note = (path: string, uid: number | undefined, gid: number | undefined): boolean => {
      if (uid === undefined) return true;
      let owner = last !== undefined && last.uid === uid && last.gid === (gid ?? uid) ? last : owners.get(`${uid}:${gid ?? uid}`);
      if (!owner) {
        if (owners.size >= MAX_OWNERS) return false;
        owners.set(`${uid}:${gid ?? uid}`, (owner = { uid, gid: gid ?? uid, count: 0, paths: [] }));
      }
      last = owner;
      owner.count++;
      if (owner.paths.length < EXAMPLES) owner.paths.push(path);
      return true;
    };
    if (manifest.root) note('.', manifest.root.uid, manifest.root.gid);
    for (const file of manifest.files) {
      if (!note(file.path, file.uid, file.gid)) return [tooMany()];
    }
    if (owners.size < 2) return [];

    const ranked = [...owners.values()].sort((a, b) => b.count - a.count || a.uid - b.uid || a.gid - b.gid);
    const majority = ranked[0] as Owner;
    const findings: DraftFinding[] = [];
    for (const owner of ranked.slice(1)) {
      const root = owner.uid === 0;
      findings.push(
        checkFinding({
          kind: 'permission',
          severity: 'medium',
          rule: 'mixed-owner',
          subject: `${owner.uid}:${owner.gid}`,
          subjectIsPath: false,
          path: owner.paths[0] as string,
          title: `${owner.count.toLocaleString('en-US')} ${owner.count === 1 ? 'entry is' : 'entries are'} owned by ${owner.uid}:${owner.gid}, the rest of the package by ${majority.uid}:${majority.gid}`,
          detail: `${root ? 'root-owned entries in a package of another owner cannot be changed by the deploy user' : `uid ${owner.uid} is whoever has that id on the server once GNU tar restores owners as root`}; e.g. ${examples(owner.paths, EXAMPLES)}; pack with --owner=0 --group=0 --numeric-owner, or extract with --no-same-owner`,
        }),
      );
    }
    return sortFindings(findings);
  }
}

function tooMany(): DraftFinding {
  return checkFinding({
    kind: 'permission',
    severity: 'medium',
    rule: 'mixed-owner',
    subject: 'many-owners',
    subjectIsPath: false,
    title: `More than ${MAX_OWNERS} different owners in one package`,
    detail: 'a release is normally owned by one uid:gid; pack with --owner=0 --group=0 --numeric-owner',
  });
}
