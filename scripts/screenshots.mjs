// The README's pictures of what a reviewer sees: the pull request comment and the job
// summary of the example release pair, rendered as GitHub renders Markdown (GFM, its
// stylesheet) and photographed by headless Chromium (Debian's `chromium` package).
//
//   node scripts/screenshots.mjs                 writes docs/comment.png and docs/summary.png
//   node scripts/screenshots.mjs --measure a.md  prints the rendered height of Markdown files
//
// The comment is made by the action's own function (src/action/pr-comment.ts) and the
// summary by the renderer the action and --summary use, bundled here with esbuild; the
// run and artifact links are the example's, and the date is fixed so the pictures only
// change when the layout does. CHROMIUM names another browser binary.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { requireShim } from './bundle-options.mjs';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
/** The flags the pictures are made with: no network, no profile, nothing but the page. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars', '--force-device-scale-factor=1'];
/** GitHub's widths: a pull request comment's body, and a job summary's. */
const WIDTH = { comment: 780, summary: 1012 };

const work = await mkdtemp(join(tmpdir(), 'release-gate-screenshots-'));
try {
  const measure = process.argv.indexOf('--measure');
  if (measure >= 0) {
    for (const file of process.argv.slice(measure + 1)) console.log(`${file}: ${await height(await page(await readFile(file, 'utf8'), WIDTH.comment), WIDTH.comment)} px`);
  } else {
    const { comment, summary } = await renderExample();
    for (const [name, markdown] of [
      ['comment', comment],
      ['summary', summary],
    ]) {
      const html = await page(markdown, WIDTH[name]);
      const tall = await height(html, WIDTH[name]);
      const png = join(ROOT, 'docs', `${name}.png`);
      chromium([`--window-size=${WIDTH[name]},${tall}`, `--screenshot=${png}`, pathToFileURL(html).href]);
      console.log(`docs/${name}.png: ${WIDTH[name]} × ${tall} px`);
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

/** The example's comment and summary, as the action renders them. */
async function renderExample() {
  const entry = `
    import { scan } from './src/scan.ts';
    import { commentBody } from './src/action/pr-comment.ts';
    import { renderMarkdown } from './src/report/markdown.ts';
    export async function render() {
      const report = await scan({ target: 'examples/store-1.4.0.tar.gz', baseline: 'examples/store-1.3.0.tar.gz', advisories: ['examples/advisories'], offline: true, today: '2026-12-01' });
      const run = { owner: 'shop', repo: 'storefront', pullRequest: 42, runUrl: 'https://github.com/shop/storefront/actions/runs/4242' };
      const reportUrl = 'https://github.com/shop/storefront/actions/runs/4242/artifacts/7';
      return {
        comment: commentBody(report, run, { packageKey: 'examples-store-N.N.N.tar.gz', reportUrl }),
        summary: renderMarkdown(report, { runUrl: run.runUrl, reportUrl, today: '2026-12-01' }),
      };
    }`;
  const out = join(work, 'render.mjs');
  await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
    banner: { js: requireShim },
  });
  const { render } = await import(pathToFileURL(out).href);
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return await render();
  } finally {
    process.chdir(cwd);
  }
}

/** Markdown as GitHub shows it: GFM, its stylesheet, the width of the frame. */
async function page(markdown, width) {
  const css = await readFile(join(ROOT, 'node_modules/github-markdown-css/github-markdown-light.css'), 'utf8');
  const body = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  const html = join(work, `page-${width}-${Math.random().toString(36).slice(2)}.html`);
  await writeFile(
    html,
    `<!doctype html><html><head><meta charset="utf-8"><style>${css}
      html, body { margin: 0; background: #fff; }
      .markdown-body { box-sizing: border-box; width: ${width}px; padding: 16px; }
    </style></head><body><article class="markdown-body">${body}</article>
    <script>document.body.setAttribute('data-height', String(Math.ceil(document.querySelector('article').getBoundingClientRect().height)));</script>
    </body></html>`,
  );
  return html;
}

/** The rendered height of a page, as Chromium lays it out at that width. */
async function height(html, width) {
  const dom = chromium([`--window-size=${width},800`, '--virtual-time-budget=1000', '--dump-dom', pathToFileURL(html).href]);
  const found = /data-height="(\d+)"/.exec(dom);
  if (!found) throw new Error(`Chromium did not lay out ${html}`);
  return Number(found[1]);
}

function chromium(args) {
  // a fresh profile each time: nothing of an earlier run, or of the machine's user
  const profile = join(work, `profile-${Math.random().toString(36).slice(2)}`);
  return execFileSync(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}
