// Applies the rules to one text's bytes: one literal pass, then each rule whose literals
// occur looks at bounded windows. Decoded layers (base64, gzinflate, escapes…) of the
// text are scanned again as text of their own, to a bounded depth and size. A text in
// which no literal of any rule occurs costs the literal pass and nothing else.
import { EXFILTRATION_RULES } from './exfiltration.js';
import { LOADER_RULES } from './loaders.js';
import { SHELL_RULES } from './shells.js';
import { SKIMMER_RULES } from './skimmers.js';
import type { Decoded, Family, Lang, Rule, View } from './rule.js';
import { decodeAll } from './decode.js';
import { LiteralSet } from './literals.js';

export const RULES: readonly Rule[] = [...SHELL_RULES, ...LOADER_RULES, ...SKIMMER_RULES, ...EXFILTRATION_RULES];
/** Longest window a rule may ask for. */
const MAX_WINDOW = 4 * 1024 * 1024;
/** Decoded layers scanned again, and how deep. */
const MAX_DEPTH = 2;
/** Characters of decoded layers scanned again per text. */
const LAYER_BUDGET = 8 * 1024 * 1024;
/** Literals the decoders start from: a text without any has no layer to decode. */
const DECODE_LITERALS = ['\\x', '\\u00', '\\1', '\\14', '\\15', '\\16', '\\13', '\\12', '\\10', '\\7', '\\6', '\\5', '\\4', 'fromcharcode', 'chr(', '&#', 'unescape', 'decodeuricomponent', 'atob', 'base64_decode', 'eval(function(p,a,c,k,e', "='=", '"=', 'str_replace', 'strtr', 'substr_replace', 'strrev', 'str_rot13', 'trim(', 'hex2bin', 'ucwords', 'strtolower', ').$', "'.'", '"."', "' . '", '" . "', "'+'", '"+"', "' + '", '" + "', "'.\"", "\".'", '__file__', '].$', "'^'", '"^"', '\'^"', '"^\''];
/** How far into an eval chain's call its partial layers start (`eval(str_rot13(gzinflate(base64_decode(`). */
const CHAIN_REACH = 300;
/** Decoded text worth scanning again: it reads as code. */
const CODE_START = /[($]/;
const PHP_INSIDE = /<\?php|<\?=|\$_(?:POST|GET|REQUEST)|\beval\s{0,4}\(|\$[a-z_]\w{0,20}\s{0,4}=/i;

interface Compiled {
  set: LiteralSet;
  rules: { rule: Rule; ids: number[] }[];
  decodeIds: number[];
}

const compiled = new Map<Lang, Compiled>();
function compile(lang: Lang): Compiled {
  let c = compiled.get(lang);
  if (c) return c;
  const set = new LiteralSet();
  const rules: Compiled['rules'] = [];
  for (const rule of RULES) {
    if (!rule.langs.includes(lang)) continue;
    const ids = rule.literals.map((l) => set.add(l));
    for (const l of rule.aux ?? []) set.add(l);
    rules.push({ rule, ids });
  }
  const decodeIds = DECODE_LITERALS.map((l) => set.add(l));
  c = { set, rules, decodeIds };
  compiled.set(lang, c);
  return c;
}

export interface RuleHit {
  rule: Rule;
  offset: number;
  note?: string;
  /** Found inside a decoded layer (base64, gzinflate, escapes…) that starts at `offset`. */
  layer?: string;
}

const NONE: readonly number[] = [];

class TextView implements View {
  private decodedCache?: Decoded[];
  constructor(
    readonly lang: Lang,
    private readonly bytes: Buffer,
    private readonly hits: readonly (number[] | undefined)[],
    private readonly set: LiteralSet,
  ) {}
  get length(): number {
    return this.bytes.length;
  }
  text(from: number, to: number): string {
    const a = Math.max(0, Math.min(this.bytes.length, from));
    const b = Math.max(a, Math.min(this.bytes.length, to, a + MAX_WINDOW));
    return this.bytes.toString('latin1', a, b);
  }
  positions(literal: string): readonly number[] {
    const id = this.set.id(literal);
    return id === undefined ? NONE : (this.hits[id] ?? NONE);
  }
  near(offset: number, literals: readonly string[], distance: number): boolean {
    for (const l of literals) for (const p of this.positions(l)) if (Math.abs(p - offset) <= distance) return true;
    return false;
  }
  has(literals: readonly string[]): boolean {
    for (const l of literals) if (this.positions(l).length > 0) return true;
    return false;
  }
  decoded(): readonly Decoded[] {
    this.decodedCache ??= decodeAll({ text: (a, b) => this.text(a, b), length: this.length, positions: (l) => this.positions(l) });
    return this.decodedCache;
  }
}

/** The literal pass alone (for the throughput measurement): how many literal occurrences. */
export function prefilter(bytes: Buffer, lang: Lang): number {
  return compile(lang).set.scan(bytes).total;
}

/** Every rule that matches the text, once each, with where (the first place it matched). */
export function scanText(bytes: Buffer, lang: Lang, depth = 0): RuleHit[] {
  const { set, rules, decodeIds } = compile(lang);
  const { hits, total } = set.scan(bytes);
  if (total === 0) return [];
  const view = new TextView(lang, bytes, hits, set);
  const found: RuleHit[] = [];
  for (const { rule, ids } of rules) {
    let at: number[] | undefined;
    for (const id of ids) {
      const h = hits[id];
      if (h) at = at ? at.concat(h) : h.slice();
    }
    if (!at) continue;
    if (rule.caseSensitive) at = at.filter((o) => rule.literals.some((l) => bytes.toString('latin1', o, o + l.length) === l));
    if (at.length === 0) continue;
    at.sort((a, b) => a - b);
    const hit = rule.match(view, at);
    if (hit) found.push(hit.note === undefined ? { rule, offset: hit.offset } : { rule, offset: hit.offset, note: hit.note });
  }
  if (depth >= MAX_DEPTH || !decodeIds.some((id) => hits[id] !== undefined)) return found;
  const inner = scanLayers(view, lang, depth, found);
  // obfuscation alone is one weak signal: when what it hides decodes to plain code in which
  // no rule finds anything (a commercially encoded extension), it is not a finding
  if (inner === 0 && found.length > 0 && found.every((hit) => OBFUSCATION_ONLY.has(hit.rule.id)) && view.decoded().some(isPlainCode)) return [];
  return found;
}

/** What hidden code must not do to be let go: run commands or code, take request data, write uploads, open sockets. */
const CAPABILITY = /(?:^|[^\w>$:])(?:system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec|eval|assert|create_function|move_uploaded_file|fsockopen)\s{0,4}\(|\$_(?:POST|GET|REQUEST|COOKIE|FILES)\b/i;

/** Rules whose only signal is that code is hidden and run. */
const OBFUSCATION_ONLY = new Set(['php-decoder-to-code-sink', 'php-long-payload-decoded']);

/** A decoded layer that is the hidden code itself, readable: long, printable, PHP-shaped. */
function isPlainCode(d: Decoded): boolean {
  if (d.text.length < 48 || !(d.how === 'base64' || d.how === 'inflate' || d.how === 'selfread' || d.how === 'chain')) return false;
  const sample = d.text.slice(0, 4096);
  let printable = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) printable++;
  }
  return printable >= sample.length * 0.97 && /[;{}]/.test(sample) && /\bfunction\b|\bclass\s{1,4}\w|\$\w{1,40}\s{0,4}(?:->|=|\()/.test(sample) && !CAPABILITY.test(d.text.slice(0, 256 * 1024));
}

/** Decoded layers scanned as text of their own; what they hold is reported at the layer's start. Returns how many rules other than obfuscation alone matched inside. */
function scanLayers(view: TextView, lang: Lang, depth: number, found: RuleHit[]): number {
  let budget = LAYER_BUDGET;
  let inner = 0;
  const layers = view.decoded();
  // an eval chain unwrapped whole covers the partial layers decoded inside the same call
  const chains = layers.filter((d) => d.how === 'chain').map((d) => d.offset);
  for (const d of layers) {
    if (budget <= 0) break;
    if (d.how !== 'chain' && chains.some((at) => d.offset > at && d.offset - at < CHAIN_REACH)) continue;
    if (d.text.length < 48 || !CODE_START.test(d.text.slice(0, 2048))) continue;
    if (d.how === 'concat' && (lang === 'js' || d.text.length < 40)) continue;
    if (d.how === 'transform' || d.how === 'chr' || d.how === 'packer') continue;
    budget -= d.text.length;
    const innerLang: Lang = lang !== 'js' && PHP_INSIDE.test(d.text.slice(0, 4096)) ? 'php' : lang === 'php' || lang === 'html' ? 'html' : lang;
    for (const f of scanText(Buffer.from(d.text, 'latin1'), innerLang, depth + 1)) {
      // the same wrapper seen again inside a partial layer is no second signal
      if (!OBFUSCATION_ONLY.has(f.rule.id)) inner++;
      if (found.some((k) => k.rule === f.rule)) continue;
      const layer = f.layer ? `${d.how}>${f.layer}` : d.how;
      found.push(f.note === undefined ? { rule: f.rule, offset: d.offset, layer } : { rule: f.rule, offset: d.offset, note: f.note, layer });
    }
  }
  return inner;
}

export type { Family, Lang, Rule };
