// Generates the benchmark packages: seeded, so every run and every machine measures
// the same bytes. Two shapes:
//   storefront: a node_modules tree of many small, compressible JS files;
//   magento:    vendor PHP, generated static assets and incompressible media images.
// The tree is written to disk and kept (the directory form: a deployed release), packed
// with GNU tar (.tar.gz, as a release build does) and zipped by Python's zipfile with
// deflate (.zip, as marketplace extensions and many deploy tools ship them).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A small, fast, seeded generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'function return const let var if else for while async await import export default class extends new this ' +
  'module exports require value result options config error callback promise resolve reject length index ' +
  'object array string number boolean undefined null true false typeof instanceof prototype constructor ' +
  'request response headers body status message data buffer stream encode decode parse render component ' +
  'props state context handler listener event emit dispatch reducer store cache token session cookie'
).split(' ');

/** Source-like text: words, punctuation and indentation, about as compressible as real JS. */
function corpus(next, size) {
  const parts = [];
  let length = 0;
  while (length < size) {
    const indent = '  '.repeat(Math.floor(next() * 4));
    const words = [];
    const count = 3 + Math.floor(next() * 9);
    for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]);
    const number = Math.floor(next() * 100000);
    const line = `${indent}${words.join(next() < 0.5 ? ' ' : '.')}(${number}, '${words[0]}_${number.toString(36)}');\n`;
    parts.push(line);
    length += line.length;
  }
  return Buffer.from(parts.join(''));
}

/** File sizes with a long tail, as in real dependency trees. */
function fileSize(next, median) {
  const size = Math.exp(Math.log(median) + (next() - 0.5) * 4.5);
  return Math.max(16, Math.min(Math.floor(size), 4 * 1024 * 1024));
}

async function writeTree(root, shape, scale, seed) {
  const next = random(seed);
  const text = corpus(next, 8 * 1024 * 1024);
  const slice = (size) => {
    const start = Math.floor(next() * (text.length - size - 1));
    return text.subarray(start, start + size);
  };
  const write = async (path, bytes) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), bytes);
  };
  if (shape === 'storefront') {
    const packages = Math.round(900 * scale);
    for (let p = 0; p < packages; p++) {
      const dir = `storefront/node_modules/${p % 7 === 0 ? `@scope${p % 13}/` : ''}pkg-${p}`;
      await write(`${dir}/package.json`, JSON.stringify({ name: `pkg-${p}`, version: `1.${p % 20}.${p % 7}` }, null, 2));
      const files = 20 + Math.floor(next() * 110);
      for (let f = 0; f < files; f++) {
        const kind = next();
        const ext = kind < 0.7 ? 'js' : kind < 0.85 ? 'd.ts' : kind < 0.95 ? 'js.map' : 'md';
        await write(`${dir}/${f % 3 === 0 ? 'lib/' : f % 3 === 1 ? 'dist/esm/' : ''}file-${f}.${ext}`, slice(fileSize(next, 5000)));
      }
    }
    await write('storefront/package-lock.json', slice(2 * 1024 * 1024));
  } else {
    const vendors = Math.round(350 * scale);
    for (let v = 0; v < vendors; v++) {
      const dir = `shop/vendor/vendor-${v % 40}/module-${v}`;
      await write(`${dir}/composer.json`, JSON.stringify({ name: `vendor-${v % 40}/module-${v}`, version: `2.${v % 9}.0` }));
      const files = 30 + Math.floor(next() * 90);
      for (let f = 0; f < files; f++) await write(`${dir}/src/Model/Class${f}.php`, slice(fileSize(next, 3500)));
    }
    for (let s = 0; s < Math.round(12000 * scale); s++) {
      await write(`shop/pub/static/frontend/Theme/default/en_US/js/chunk-${s}.${s % 5 === 0 ? 'css' : 'js'}`, slice(fileSize(next, 6000)));
    }
    // product images do not compress
    for (let m = 0; m < Math.round(1500 * scale); m++) {
      const bytes = Buffer.alloc(fileSize(next, 70000));
      for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(Math.floor(next() * 4294967296), Math.min(i, bytes.length - 4));
      await write(`shop/pub/media/catalog/product/${m % 16}/${m % 10}/image-${m}.jpg`, bytes);
    }
    await write('shop/composer.lock', slice(600 * 1024));
  }
}

/** Python's zipfile, deflate at zlib's default level, entries in sorted walk order (directories too). */
const ZIP_SCRIPT = `
import os, sys, zipfile
tree, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zf:
    for top, dirs, files in os.walk(tree):
        dirs.sort()
        rel = os.path.relpath(top, tree)
        if rel != '.':
            zf.write(top, rel)
        for name in sorted(files):
            zf.write(os.path.join(top, name), os.path.join(rel, name) if rel != '.' else name)
`;

/**
 * The three forms of a shape, made once and kept under `cacheDir`: the tree itself
 * (the directory form), its .tar.gz and its .zip.
 */
export async function benchForms(cacheDir, shape, scale = 1) {
  const base = join(cacheDir, `${shape}-x${scale}`);
  const forms = { 'tar.gz': `${base}.tar.gz`, zip: `${base}.zip`, dir: `${base}.dir` };
  if (!existsSync(`${base}.made`)) {
    await rm(forms.dir, { recursive: true, force: true });
    await rm(forms['tar.gz'], { force: true });
    await rm(forms.zip, { force: true });
    process.stderr.write(`generating the ${shape} package (once; kept in ${cacheDir}) …\n`);
    await writeTree(forms.dir, shape, scale, shape === 'storefront' ? 1 : 2);
    // a marker beside the tree, not in it: the tree is what the bench scans
    await writeFile(`${base}.made`, '');
  }
  if (!existsSync(forms['tar.gz'])) {
    execFileSync('tar', ['-czf', `${forms['tar.gz']}.partial`, '--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-C', forms.dir, '.']);
    execFileSync('mv', [`${forms['tar.gz']}.partial`, forms['tar.gz']]);
  }
  if (!existsSync(forms.zip)) {
    process.stderr.write(`zipping the ${shape} package with Python's zipfile …\n`);
    execFileSync(process.env.BENCH_PYTHON ?? 'python3', ['-c', ZIP_SCRIPT, forms.dir, `${forms.zip}.partial`]);
    execFileSync('mv', [`${forms.zip}.partial`, forms.zip]);
  }
  return forms;
}

/** The .tar.gz of a shape, made once and kept under `cacheDir`. */
export async function benchPackage(cacheDir, shape, scale = 1) {
  return (await benchForms(cacheDir, shape, scale))['tar.gz'];
}
