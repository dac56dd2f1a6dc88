// Writes the table of well-known browser library files: for every published version
// of each library below, the SHA-256 of the files people copy into a theme (the dist
// builds: jquery.min.js, bootstrap.bundle.js, moment.min.js…), truncated, mapped to the
// npm package and version that published them. A copy without its banner (moment.min.js
// has none) is still recognised when it is byte-identical to one of them.
//
//   node scripts/browser-library-hashes.mjs            # needs the npm registry
//   node scripts/browser-library-hashes.mjs --offline  # only what .cache/ already holds
//
// Tarballs come from `npm pack` (the registry configured for npm) and are kept in
// .cache/browser-libraries/, so a second run downloads only new versions. Only final
// releases (x.y.z) are read. A hash published under two names or versions says nothing
// about which one a copy is, so it is left out (and counted). The table is written to
// src/inventory/extractors/javascript/browser-library-hashes.json, sorted, so the same
// registry gives the same bytes.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as tar from 'tar';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const cache = join(root, '.cache', 'browser-libraries');
const output = join(root, 'src/inventory/extractors/javascript/browser-library-hashes.json');
const offline = process.argv.includes('--offline');

/** Hex digits of SHA-256 kept per file: 64 bits, so a chance match among 100,000 files is about 1 in 10^10. */
const PREFIX = 16;

/**
 * The npm package each library is published as (the name OSV files its advisories
 * under), and which files of its tarball (path after `package/`) are the copies people
 * make. Sources, tests, documentation, locales and plugins are left out.
 */
const LIBRARIES = [
  { name: 'jquery', files: /^(?:dist\/|tmp\/)?jquery(?:\.slim)?(?:\.min)?\.js$/ },
  { name: 'jquery-ui', files: /^(?:dist\/)?jquery-ui(?:\.min)?\.js$|^ui\/(?:widgets\/|effects\/)?[\w.-]+\.js$/ },
  { name: 'jquery-migrate', files: /^(?:dist\/)?jquery-migrate(?:\.min)?\.js$/ },
  { name: 'jquery-validation', files: /^dist\/(?:jquery\.validate|additional-methods)(?:\.min)?\.js$/ },
  { name: 'jquery-form', files: /^(?:dist\/)?jquery\.form(?:\.min)?\.js$/ },
  { name: 'datatables.net', files: /^js\/jquery\.dataTables(?:\.min)?\.js$/ },
  { name: 'bootstrap-select', files: /^dist\/js\/bootstrap-select(?:\.min)?\.js$/ },
  { name: 'bootstrap', files: /^(?:dist\/)?js\/bootstrap(?:\.bundle)?(?:\.min)?\.js$|^js\/[a-z]+\.js$/ },
  { name: 'moment', files: /^(?:min\/)?moment(?:-with-locales)?(?:\.min)?\.js$/ },
  { name: 'moment-timezone', files: /^(?:builds\/)?moment-timezone(?:-with-data(?:-[\d-]+|-10-year-range)?)?(?:\.min)?\.js$/ },
  { name: 'lodash', files: /^(?:dist\/)?lodash(?:\.core|\.compat|\.underscore|\.legacy)?(?:\.min)?\.js$|^core(?:\.min)?\.js$/ },
  { name: 'underscore', files: /^underscore(?:-min|-umd|-umd-min)?\.js$/ },
  { name: 'backbone', files: /^backbone(?:-min)?\.js$/ },
  { name: 'handlebars', files: /^dist\/handlebars(?:\.runtime)?(?:\.min)?\.js$/ },
  { name: 'mustache', files: /^mustache(?:\.min)?\.js$/ },
  { name: 'angular', files: /^angular(?:\.min)?\.js$/ },
  { name: 'vue', files: /^dist\/vue(?:\.runtime)?(?:\.global)?(?:\.min|\.prod)?\.js$/ },
  { name: 'react', files: /^(?:umd\/react\.(?:production\.min|development|profiling\.min)|dist\/react(?:-with-addons)?(?:\.min)?)\.js$/ },
  { name: 'react-dom', files: /^(?:umd\/react-dom\.(?:production\.min|development|profiling\.min)|dist\/react-dom(?:\.min)?)\.js$/ },
  { name: 'dompurify', files: /^(?:dist\/)?purify(?:\.min)?\.js$/ },
  { name: 'knockout', files: /^build\/output\/knockout-latest(?:\.debug)?\.js$/ },
  { name: 'requirejs', files: /^require\.js$/ },
  { name: 'tinymce', files: /^tinymce(?:\.min)?\.js$/ },
  { name: 'ckeditor', files: /^ckeditor\.js$/ },
  { name: 'ckeditor4', files: /^ckeditor\.js$/ },
  { name: 'select2', files: /^(?:dist\/js\/)?select2(?:\.full)?(?:\.min)?\.js$/ },
  { name: 'chosen-js', files: /^chosen\.(?:jquery|proto)(?:\.min)?\.js$/ },
  { name: 'swiper', files: /^(?:dist\/js\/|js\/)?swiper(?:-bundle)?(?:\.min)?\.js$/ },
  { name: 'slick-carousel', files: /^slick\/slick(?:\.min)?\.js$/ },
  { name: 'owl.carousel', files: /^dist\/owl\.carousel(?:\.min)?\.js$/ },
  { name: 'highcharts', files: /^(?:highcharts|highstock|highmaps)(?:\.src)?\.js$/ },
  { name: 'chart.js', files: /^dist\/(?:Chart|chart)(?:\.bundle)?(?:\.umd)?(?:\.min)?\.js$/ },
  { name: 'plupload', files: /^js\/(?:plupload\.full\.min|plupload\.min|plupload\.dev|moxie|moxie\.min)\.js$/ },
  { name: 'dojo', files: /^dojo\.js$/ },
];

const FINAL = /^\d+\.\d+\.\d+$/;

async function npm(args) {
  const { stdout } = await run('npm', args, { cwd: cache, maxBuffer: 1 << 28, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return stdout;
}

/** `jquery` 3.4.1 → jquery-3.4.1.tgz, as npm pack names it (`@scope/x` → scope-x-…). */
const tarball = (name, version) => `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`;

async function versionsOf(name) {
  if (offline) {
    const prefix = tarball(name, '').slice(0, -'.tgz'.length);
    const versions = (await readdir(cache)).filter((file) => file.startsWith(prefix) && file.endsWith('.tgz')).map((file) => file.slice(prefix.length, -'.tgz'.length));
    return versions.filter((version) => FINAL.test(version));
  }
  const listed = JSON.parse(await npm(['view', name, 'versions', '--json']));
  return (Array.isArray(listed) ? listed : [listed]).filter((version) => FINAL.test(version));
}

/** Downloads the tarballs not in the cache yet, a batch at a time (one batch failing falls back to one at a time). */
async function download(name, versions) {
  const missing = versions.filter((version) => !existsSync(join(cache, tarball(name, version))));
  for (let start = 0; start < missing.length; start += 25) {
    const batch = missing.slice(start, start + 25);
    process.stderr.write(`  npm pack ${name} × ${batch.length}\n`);
    try {
      await npm(['pack', '--silent', ...batch.map((version) => `${name}@${version}`)]);
    } catch {
      for (const version of batch) {
        await npm(['pack', '--silent', `${name}@${version}`]).catch((error) => process.stderr.write(`  ${name}@${version}: ${String(error.message).split('\n')[0]}\n`));
      }
    }
  }
}

/** SHA-256 (truncated) of each selected file of one tarball. */
async function hashes(file, select) {
  const found = [];
  await tar.t({
    file,
    onReadEntry(entry) {
      const path = entry.path.replace(/^[^/]+\//, '');
      if (entry.type !== 'File' || !select.test(path)) {
        entry.resume();
        return;
      }
      const hash = createHash('sha256');
      entry.on('data', (chunk) => hash.update(chunk));
      entry.on('end', () => found.push({ path, sha: hash.digest('hex').slice(0, PREFIX) }));
    },
  });
  return found;
}

await mkdir(cache, { recursive: true });
/** hash → every name@version that published it */
const owners = new Map();
const counts = [];
for (const { name, files } of LIBRARIES) {
  const versions = await versionsOf(name);
  if (!offline) await download(name, versions);
  let hashed = 0;
  for (const version of versions) {
    const file = join(cache, tarball(name, version));
    if (!existsSync(file)) continue;
    for (const { sha } of await hashes(file, files)) {
      const owner = `${name}@${version}`;
      const list = owners.get(sha) ?? [];
      if (!list.includes(owner)) list.push(owner);
      owners.set(sha, list);
      hashed++;
    }
  }
  counts.push(`${name}: ${versions.length} versions, ${hashed} files`);
}

// one line per published version, `name version <digest><digest>…` (fixed-width digests), sorted
const byOwner = new Map();
let ambiguous = 0;
let kept = 0;
for (const [sha, list] of owners) {
  if (list.length > 1) {
    ambiguous++;
    continue;
  }
  byOwner.set(list[0], [...(byOwner.get(list[0]) ?? []), sha]);
  kept++;
}
const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const entries = [...byOwner]
  .map(([owner, shas]) => {
    const at = owner.lastIndexOf('@');
    return `${owner.slice(0, at)} ${owner.slice(at + 1)} ${shas.sort(order).join('')}`;
  })
  .sort(order);
const text = `{"prefix":${PREFIX},"entries":[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]}\n`;
await writeFile(output, text);
process.stderr.write(`${counts.join('\n')}\n${kept} digests kept, ${ambiguous} left out (published under several versions), ${text.length} bytes → ${output}\n`);
