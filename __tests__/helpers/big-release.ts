// A generated release of a store with 4,000 findings, most of them low (the kind of
// noise that used to fill a comment before the grave ones were shown), and a few grave
// ones: a customer dump, a platform secrets file with a password, a vulnerable package.
// Packed with a versioned top folder, against a previous release that had part of the
// noise already.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TarWriter } from './tar-writer.js';

export const NOISE = 4000;

function release(top: string, noise: number, grave: boolean): Buffer {
  const tar = new TarWriter().entry({ path: `${top}/`, type: 'Directory', mode: 0o755 });
  // setuid folders: low findings (a careless chmod), one each
  for (let i = 0; i < noise; i++) tar.entry({ path: `${top}/pub/media/catalog/product/cache/${i}/`, type: 'Directory', mode: 0o4755 });
  tar.file(`${top}/index.php`, '<?php\n');
  tar.file(`${top}/storefront/package-lock.json`, JSON.stringify({ name: 'storefront', lockfileVersion: 3, packages: { '': { name: 'storefront' }, 'node_modules/axios': { version: grave ? '0.21.1' : '1.6.0' } } }));
  if (grave) {
    tar.file(`${top}/var/backups/customers.sql`, "-- MySQL dump 10.13  Distrib 8.0.36\nINSERT INTO `customer_entity` VALUES (1,'ann@example.com','$2y$10$abcdefghijklmnopqrstuv');\n");
    // the password is made of pieces: no credential-looking literal sits in the source
    tar.file(`${top}/app/etc/env.php`, `<?php\nreturn ['db' => ['connection' => ['default' => ['password' => '${['Vb7', 'qL2', 'xN9', 'wR4', 'mT8'].join('')}']]]];\n`);
  }
  return gzipSync(tar.end());
}

/** The release (4,000 new low findings and the grave ones) and its baseline (a quarter of the noise, nothing grave). */
export async function bigRelease(work: string): Promise<{ target: string; baseline: string }> {
  const target = join(work, 'store-2.0.0.tar.gz');
  const baseline = join(work, 'store-1.9.0.tar.gz');
  await writeFile(target, release('store-2.0.0', NOISE, true));
  await writeFile(baseline, release('store-1.9.0', NOISE / 4, false));
  return { target, baseline };
}
