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
const DECODE_LITERALS = ['\\x', '\\u00', '\\1', '\\14', '\\15', '\\16', '\\13', '\\12', '\\10', '\\7', '\\6', '\\5', '\\4', 'fromcharcode', 'chr(', '&#', 'unescape', 'decodeuricomponent', 'atob', 'base64_decode', 'eval(function(p,a,c,k,e', "='=", '"=', 'str_replace', 'strtr', 'substr_replace', 'strrev', 'str_rot13', 'trim(', 'hex2bin', 'ucwords', 'strtolower', ').$', "'.'", '"."', "' . '", '" . "', "'+'", '"+"', "' + '", '" + "', "'.\"", "\".'"];
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
  if (depth < MAX_DEPTH && decodeIds.some((id) => hits[id] !== undefined)) scanLayers(view, lang, depth, found);
  return found;
}

/** Decoded layers scanned as text of their own; what they hold is reported at the layer's start. */
function scanLayers(view: TextView, lang: Lang, depth: number, found: RuleHit[]): void {
  let budget = LAYER_BUDGET;
  for (const d of view.decoded()) {
    if (budget <= 0) break;
    if (d.text.length < 48 || !CODE_START.test(d.text.slice(0, 2048))) continue;
    if (d.how === 'concat' && (lang === 'js' || d.text.length < 40)) continue;
    if (d.how === 'transform' || d.how === 'chr' || d.how === 'packer') continue;
    budget -= d.text.length;
    const innerLang: Lang = lang !== 'js' && PHP_INSIDE.test(d.text.slice(0, 4096)) ? 'php' : lang === 'php' || lang === 'html' ? 'html' : lang;
    for (const f of scanText(Buffer.from(d.text, 'latin1'), innerLang, depth + 1)) {
      if (found.some((k) => k.rule === f.rule)) continue;
      const layer = f.layer ? `${d.how}>${f.layer}` : d.how;
      found.push(f.note === undefined ? { rule: f.rule, offset: d.offset, layer } : { rule: f.rule, offset: d.offset, note: f.note, layer });
    }
  }
}

export type { Family, Lang, Rule };
