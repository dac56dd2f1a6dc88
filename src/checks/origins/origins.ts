import { Plans } from '../plans.js';
import type { OriginRecord, OriginUse } from '../../model.js';
import type { Content, Entry, EntryHeader } from '../../read/entry.js';
import type { AnalyzerResult } from '../../pass/content-analyzer.js';
import type { ContentCheck } from '../check.js';
import { compareCodeUnits } from '../../util/order.js';
import { inSampleFolder } from '../path-facts.js';
import { headBound, tailBound, textParts } from '../text-reach.js';
import { PAYMENT_FIELD } from '../malicious-code/common.js';

/** Origins kept in all, paths kept per origin, origins taken from one file. */
const MAX_ORIGINS = 10_000;
const MAX_PATHS = 20;
const MAX_PER_FILE = 500;
/** Characters before a URL in which its use is told (`<script src="`, `fetch(`, `.open('POST', `). */
const BEFORE = 160;

const SCRIPT_EXT = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'vue', 'svelte']);
const MARKUP_EXT = new Set(['html', 'htm', 'xhtml', 'shtml', 'phtml', 'php', 'tpl', 'twig', 'hbs', 'handlebars', 'mustache', 'ejs', 'erb', 'liquid', 'smarty', 'latte', 'blade']);

/** Third-party trees that are not storefront code (server-side Node and Python packages). */
const NOT_STOREFRONT = /(?:^|\/)(?:node_modules|bower_components|site-packages|dist-packages|\.yarn)\//;
/** Inside vendor/, the parts a storefront serves: module views and storefront apps (Magento, Shopware). */
const VENDOR = /(?:^|\/)vendor\//;
const VENDOR_VIEW = /\/(?:view|views|Resources|storefront|web)\//;

type FileKind = 'script' | 'markup' | 'csp';

/** What the text before a URL says it is used for; the window ends right where the URL starts. */
const USES: readonly [OriginUse, RegExp][] = [
  ['script', /<script\b[^>]{0,120}\bsrc\s{0,4}=\s{0,4}["']?$|(?:getScript|importScripts|loadScript|requirejs|require)\s{0,4}\(\s{0,4}\[?\s{0,4}["'`]$|\bimport\s{0,4}\(\s{0,4}["'`]$|\bscript\.src\s{0,4}=\s{0,4}["'`]$/i],
  ['frame', /<iframe\b[^>]{0,120}\bsrc\s{0,4}=\s{0,4}["']?$|\b(?:iframe|frame)\.src\s{0,4}=\s{0,4}["'`]$/i],
  ['form', /<form\b[^>]{0,200}\baction\s{0,4}=\s{0,4}["']?$/i],
  [
    'send',
    /\bfetch\s{0,4}\(\s{0,4}["'`]$|\.open\s{0,4}\(\s{0,4}["'](?:POST|GET|PUT)["']\s{0,4},\s{0,4}["'`]$|sendBeacon\s{0,4}\(\s{0,4}["'`]$|\bWebSocket\s{0,4}\(\s{0,4}["'`]$|\$\.(?:ajax|post|get|getJSON)\s{0,4}\(\s{0,4}["'`]$|\b(?:axios|jQuery)(?:\.(?:post|get|put|ajax))?\s{0,4}\(\s{0,4}["'`]$|\burl\s{0,4}:\s{0,4}["'`]$|\bEventSource\s{0,4}\(\s{0,4}["'`]$/i,
  ],
];
/** `.src = "…"` of an element made nearby: a script, a frame, or an image beacon. */
const SRC_ASSIGN = /\.src\s{0,4}=\s{0,4}["'`]$|setAttribute\s{0,4}\(\s{0,4}["']src["']\s{0,4},\s{0,4}["'`]$/;
const ELEMENT_BEFORE = /createElement\s{0,4}\(\s{0,4}["'](script|iframe|img)["']|new\s{1,4}(Image)\b/gi;

/** Reading what a shopper typed into a field. */
const READS_VALUE = /\.value\b|\.val\s{0,4}\(\s{0,4}\)|\.serialize(?:Array)?\s{0,4}\(|new\s{1,4}FormData|getElementsByName|querySelector/;

interface Seen {
  uses: Set<OriginUse>;
  paths: string[];
  payment: boolean;
}

/**
 * The external origins storefront code uses: scripts it loads, frames it embeds, forms
 * it posts and requests it sends (JavaScript, HTML and templates), and the hosts a CSP
 * header allows (`.htaccess`, nginx and Apache configs, Magento's csp_whitelist.xml).
 * The report lists them; against a baseline, one production never used is a finding.
 * Server-side dependency trees (node_modules, site-packages) and tests are not storefront code.
 */
export class OriginsCheck implements ContentCheck {
  readonly name = 'origins';
  private readonly kinds = new Plans<FileKind>();
  private readonly origins = new Map<string, Seen>();
  private dropped = 0;

  wants(header: EntryHeader, base: string): number {
    if (header.size === 0) return 0;
    const kind = kindOf(header.path, base);
    if (kind === undefined) return 0;
    this.kinds.set(header, kind);
    return headBound(header.size);
  }

  wantsTail(header: EntryHeader): number {
    return this.kinds.peek(header) !== undefined ? tailBound(header.size) : 0;
  }

  take(entry: Entry, content: Content): void {
    const kind = this.kinds.use(entry);
    if (kind === undefined) return;
    for (const part of textParts(content, entry.size, headBound(entry.size))) {
      const text = part.bytes.toString('latin1');
      const found = kind === 'csp' ? cspOrigins(text) : usedOrigins(text);
      if (found.size === 0) continue;
      const payment = kind !== 'csp' && PAYMENT_FIELD.test(text) && READS_VALUE.test(text);
      for (const [origin, uses] of found) this.add(origin, uses, entry.path, payment);
    }
  }

  private add(origin: string, uses: ReadonlySet<OriginUse>, path: string, payment: boolean): void {
    let seen = this.origins.get(origin);
    if (!seen) {
      if (this.origins.size >= MAX_ORIGINS) {
        this.dropped++;
        return;
      }
      this.origins.set(origin, (seen = { uses: new Set(), paths: [], payment: false }));
    }
    for (const use of uses) seen.uses.add(use);
    seen.payment ||= payment;
    if (!seen.paths.includes(path)) {
      seen.paths.push(path);
      if (seen.paths.length > MAX_PATHS) {
        seen.paths.sort(compareCodeUnits);
        seen.paths.length = MAX_PATHS;
      }
    }
  }

  finish(): AnalyzerResult {
    const origins: OriginRecord[] = [...this.origins]
      .sort((a, b) => compareCodeUnits(a[0], b[0]))
      .map(([origin, seen]) => {
        const record: OriginRecord = { origin, uses: [...seen.uses].sort(compareCodeUnits), paths: seen.paths.sort(compareCodeUnits) };
        if (seen.payment) record.payment = true;
        return record;
      });
    const notes = this.dropped > 0 ? [`more than ${MAX_ORIGINS} external origins: ${this.dropped} more were not listed`] : [];
    return { origins, notes };
  }
}

function kindOf(path: string, base: string): FileKind | undefined {
  if (NOT_STOREFRONT.test(path) || inSampleFolder(path)) return undefined;
  const lower = base.toLowerCase();
  if (lower === '.htaccess' || lower === 'csp_whitelist.xml' || (lower.endsWith('.conf') && /nginx|apache|httpd|vhost|site/.test(path.toLowerCase()))) return 'csp';
  if (VENDOR.test(path) && !VENDOR_VIEW.test(path)) return undefined;
  const dot = lower.lastIndexOf('.');
  const ext = dot < 0 ? '' : lower.slice(dot + 1);
  if (SCRIPT_EXT.has(ext)) return 'script';
  if (MARKUP_EXT.has(ext) && (ext !== 'php' || VENDOR.test(path) || path.includes('/templates/') || path.includes('/views/'))) return 'markup';
  return undefined;
}

/** `https://host[:port]` in lower case, or undefined for a host that is no external origin. */
function originOf(scheme: string, host: string, port: string | undefined): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.includes('.') || /^(?:127|10|0)\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^192\.168\.\d{1,3}\.\d{1,3}$/.test(h)) return undefined;
  if (/(?:^|\.)(?:example\.(?:com|org|net)|localhost|local|test|invalid)$/.test(h)) return undefined;
  const s = scheme.toLowerCase();
  const defaultPort = s === 'https' || s === 'wss' ? '443' : '80';
  return `${s}://${h}${port && port !== defaultPort ? `:${port}` : ''}`;
}

/** Bytes of a host name: letters, digits, dots, hyphens (and `*` of a CSP wildcard). */
function isHostChar(c: number, wildcard: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || (wildcard && c === 42);
}

/** Origins named by URLs (`scheme://host`) whose use the text right before them tells. */
function usedOrigins(text: string): Map<string, Set<OriginUse>> {
  const out = new Map<string, Set<OriginUse>>();
  let at = text.indexOf('//');
  while (at >= 0 && out.size < MAX_PER_FILE) {
    const next = text.indexOf('//', at + 2);
    // scheme before (`https:`), or protocol-relative right after a quote
    let s = at;
    if (text.charCodeAt(at - 1) === 58) {
      s = at - 1;
      while (s > 0 && s > at - 8 && /[a-z]/i.test(text.charAt(s - 1))) s--;
    }
    const scheme = s < at ? text.slice(s, at - 1).toLowerCase() : '';
    if (scheme === 'https' || scheme === 'http' || scheme === 'wss' || scheme === 'ws' || (scheme === '' && /["'`=]/.test(text.charAt(at - 1)))) {
      let e = at + 2;
      while (e < text.length && e < at + 256 && isHostChar(text.charCodeAt(e), false)) e++;
      const host = text.slice(at + 2, e);
      let port: string | undefined;
      if (text.charCodeAt(e) === 58) {
        const digits = /^\d{1,5}/.exec(text.slice(e + 1, e + 6));
        if (digits) port = digits[0];
      }
      const use = useBefore(text, s);
      const origin = use && host.length > 0 ? originOf(scheme || 'https', host, port) : undefined;
      if (use && origin) {
        let uses = out.get(origin);
        if (!uses) out.set(origin, (uses = new Set()));
        uses.add(use);
      }
    }
    at = next;
  }
  return out;
}

function useBefore(text: string, start: number): OriginUse | undefined {
  const before = text.slice(Math.max(0, start - BEFORE), start);
  for (const [use, pattern] of USES) if (pattern.test(before)) return use;
  if (!SRC_ASSIGN.test(before)) return undefined;
  // the element whose src it is: the nearest made within the statement's reach
  const wider = text.slice(Math.max(0, start - 1200), start);
  let element: string | undefined;
  ELEMENT_BEFORE.lastIndex = 0;
  for (let m = ELEMENT_BEFORE.exec(wider); m; m = ELEMENT_BEFORE.exec(wider)) element = (m[1] ?? m[2] ?? '').toLowerCase();
  if (element === 'script') return 'script';
  if (element === 'iframe') return 'frame';
  if (element === 'img' || element === 'image') return 'send';
  return undefined;
}

/** Hosts a Content-Security-Policy allows: header lines of server configs, and Magento's csp_whitelist.xml host values. */
function cspOrigins(text: string): Map<string, Set<OriginUse>> {
  const out = new Map<string, Set<OriginUse>>();
  const add = (source: string): void => {
    const m = /^(?:(https?|wss?):\/\/)?(\*\.)?([a-z0-9.-]{1,253})(?::(\d{1,5}))?/i.exec(source);
    if (!m) return;
    const origin = originOf(m[1] ?? 'https', m[3] ?? '', m[4]);
    if (origin === undefined) return;
    const key = m[2] ? origin.replace('://', '://*.') : origin;
    out.set(key, new Set<OriginUse>(['csp']));
  };
  const start = /content-security-policy|type=["']host["']/gi;
  for (let m = start.exec(text); m && out.size < MAX_PER_FILE; m = start.exec(text)) {
    const at = m.index;
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? Math.min(text.length, at + 8192) : Math.min(end, at + 8192));
    if (/^type=/i.test(line)) {
      const value = /^type=["']host["'][^>]{0,200}>\s{0,8}([^<\s]{1,253})/i.exec(line);
      if (value) add(value[1] ?? '');
    } else {
      for (const token of line.split(/[\s;"']+/)) if (token.includes('.') && !token.includes('=')) add(token);
    }
    start.lastIndex = at + line.length;
  }
  return out;
}
