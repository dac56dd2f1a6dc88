// Which browser library a copied file is, from the comments it opens with: the banner
// every library's build writes (`/*! jQuery v3.4.1 | (c) OpenJS Foundation…`,
// `Bootstrap v4.3.1 (https://getbootstrap.com/)`, `//! moment.js` + `//! version : 2.29.1`).
// Only the comments at the very start of the file are read, so a bundle that quotes a
// banner further down (a licence list, a webpack chunk) is never taken for the library.
// Some builds keep their version in code instead: in the first lines (Lodash's
// `var VERSION = '4.17.15'`, CKEditor's `version:"4.16.2"`, TinyMCE 3's `majorVersion`)
// or near the end (minified Lodash, Moment, React 18); that code is read only when the
// banner or the file's name already names the library (CODE_RULES, WANTS_TAIL).

/** A library a file was recognised as: the npm package OSV files its advisories under. */
export interface LibraryMatch {
  name: string;
  version: string;
}

/** One comment block at the start of a file, its markers stripped. */
interface Banner {
  /** Lines, trimmed, without `*`, `//` or `!` markers; empty lines left out. */
  lines: string[];
  text: string;
}

/** What a rule may look at. */
interface Opening {
  banners: Banner[];
  /** The first bytes of the file, latin1 (byte for character). */
  head: string;
  /** The last bytes, when the whole file was read (only for the names in `WANTS_TAIL`). */
  tail: string | undefined;
  /** The file's name, lowercased. */
  base: string;
}

const VERSION = String.raw`(\d+\.\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z][0-9A-Za-z.-]*)?)`;

/** `v3.4.1`, `3.4.1`: a version at the start of the rest of a line, then a space, `|`, `,`, `(` or the end. */
const versionAt = (prefix: string): RegExp => new RegExp(`^${prefix}${VERSION}(?:\\+[0-9A-Za-z.]+)?(?=$|[\\s|,(;:])`);

/** Versions written in code: always three numbers. */
const STRICT = String.raw`(\d+\.\d+\.\d+)`;
const REACT_TAIL = new RegExp(`(?:\\.version|reconcilerVersion|ReactVersion)\\s*[=:]\\s*["']${STRICT}["']`, 'g');
/** `var VERSION = '4.17.21';` (Lodash's and Underscore's full builds) */
const VAR_VERSION = new RegExp(`\\bVERSION = '${STRICT}'`);
/** `_.VERSION="1.13.1"`, `Backbone.VERSION = '1.4.0'`, `Yn.VERSION="4.17.21"` */
const DOT_VERSION = new RegExp(`\\.VERSION\\s*=\\s*["']${STRICT}["']`);
const DOT_VERSION_ALL = new RegExp(DOT_VERSION.source, 'g');
/** `hooks.version = '2.29.4'`, `r.version="2.0.8"` */
const DOT_LOWER_VERSION = new RegExp(`\\.version\\s*=\\s*["']${STRICT}["']`);
const DOT_LOWER_VERSION_ALL = new RegExp(DOT_LOWER_VERSION.source, 'g');
const UNDERSCORE_LINE = new RegExp(`^[ \\t]*//[ \\t]+Underscore\\.js ${STRICT}$`, 'm');
const TINYMCE_4 = new RegExp(`^${STRICT} \\(\\d{4}-\\d\\d-\\d\\d\\)$`);
const TINYMCE_3 = /majorVersion\s*:\s*["'](\d+)["']\s*,\s*minorVersion\s*:\s*["'](\d+(?:\.\d+)?)["']/;
const ANGULARJS = versionAt('AngularJS v');
const REACT_VERSION = versionAt('React v');

/** A rule: a word its banner must contain (a cheap test first), then how it reads the version. */
interface Rule {
  /** Every banner of this library contains it (case-sensitive). */
  keyword: string;
  read(banner: Banner, opening: Opening): LibraryMatch | undefined;
}

/** The first line of the banner matches: the library is `name`, the version the capture. */
function firstLine(keyword: string, name: string, pattern: RegExp): Rule {
  return {
    keyword,
    read(banner) {
      const line = firstMeaningful(banner);
      const match = line === undefined ? null : pattern.exec(line);
      return match?.[1] ? { name, version: match[1] } : undefined;
    },
  };
}

/** Some line of the banner matches. */
function anyLine(keyword: string, name: string, pattern: RegExp): Rule {
  return {
    keyword,
    read(banner) {
      for (const line of banner.lines) {
        const match = pattern.exec(line);
        if (match?.[1]) return { name, version: match[1] };
      }
      return undefined;
    },
  };
}

/** The banner names the library (`marker`, somewhere in it) and a line holds the version. */
function markedVersion(keyword: string, name: string, marker: RegExp, pattern: RegExp): Rule {
  const lines = anyLine(keyword, name, pattern);
  return {
    keyword,
    read(banner, opening) {
      return marker.test(banner.text) ? lines.read(banner, opening) : undefined;
    },
  };
}

/** Lines that say nothing about which library it is: a bare licence tag, rules of `=`, a lone `!`. */
const FILLER = /^(?:@license|@preserve|@module|@copyright|[=*!/\-\s]*)$/;

function firstMeaningful(banner: Banner): string | undefined {
  return banner.lines.find((line) => !FILLER.test(line));
}

/**
 * jQuery UI: the built file (`jQuery UI - v1.12.1 - 2016-09-14`), 1.8's core (`jQuery UI
 * 1.8.24`) and each module (`jQuery UI Widget 1.13.2`, `jQuery UI Effects Blind 1.13.2`),
 * by its own module names, so a third-party `jQuery UI Touch Punch 0.2.3` is not taken for it.
 */
const JQUERY_UI = new RegExp(
  `^jQuery UI (?:- v|(?:(?:Effects(?: [A-Z][a-z]+)?|${[
    'Accordion', 'Autocomplete', 'Button', 'Checkboxradio', 'Controlgroup', 'Core', 'Datepicker', 'Dialog', 'Draggable',
    'Droppable', 'Menu', 'Mouse', 'Position', 'Progressbar', 'Resizable', 'Selectable', 'Selectmenu', 'Slider', 'Sortable',
    'Spinner', 'Tabs', 'Tooltip', 'Widget', 'Keycode', 'Labels', 'Focusable', 'Tabbable', ':data', 'Disable Selection',
    'Form Reset Mixin', 'Scroll Parent', 'Unique ID', 'Legacy jQuery Core patches',
  ].join('|')}) )?)${VERSION}(?=$|[\\s|,])`,
);

const ANGULAR_MODULE = /^angular-(animate|aria|cookies|loader|message-format|messages|mocks|parse-ext|resource|route|sanitize|touch)(?:\.min)?\.js$/;

/** React's UMD builds name their file on the line after the version: react-dom.production.min.js → react-dom. */
function reactPackage(banner: Banner): string | undefined {
  for (const line of banner.lines) {
    const file = /^(react(?:-dom)?|scheduler|react-is)(?:-server|-test-utils|-unstable-[a-z-]+)?(?:\.[a-z]+)*\.js$/.exec(line);
    if (file?.[1]) return file[1];
  }
  return undefined;
}

const RULES: readonly Rule[] = [
  // jQuery: `/*! jQuery v3.4.1 | (c) …`, `jQuery v1.7.2 jquery.com | …`, `jQuery JavaScript Library v1.8.3`
  firstLine('jQuery', 'jquery', versionAt('jQuery (?:JavaScript Library )?v')),
  firstLine('jQuery UI', 'jquery-ui', JQUERY_UI),
  firstLine('jQuery Migrate', 'jquery-migrate', versionAt('jQuery Migrate (?:- )?v')),
  firstLine('jQuery Validation', 'jquery-validation', versionAt('jQuery Validation Plugin (?:- )?v')),
  // Bootstrap, its 3.x and 4.x+ plugins (`Bootstrap: tooltip.js v3.4.1`, `Bootstrap tooltip.js v5.3.3`) and 2.x's (`bootstrap-tooltip.js v2.3.2`)
  anyLine('ootstrap', 'bootstrap', versionAt('Bootstrap(?::? [a-z-]+\\.js)? v')),
  anyLine('bootstrap-', 'bootstrap', versionAt('bootstrap-(?:transition|modal|dropdown|scrollspy|tab|tooltip|popover|affix|alert|button|collapse|carousel|typeahead)\\.js v')),
  // `//! moment.js` then `//! version : 2.29.1`
  markedVersion('moment.js', 'moment', /^moment\.js$/m, versionAt('version : ')),
  markedVersion('moment-timezone', 'moment-timezone', /^moment-timezone\.js$/m, versionAt('version : ')),
  // lodash 1–3 (`lodash 3.10.1 (Custom Build)`, `Lo-Dash 2.4.1`); lodash 4 keeps it in `var VERSION = '4.17.15'` below the banner
  firstLine('odash', 'lodash', versionAt('lodash ')),
  firstLine('Lo-Dash', 'lodash', versionAt('Lo-Dash ')),
  {
    keyword: 'odash',
    read(banner, opening) {
      if (!/^lodash\b/im.test(banner.text)) return undefined;
      const match = VAR_VERSION.exec(opening.head);
      return match?.[1] ? { name: 'lodash', version: match[1] } : undefined;
    },
  },
  firstLine('Underscore.js', 'underscore', versionAt('Underscore\\.js ')),
  firstLine('Backbone.js', 'backbone', versionAt('Backbone\\.js ')),
  anyLine('andlebars', 'handlebars', versionAt('handlebars v')),
  // AngularJS: `AngularJS v1.5.8` (after a licence tag, or alone when minified); its modules by file name
  {
    keyword: 'AngularJS',
    read(banner, opening) {
      for (const line of banner.lines) {
        const match = ANGULARJS.exec(line);
        const module = ANGULAR_MODULE.exec(opening.base)?.[1];
        if (match?.[1]) return { name: module ? `angular-${module}` : 'angular', version: match[1] };
      }
      return undefined;
    },
  },
  firstLine('Vue.js', 'vue', versionAt('Vue\\.js v')),
  firstLine('vue', 'vue', versionAt('vue v')),
  firstLine('vue-router', 'vue-router', versionAt('vue-router v')),
  firstLine('vuex', 'vuex', versionAt('vuex v')),
  // React's UMD builds: `React v16.14.0` (after a licence tag) over the file's name (react-dom.production.min.js);
  // 18.x drops the version from the banner (the tail has it); 15.x: `React v15.6.2`, `ReactDOM v15.6.2`
  {
    keyword: 'React',
    read(banner, opening) {
      for (const line of banner.lines) {
        const old = /^(React|React \(with addons\)|ReactDOM) v(\d+\.\d+\.\d+)(?=$|\s)/.exec(line);
        if (old?.[2]) return { name: reactPackage(banner) ?? (old[1] === 'ReactDOM' ? 'react-dom' : 'react'), version: old[2] };
        if (!/^React(?: v|$)/.test(line)) continue;
        const name = reactPackage(banner);
        const version = REACT_VERSION.exec(line)?.[1] ?? lastMatch(REACT_TAIL, opening.tail) ?? lastMatch(REACT_TAIL, opening.head);
        return name && version ? { name, version } : undefined;
      }
      return undefined;
    },
  },
  anyLine('DOMPurify', 'dompurify', versionAt('DOMPurify ')),
  anyLine('Knockout', 'knockout', versionAt('Knockout JavaScript library v')),
  anyLine('RequireJS', 'requirejs', versionAt('RequireJS ')),
  // TinyMCE 6+: `TinyMCE version 6.8.2 (2023-12-11)`; 5: `Version: 5.10.9 (2023-11-15)` under Tiny's copyright
  firstLine('TinyMCE', 'tinymce', versionAt('TinyMCE version ')),
  markedVersion('Tiny Technologies', 'tinymce', /Tiny Technologies/, versionAt('Version: ')),
  // CKEditor 4: the copyright of CKSource, the version in the code right below it
  {
    keyword: 'CKSource',
    read(banner, opening) {
      if (!/CKEditor|ckeditor\.com/.test(banner.text)) return undefined;
      // `version:"4.16.2 (Standard)"`, `version:"4.23.0-lts"`: the release is the three numbers
      const match = /CKEDITOR[\s\S]{0,400}?\bversion:\s*"(\d+\.\d+\.\d+)/.exec(opening.head);
      return match?.[1] ? { name: 'ckeditor4', version: match[1] } : undefined;
    },
  },
  firstLine('Select2', 'select2', versionAt('Select2 ')),
  markedVersion('Igor Vaynberg', 'select2', /^Copyright \d{4} Igor Vaynberg/m, versionAt('Version: ')),
  firstLine('Chosen', 'chosen-js', versionAt('Chosen v')),
  markedVersion('Chosen', 'chosen-js', /^Chosen, a Select Box Enhancer/m, versionAt('Version ')),
  firstLine('Swiper', 'swiper', versionAt('Swiper (?:Custom Element |React |Vue |Svelte )?')),
  markedVersion('Ken Wheeler', 'slick-carousel', /^Author: Ken Wheeler/m, versionAt('Version: ')),
  firstLine('Owl', 'owl.carousel', versionAt('(?:jQuery )?Owl ?Carousel v')),
  anyLine('odernizr', 'modernizr', versionAt('[Mm]odernizr (?:v)?')),
  firstLine('JS v', 'highcharts', versionAt('High(?:charts|stock|maps) JS v')),
  firstLine('Highcharts', 'highcharts', versionAt('Highcharts (?:Stock|Maps|Gantt|Dashboards) v')),
  firstLine('Chart.js', 'chart.js', versionAt('Chart\\.js v')),
  markedVersion('Chart.js', 'chart.js', /^Chart\.js$/m, versionAt('Version: ')),
  markedVersion('Plupload', 'plupload', /^Plupload - multi-runtime File Uploader$/m, versionAt('v')),
  // Magento 1: `Prototype JavaScript framework, version 1.7`, `// script.aculo.us effects.js v1.9.0, …`
  firstLine('Prototype JavaScript framework', 'prototypejs', versionAt('Prototype JavaScript framework, version ')),
  firstLine('script.aculo.us', 'scriptaculous', versionAt('script\\.aculo\\.us [a-z]+\\.js v')),
  // a few more that stores ship and that have advisories
  markedVersion('jQuery Form', 'jquery-form', /^jQuery Form Plugin$/m, versionAt('version: ')),
  firstLine('DataTables', 'datatables.net', versionAt('DataTables ')),
  firstLine('Bootstrap-select', 'bootstrap-select', versionAt('Bootstrap-select v')),
  anyLine('Video.js', 'video.js', versionAt('Video\\.js ')),
  firstLine('marked', 'marked', versionAt('marked v')),
  firstLine('Highlight.js', 'highlight.js', versionAt('Highlight\\.js v')),
];

/** A comment with no version-like text, and none of the words of the rules that read code, names no library. */
const PROMISING = /\d\.\d|[Ll]odash|CKSource|@license React\s*$/m;
const SAYS_NOTHING: Banner = { lines: [], text: '' };

/**
 * The comment blocks a file opens with (after a byte-order mark and white space):
 * `/* … *\/` blocks and runs of `//` lines, at most `MAX_BLOCKS`; the last may be cut
 * where the head ends.
 */
function openingBanners(head: string): Banner[] {
  const banners: Banner[] = [];
  let at = head.startsWith('\xef\xbb\xbf') ? 3 : 0;
  while (banners.length < MAX_BLOCKS) {
    while (at < head.length && isSpace(head.charCodeAt(at))) at++;
    if (head.charCodeAt(at) !== SLASH) break;
    const next = head.charCodeAt(at + 1);
    let body: string;
    if (next === STAR) {
      const end = head.indexOf('*/', at + 2);
      body = head.slice(at + 2, end < 0 ? head.length : end);
      at = end < 0 ? head.length : end + 2;
    } else if (next === SLASH) {
      // a run of line comments is one block
      const start = at;
      while (head.charCodeAt(at) === SLASH && head.charCodeAt(at + 1) === SLASH) {
        const end = head.indexOf('\n', at);
        at = end < 0 ? head.length : end + 1;
        while (at < head.length && (head.charCodeAt(at) === SPACE || head.charCodeAt(at) === TAB)) at++;
      }
      body = head.slice(start, at).replace(/^[ \t]*\/\/+/gm, '');
    } else {
      break;
    }
    // most files open with their own copyright: not worth splitting into lines
    if (!PROMISING.test(body)) {
      banners.push(SAYS_NOTHING);
      continue;
    }
    const lines: string[] = [];
    for (const raw of body.split('\n')) {
      // a licence or preserve tag before `Highcharts JS v10.0.0` or `React v16.14.0` says nothing of which library
      const line = raw.replace(/^[\s*!]+/, '').replace(/^@(?:license|preserve)\s+/, '').trim();
      if (line !== '') lines.push(line);
    }
    banners.push({ lines, text: lines.join('\n') });
  }
  return banners;
}

const MAX_BLOCKS = 4;
const SLASH = 0x2f;
const STAR = 0x2a;
const SPACE = 0x20;
const TAB = 0x09;

function isSpace(code: number): boolean {
  // `;` opens many minified files, `!` a few (`!/** Highcharts JS v11.4.0 …`)
  return code === SPACE || code === TAB || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x3b || code === 0x21;
}

/**
 * The library a file is a copy of, if its opening comments (or, for the few that keep it
 * there, its first or last bytes) say so; the first comment that names one decides (a
 * file is one copy of one library).
 */
export function recogniseLibrary(head: string, tail: string | undefined, base: string): LibraryMatch | undefined {
  const opening: Opening = { banners: openingBanners(head), head, tail, base: base.toLowerCase() };
  for (const banner of opening.banners) {
    if (banner === SAYS_NOTHING) continue;
    for (const rule of RULES) {
      if (!banner.text.includes(rule.keyword)) continue;
      const found = rule.read(banner, opening);
      if (found) return { name: found.name, version: normalVersion(found.version) };
    }
  }
  if (!CODE_NAMES.test(opening.base)) return undefined;
  for (const rule of CODE_RULES) {
    if (!rule.base.test(opening.base)) continue;
    const version = rule.read(opening);
    if (version !== undefined) return { name: rule.name, version: normalVersion(version) };
  }
  return undefined;
}

/**
 * File names that make a library plausible enough to read the whole file (up to a bound)
 * for the version some builds keep only near the end: minified Lodash
 * (`.VERSION="4.17.21"`), Moment (`.version="2.29.4"`), React 18 (`reconcilerVersion:"18.2.0"`).
 */
export const WANTS_TAIL = /lodash|moment|react/;


/** The last match's first group in `text`. */
function lastMatch(pattern: RegExp, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let found: string | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found = match[1];
  return found;
}

/** The names CODE_RULES look at, all in one test. */
export const CODE_NAMES = /lodash|moment|underscore|backbone|purify|tinymce|tiny_mce/;

/**
 * Libraries whose builds carry no version in a banner, read only when the file's name
 * already names the library and its code names it too.
 */
interface CodeRule {
  name: string;
  base: RegExp;
  read(opening: Opening): string | undefined;
}

const CODE_RULES: readonly CodeRule[] = [
  {
    // full builds: `var VERSION = '4.17.21';` below the banner; minified: `.VERSION="4.17.21"` near the end
    name: 'lodash',
    base: /lodash/,
    read: ({ head, tail }) => (/lodash/i.test(head) ? (VAR_VERSION.exec(head)?.[1] ?? lastMatch(DOT_VERSION_ALL, tail)) : undefined),
  },
  {
    // `hooks.version = '2.29.4'` / `.version="2.29.4"` near the end; the moment-timezone builds all have banners
    name: 'moment',
    base: /^moment(?:\.min)?\.js$/,
    read: ({ head, tail }) => (/\bmoment\b/.test(head) ? lastMatch(DOT_LOWER_VERSION_ALL, tail) : undefined),
  },
  {
    // 1.10 and later open with the UMD wrapper; the banner and `VERSION` follow within the first kilobyte
    name: 'underscore',
    base: /underscore/,
    read: ({ head }) => UNDERSCORE_LINE.exec(head)?.[1] ?? (/underscore/i.test(head) ? (VAR_VERSION.exec(head)?.[1] ?? DOT_VERSION.exec(head)?.[1]) : undefined),
  },
  {
    name: 'backbone',
    base: /backbone/,
    read: ({ head }) => (/Backbone/.test(head) ? DOT_VERSION.exec(head)?.[1] : undefined),
  },
  {
    // DOMPurify before 2.2 has no banner: `DOMPurify.version = '2.0.8'` / `.version="2.0.8"` in the first lines
    name: 'dompurify',
    base: /purify/,
    read: ({ head }) => (/DOMPurify/.test(head) ? DOT_LOWER_VERSION.exec(head)?.[1] : undefined),
  },
  {
    // TinyMCE 4 opens with `// 4.9.11 (2020-07-13)`; TinyMCE 3 (Magento 1's js/tiny_mce) with `tinymce={majorVersion:"3",minorVersion:"5.11"`
    name: 'tinymce',
    base: /tinymce|tiny_mce/,
    read({ banners, head }) {
      const line = banners[0]?.lines[0];
      const four = line === undefined ? null : TINYMCE_4.exec(line);
      if (four?.[1]) return four[1];
      const three = TINYMCE_3.exec(head);
      return three ? `${three[1] ?? ''}.${three[2] ?? ''}` : undefined;
    },
  },
];

/** `1.7` → `1.7.0` (npm versions have three parts), `3.50.0-2014.02.05` → `3.50.0` (a build date, not a pre-release); anything else as written. */
function normalVersion(version: string): string {
  if (/^\d+\.\d+$/.test(version)) return `${version}.0`;
  return /^\d+\.\d+\.\d+-\d{4}\.?\d\d\.?\d\d$/.test(version) ? version.slice(0, version.indexOf('-')) : version;
}
