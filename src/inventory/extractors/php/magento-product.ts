// Magento's product identity. One release of Magento is known by several Composer names:
// the metapackage a composer project installs (magento/product-community-edition), the
// base package that carries the files (magento/magento2-base), the root project of a
// composer project (magento/project-community-edition) or of a git clone
// (magento/magento2ce), and the name the GitHub advisory database files it under
// (magento/community-edition), which no install ever has. Advisories are filed under
// some of these names and not others, so the package that stands for the product
// carries the others as aliases.
//
// Module packages (magento/module-catalog 104.0.6-p2) have version lines of their own and
// never get these aliases: a product range such as <2.4.6-p3 compared with a module
// version would be nonsense.
import type { ExtractedPackage } from '../extractor.js';

const CE = {
  advisory: 'magento/community-edition',
  metapackage: 'magento/product-community-edition',
  base: 'magento/magento2-base',
  project: 'magento/project-community-edition',
  monorepo: 'magento/magento2ce',
} as const;

const EE = {
  metapackage: 'magento/product-enterprise-edition',
  /** The name Composer installs; `magento2ee-base` is how some advisories and notes spell it. */
  base: 'magento/magento2-ee-base',
  baseAltSpelling: 'magento/magento2ee-base',
  project: 'magento/project-enterprise-edition',
  cloud: 'magento/magento-cloud-metapackage',
} as const;

/** Magento Open Source: every name of the community edition. */
const COMMUNITY_NAMES: readonly string[] = Object.values(CE);
/**
 * Adobe Commerce contains all of Magento Open Source, so advisories under community names
 * apply to it too; the reverse is not true (a Commerce-only flaw is no flaw of an Open
 * Source store), so community products never get the enterprise names.
 */
const COMMERCE_NAMES: readonly string[] = [...COMMUNITY_NAMES, ...Object.values(EE)];

/**
 * Which package stands for the product, best first: the metapackage's version is the
 * release, magento2-base's follows it, the root project's is the last resort (a git
 * clone has nothing else).
 */
const METAPACKAGES: readonly string[] = [EE.metapackage, CE.metapackage, EE.cloud];
const BASES: readonly string[] = [EE.base, EE.baseAltSpelling, CE.base];
const ROOTS: readonly string[] = [EE.project, CE.project, CE.monorepo];
const COMMERCE_ONLY = new Set<string>(Object.values(EE));

/**
 * The packages of one Composer file with the product identity marked: the package that
 * stands for the product (see above) gets every other name of its edition as aliases.
 * `root` is the file's root project, when the file names one (installed.php) or is one
 * (a root composer.json); it is added as a package only when it is what stands for the
 * product, since a shop's own root project is no component of its own.
 */
export function markMagentoProduct(packages: ExtractedPackage[], root?: ExtractedPackage): ExtractedPackage[] {
  const byName = new Map<string, ExtractedPackage>();
  for (const pkg of packages) if (!byName.has(pkg.name)) byName.set(pkg.name, pkg);
  const rootCandidate = root && ROOTS.includes(root.name) && !byName.has(root.name) ? root : undefined;

  let carrier: ExtractedPackage | undefined;
  for (const name of [...METAPACKAGES, ...BASES, ...ROOTS]) carrier ??= byName.get(name);
  carrier ??= rootCandidate;
  if (!carrier) return packages;

  const names = [...byName.keys(), ...(rootCandidate ? [rootCandidate.name] : [])];
  const commerce = names.some((name) => COMMERCE_ONLY.has(name));
  const aliases = (commerce ? COMMERCE_NAMES : COMMUNITY_NAMES).filter((name) => name !== carrier.name).sort();
  const marked = { ...carrier, aliases };
  const out = packages.map((pkg) => (pkg === carrier ? marked : pkg));
  if (carrier === rootCandidate) out.push(marked);
  return out;
}
