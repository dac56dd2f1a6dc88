// What a PHP file does with what the request sends, read from its tokens (php-lex.ts):
//  - constants: values of variables assigned from literals, computed as PHP would for the
//    string functions obfuscators use (str_replace, strrev, base64_decode, gzinflate,
//    chr, substr, implode, XOR of strings…), so that `$c = $a.$s."sert"; $c($x)` is a call
//    to assert and `eval($decoded)` shows the code it runs;
//  - taint: variables that hold request data (superglobals, headers, the raw body, a
//    socket's input), through assignments, function parameters and returns, variable
//    variables and extract(), in each function's scope;
//  - sinks: calls that run code or commands, name the function to call, write or include
//    files, send mail or run SQL, and whether tainted data or hidden code reaches them.
// Everything is bounded: tokens (php-lex.ts), characters produced, fixpoint rounds, the
// depth of hidden code analysed again, and above all one budget of work for the whole
// text (every token any loop visits, every character a string function reads), linear in
// the text's length: past it the analysis stops and reports what it found so far.
import { inflateRawSync, inflateSync, gunzipSync } from 'node:zlib';
import { MAX_LEX, lexPhp, type Tok } from './php-lex.js';

/** Work (tokens visited, characters read by string functions) allowed: a base, and so much per character of the text. */
const WORK_BASE = 1_000_000;
const WORK_PER_CHAR = 64;
/** Characters a string function reads per unit of work (string operations run natively, far faster than a token visit). */
const CHARS_PER_WORK = 4;
/** Nesting of expressions evaluated (parentheses, calls, indexes) before giving up on a value. */
const MAX_NEST = 64;
/** Characters a value may hold, characters produced in all. */
const MAX_VALUE = 1024 * 1024;
const MAX_PRODUCED = 16 * 1024 * 1024;
/** Fixpoint rounds of the taint propagation. */
const MAX_ROUNDS = 8;
/** Hidden code analysed again, how deep and how much. */
const MAX_HIDDEN_DEPTH = 3;
const MAX_HIDDEN = 32;

interface Arr {
  arr: Map<string, Val>;
}
interface Lambda {
  code: string;
}
type Val = string | number | Arr | Lambda;

function isArr(v: Val | undefined): v is Arr {
  return typeof v === 'object' && 'arr' in v;
}
function isLambda(v: Val | undefined): v is Lambda {
  return typeof v === 'object' && 'code' in v;
}
function str(v: Val | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return undefined;
}
function num(v: Val | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^0x[0-9a-f]{1,12}$/i.test(t)) return parseInt(t, 16);
    const n = Number.parseFloat(t);
    return Number.isNaN(n) ? 0 : n;
  }
  return undefined;
}
function list(v: Val | undefined): Val[] | undefined {
  return isArr(v) ? [...v.arr.values()] : undefined;
}
function arrOf(items: readonly Val[]): Arr {
  const arr = new Map<string, Val>();
  items.forEach((item, i) => arr.set(String(i), item));
  return { arr };
}

const SUPERGLOBAL = new Set(['_GET', '_POST', '_REQUEST', '_COOKIE', '_FILES', 'HTTP_GET_VARS', 'HTTP_POST_VARS', 'HTTP_COOKIE_VARS', 'HTTP_POST_FILES', 'HTTP_RAW_POST_DATA']);
const OTHER_GLOBALS = new Set(['_SERVER', '_SESSION', '_ENV', 'GLOBALS', 'this', 'HTTP_SERVER_VARS', 'HTTP_ENV_VARS', 'HTTP_SESSION_VARS']);
/** $_SERVER entries the client writes. */
const SERVER_FROM_CLIENT = /^(?:HTTP_\w{1,40}|QUERY_STRING|REQUEST_URI|PATH_INFO|PHP_AUTH_USER|PHP_AUTH_PW)$/;
/** Calls whose result no longer carries the data that went in (numbers, booleans, digests, escaped shell words). */
const SANITIZERS = new Set([
  'intval', 'floatval', 'boolval', 'count', 'sizeof', 'strlen', 'md5', 'sha1', 'crc32', 'hash', 'is_numeric', 'isset', 'empty', 'in_array', 'array_key_exists', 'escapeshellarg', 'escapeshellcmd', 'preg_match', 'preg_match_all', 'strpos', 'stripos', 'strcmp', 'strcasecmp', 'password_verify', 'password_hash', 'json_encode', 'filter_var', 'abs', 'is_array', 'is_string', 'is_file', 'is_dir', 'file_exists', 'is_writable', 'is_readable', 'filesize', 'filemtime', 'date', 'mktime', 'strtotime', 'htmlspecialchars', 'htmlentities', 'strip_tags', 'urlencode', 'rawurlencode', 'addslashes', 'mysql_real_escape_string', 'mysqli_real_escape_string', 'quote', 'round', 'floor', 'ceil', 'max', 'min', 'is_uploaded_file', 'ctype_digit', 'ctype_alnum', 'uniqid', 'base_convert', 'dechex', 'number_format', 'var_dump', 'print_r', 'serialize', 'spl_object_hash', 'gettype', 'is_null', 'is_int', 'mb_strlen', 'realpath', 'preg_quote', 'sanitize_text_field', 'sanitize_file_name', 'esc_attr', 'esc_html', 'wp_verify_nonce', 'check_admin_referer',
]);
const CASTS = new Set(['int', 'integer', 'float', 'double', 'bool', 'boolean']);

export type Taint = 'req' | 'session' | 'net' | 'globals';

export type SinkKind = 'code' | 'command' | 'callee' | 'callback' | 'include' | 'write' | 'upload' | 'mail' | 'sql' | 'hidden';

export interface SinkHit {
  kind: SinkKind;
  /** The sink's offset in the analysed text. */
  at: number;
  /** The function or construct. */
  name: string;
  taint: Taint | 'constant';
  /** Assignments, parameters and returns the data went through. */
  hops: number;
  /** The data is the request's own value (a superglobal entry, or a variable that holds one as it is), not text built around it. */
  pure: boolean;
  /** Hidden code found one or more levels down. */
  depth: number;
}

export interface HiddenCode {
  at: number;
  code: string;
  /** How it was hidden: decoders and string operations that produced it. */
  made: boolean;
}

export interface Flow {
  hits: SinkHit[];
  hidden: HiddenCode[];
  /** Work spent, and whether the budget ran out (the analysis stopped there). */
  spent: number;
  exhausted: boolean;
}

/** The work left for one text and the code it hides; spending past it throws OUT_OF_WORK. */
interface Budget {
  left: number;
}
const OUT_OF_WORK = new Error('php-flow: out of work budget');

interface Assign {
  scope: number;
  name: string;
  /** Token range of the value. */
  from: number;
  to: number;
  op: string;
  /** `$x[...] = ` */
  indexed: boolean;
  /** LHS token index. */
  at: number;
  /** Index expression token range of `$x[k] =` (-1 when none or `$x[] =`). */
  keyFrom: number;
  keyTo: number;
}

interface Fn {
  name: string;
  /** Keys of its return's taint: as a function, and as a method. */
  keys: readonly [string, string];
  scope: number;
  params: string[];
  open: number;
  close: number;
}

const CODE_SINKS = new Set(['eval', 'assert', 'create_function']);
const COMMAND_SINKS = new Set(['system', 'exec', 'passthru', 'shell_exec', 'popen', 'proc_open', 'pcntl_exec', 'expect_popen']);
/** Callback-taking functions and the index of the callback (-1: the last argument). */
const CALLBACK_AT: Record<string, number> = {
  array_map: 0, call_user_func: 0, call_user_func_array: 0, register_shutdown_function: 0, register_tick_function: 0, ob_start: 0, forward_static_call: 0, forward_static_call_array: 0, set_error_handler: 0, set_exception_handler: 0, spl_autoload_register: 0, header_register_callback: 0,
  array_filter: 1, array_walk: 1, array_walk_recursive: 1, array_reduce: 1, usort: 1, uasort: 1, uksort: 1, iterator_apply: 1, preg_replace_callback: 1, mb_ereg_replace_callback: 1,
  array_udiff: -1, array_uintersect: -1, array_diff_ukey: -1, array_intersect_ukey: -1, array_udiff_assoc: -1, array_uintersect_assoc: -1, array_diff_uassoc: -1, array_intersect_uassoc: -1,
};
/** Names that run code or commands when a string names them as a callback. */
const DANGEROUS_CALLEE = /^(?:eval|assert|create_function|system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec|call_user_func|call_user_func_array|include|require|file_put_contents|fwrite|fputs|move_uploaded_file|preg_replace|array_map|mail|unserialize)$/i;
const READS_SOCKET = new Set(['fgets', 'fread', 'socket_read', 'socket_recv', 'stream_get_line', 'stream_get_contents', 'fgetc', 'fgetss']);

class Analysis {
  readonly toks: Tok[];
  readonly match: Int32Array;
  readonly scope: Int32Array;
  readonly fns: Fn[] = [];
  readonly fnByName = new Map<string, Fn>();
  readonly assigns: Assign[] = [];
  readonly env = new Map<string, Val>();
  readonly consts = new Map<string, Val>();
  readonly tainted = new Map<string, Tainted>();
  /** Variables that hold request data as it came (`$c = $_POST['c']`, `$c = trim(base64_decode($_GET['c']))`). */
  readonly pure = new Map<string, Taint>();
  readonly returns = new Map<string, Tainted>();
  readonly hidden: HiddenCode[] = [];
  /** Variables assigned somewhere, per scope. */
  readonly assigned = new Set<string>();
  /** extract()/variable variables fed by request data: unassigned variables hold it. */
  globalsFromRequest = false;
  readsSocket = false;
  produced = 0;
  /** Expressions being evaluated, nested. */
  nest = 0;
  /** Did the last evaluation use a decoder or string operation (not a plain literal)? */
  made = false;

  constructor(readonly text: string, inPhp: boolean, private readonly budget: Budget) {
    this.spend(Math.min(text.length, MAX_LEX));
    this.toks = lexPhp(text, inPhp);
    const n = this.toks.length;
    this.match = new Int32Array(n).fill(-1);
    this.scope = new Int32Array(n);
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.toks[i] as Tok;
      if (t.k !== 'op') continue;
      if (t.v === '(' || t.v === '[' || t.v === '{') stack.push(i);
      else if (t.v === ')' || t.v === ']' || t.v === '}') {
        // a stray closer: unwind to its own kind of opener, bounded by the stack
        while (stack.length > 0) {
          const o = stack.pop() as number;
          const ov = (this.toks[o] as Tok).v;
          if ((ov === '(' && t.v === ')') || (ov === '[' && t.v === ']') || (ov === '{' && t.v === '}')) {
            this.match[o] = i;
            this.match[i] = o;
            break;
          }
        }
      }
    }
    this.functions();
    this.collect();
  }

  /** Count work against the budget of the whole text. */
  spendChars(chars: number): void {
    this.spend(Math.ceil(chars / CHARS_PER_WORK));
  }

  spend(work: number): void {
    this.budget.left -= work;
    if (this.budget.left < 0) throw OUT_OF_WORK;
  }

  tok(i: number): Tok | undefined {
    return this.toks[i];
  }
  isOp(i: number, v: string): boolean {
    const t = this.toks[i];
    return t !== undefined && t.k === 'op' && t.v === v;
  }
  isId(i: number, v: string): boolean {
    const t = this.toks[i];
    return t !== undefined && t.k === 'id' && t.l === v;
  }

  /** Named functions and methods: their parameters and body, each body a scope of its own. */
  private functions(): void {
    const n = this.toks.length;
    for (let i = 0; i < n; i++) {
      if (!this.isId(i, 'function')) continue;
      let j = i + 1;
      if (this.isOp(j, '&')) j++;
      const nameTok = this.toks[j];
      if (nameTok?.k !== 'id' || !this.isOp(j + 1, '(')) continue;
      const close = this.match[j + 1] ?? -1;
      if (close < 0) continue;
      this.spend(close - j);
      const params: string[] = [];
      for (let k = j + 2; k < close; k++) {
        const t = this.toks[k] as Tok;
        if (t.k === 'var' && (k === j + 2 || this.isOp(k - 1, ',') || this.isOp(k - 1, '&') || this.isOp(k - 1, '...') || this.toks[k - 1]?.k === 'id' || this.isOp(k - 1, '?'))) params.push(t.v);
        else if (t.k === 'op' && (t.v === '(' || t.v === '[')) k = Math.max(k, this.match[k] ?? k);
      }
      let b = close + 1;
      while (b < n && b < close + 12 && !this.isOp(b, '{') && !this.isOp(b, ';')) b++;
      if (!this.isOp(b, '{')) continue;
      const end = this.match[b] ?? -1;
      if (end < 0) continue;
      this.spend(end - b);
      const name = nameTok.l ?? nameTok.v.toLowerCase();
      const fn: Fn = { name, keys: [name, `->${name}`], scope: this.fns.length + 1, params, open: b, close: end };
      this.fns.push(fn);
      if (!this.fnByName.has(fn.name)) this.fnByName.set(fn.name, fn);
      this.scope.fill(fn.scope, b, end + 1);
      for (const p of params) this.assigned.add(`${fn.scope}\0${p}`);
    }
  }

  /** The variables between tokens `from` and `to` (a parameter or `use` list) are assigned in `scope`. */
  assignAll(scope: number, from: number, to: number): void {
    for (let k = from; k < to; k++) if (this.toks[k]?.k === 'var') this.assigned.add(this.key(scope, (this.toks[k] as Tok).v));
  }

  key(scope: number, name: string): string {
    return `${scope}\0${name}`;
  }

  /** The end of the expression that starts at `from`: a `;`, or a `,`/closer at depth 0, or `?>`. */
  exprEnd(from: number, commas = true): number {
    const end = this.exprEndOf(from, commas);
    this.spend(end - from + 1);
    return end;
  }

  private exprEndOf(from: number, commas: boolean): number {
    const n = this.toks.length;
    for (let i = from; i < n; i++) {
      const t = this.toks[i] as Tok;
      if (t.k !== 'op') {
        if (t.k === 'id' && (t.v === 'as' || t.v === 'AS')) return i;
        continue;
      }
      if (t.v === '(' || t.v === '[' || t.v === '{') {
        const m = this.match[i] ?? -1;
        if (m < 0) return i;
        i = m;
        continue;
      }
      if (t.v === ';' || t.v === ')' || t.v === ']' || t.v === '}' || (commas && t.v === ',') || t.v === '=>') return i;
    }
    return n;
  }

  /** Assignments, foreach bindings, list() targets, globals and by-reference outputs. */
  private collect(): void {
    const n = this.toks.length;
    const ASSIGN = new Set(['=', '.=', '+=', '-=', '^=', '|=', '&=', '??=', '*=']);
    for (let i = 0; i < n; i++) {
      const t = this.toks[i] as Tok;
      const scope = this.scope[i] as number;
      if (t.k === 'var') {
        if (this.isOp(i - 1, '->') || this.isOp(i - 1, '::') || this.isOp(i - 1, '?->')) continue;
        let j = i + 1;
        let indexed = false;
        let keyFrom = -1;
        let keyTo = -1;
        while ((this.isOp(j, '[') || this.isOp(j, '{')) && j < n) {
          const m = this.match[j] ?? -1;
          if (m < 0) break;
          if (!indexed) {
            keyFrom = m > j + 1 ? j + 1 : -1;
            keyTo = m;
          }
          indexed = true;
          j = m + 1;
        }
        const op = this.toks[j];
        if (op?.k === 'op' && ASSIGN.has(op.v)) {
          const from = j + 1;
          const to = this.exprEnd(from, false);
          this.assigns.push({ scope, name: t.v, from, to, op: op.v, indexed, at: i, keyFrom, keyTo });
          this.assigned.add(this.key(scope, t.v));
        }
        continue;
      }
      if (t.k !== 'id') continue;
      const word = t.l ?? t.v.toLowerCase();
      if (word === 'foreach' && this.isOp(i + 1, '(')) {
        const close = this.match[i + 1] ?? -1;
        if (close < 0) continue;
        this.spend(close - i);
        let as = -1;
        for (let k = i + 2; k < close; k++) if (this.isId(k, 'as')) as = k;
        if (as < 0) continue;
        for (let k = as + 1; k < close; k++) {
          const v = this.toks[k] as Tok;
          if (v.k === 'var') {
            this.assigns.push({ scope, name: v.v, from: i + 2, to: as, op: 'foreach', indexed: false, at: k, keyFrom: -1, keyTo: -1 });
            this.assigned.add(this.key(scope, v.v));
          }
        }
      } else if ((word === 'list' && this.isOp(i + 1, '(')) || false) {
        const close = this.match[i + 1] ?? -1;
        if (close < 0 || !this.isOp(close + 1, '=')) continue;
        this.spend(close - i);
        const to = this.exprEnd(close + 2, false);
        for (let k = i + 2; k < close; k++) {
          const v = this.toks[k] as Tok;
          if (v.k === 'var') {
            this.assigns.push({ scope, name: v.v, from: close + 2, to, op: 'list', indexed: false, at: k, keyFrom: -1, keyTo: -1 });
            this.assigned.add(this.key(scope, v.v));
          }
        }
      } else if (word === 'global' || word === 'static') {
        let k = i + 1;
        for (; k < n && !this.isOp(k, ';'); k++) {
          const v = this.toks[k] as Tok;
          if (v.k === 'var') this.assigned.add(this.key(scope, v.v));
        }
        this.spend(k - i);
      } else if ((word === 'parse_str' || word === 'preg_match' || word === 'preg_match_all' || word === 'exec' || word === 'mb_parse_str') && this.isOp(i + 1, '(')) {
        const args = this.args(i + 1);
        const out = word === 'exec' ? args[1] : word.endsWith('parse_str') ? args[1] : args[2];
        const src = word === 'exec' ? undefined : word.endsWith('parse_str') ? args[0] : args[1];
        if (out) {
          const v = this.toks[out[0]];
          if (v?.k === 'var') {
            this.assigned.add(this.key(scope, v.v));
            if (src) this.assigns.push({ scope, name: v.v, from: src[0], to: src[1], op: 'out', indexed: false, at: out[0], keyFrom: -1, keyTo: -1 });
          }
        }
      } else if (word === 'catch' && this.isOp(i + 1, '(')) {
        const close = this.match[i + 1] ?? -1;
        this.spend(Math.max(0, close - i));
        this.assignAll(scope, i + 2, close);
      } else if (word === 'function' && this.isOp(i + 1, '(')) {
        // a closure: its parameters are its own
        const close = this.match[i + 1] ?? -1;
        this.spend(Math.max(0, close - i));
        this.assignAll(scope, i + 2, close);
        const u = close + 1;
        if (this.isId(u, 'use') && this.isOp(u + 1, '(')) {
          const uc = this.match[u + 1] ?? -1;
          this.spend(Math.max(0, uc - u));
          this.assignAll(scope, u + 2, uc);
        }
      } else if (word === 'fn' && this.isOp(i + 1, '(')) {
        const close = this.match[i + 1] ?? -1;
        this.spend(Math.max(0, close - i));
        this.assignAll(scope, i + 2, close);
      }
    }
  }

  /** Argument token ranges [from, to) of the call whose `(` is at `open`. */
  args(open: number): [number, number][] {
    const close = this.match[open] ?? -1;
    if (close < 0) return [];
    this.spend(close - open);
    const out: [number, number][] = [];
    let start = open + 1;
    for (let i = open + 1; i < close; i++) {
      const t = this.toks[i] as Tok;
      if (t.k !== 'op') continue;
      if (t.v === '(' || t.v === '[' || t.v === '{') {
        i = Math.max(i, this.match[i] ?? i);
        continue;
      }
      if (t.v === ',') {
        out.push([start, i]);
        start = i + 1;
      }
    }
    if (close > start || out.length > 0) out.push([start, close]);
    return out;
  }

  // ---- constant evaluation ----

  /** Evaluate constant assignments in token order (twice: a value used before it is assigned in the text). */
  evaluate(): void {
    for (let round = 0; round < 2; round++) {
      for (const a of this.assigns) {
        if (a.op === 'foreach' || a.op === 'list' || a.op === 'out') continue;
        const k = this.key(a.scope, a.name);
        this.made = false;
        const v = this.evalRange(a.from, a.to, a.scope);
        if (a.indexed) {
          let base = this.env.get(k);
          if (base === undefined) {
            base = { arr: new Map() };
            this.env.set(k, base);
          }
          if (!isArr(base)) continue;
          const key = a.keyFrom < 0 ? String(base.arr.size) : str(this.evalRange(a.keyFrom, a.keyTo, a.scope));
          if (key === undefined || v === undefined || a.op !== '=') continue;
          if (base.arr.size < 10_000) base.arr.set(key, v);
          continue;
        }
        if (v === undefined) {
          if (round === 1 || !this.env.has(k)) this.env.delete(k);
          continue;
        }
        if (a.op === '.=') {
          const prev = str(this.env.get(k));
          const next = str(v);
          if (prev !== undefined && next !== undefined && prev.length + next.length <= MAX_VALUE) this.env.set(k, prev + next);
          else this.env.delete(k);
        } else if (a.op === '=') this.env.set(k, v);
        else this.env.delete(k);
      }
      // define('NAME', value) and const NAME = value
      this.spend(this.toks.length);
      for (let i = 0; i < this.toks.length; i++) {
        if (this.isId(i, 'define') && this.isOp(i + 1, '(')) {
          const args = this.args(i + 1);
          if (args.length < 2) continue;
          const name = str(this.evalRange((args[0] as [number, number])[0], (args[0] as [number, number])[1], this.scope[i] as number));
          const value = this.evalRange((args[1] as [number, number])[0], (args[1] as [number, number])[1], this.scope[i] as number);
          if (name !== undefined && value !== undefined) this.consts.set(name, value);
        } else if (this.isId(i, 'const') && this.toks[i + 1]?.k === 'id' && this.isOp(i + 2, '=')) {
          const to = this.exprEnd(i + 3);
          const value = this.evalRange(i + 3, to, this.scope[i] as number);
          if (value !== undefined) this.consts.set((this.toks[i + 1] as Tok).v, value);
        }
      }
    }
  }

  evalRange(from: number, to: number, scope: number): Val | undefined {
    if (from >= to) return undefined;
    const p = { i: from, to, scope };
    const v = this.expr(p);
    return p.i === to ? v : undefined;
  }

  private produce(v: Val | undefined): Val | undefined {
    if (typeof v === 'string') {
      if (v.length > MAX_VALUE) return undefined;
      this.produced += v.length;
      if (this.produced > MAX_PRODUCED) return undefined;
    }
    return v;
  }

  private expr(p: P): Val | undefined {
    return this.nested(() => this.binary(p, 0));
  }

  /** One level deeper in an expression: past MAX_NEST levels there is no value (the stack stays small). */
  private nested(evaluate: () => Val | undefined): Val | undefined {
    if (this.nest >= MAX_NEST) return undefined;
    this.nest++;
    try {
      return evaluate();
    } finally {
      this.nest--;
    }
  }

  /** Binary operators by precedence, lowest first: | ^ & . (+ -) (* / %). */
  private binary(p: P, level: number): Val | undefined {
    if (level >= LEVELS.length) return this.unary(p);
    let left = this.binary(p, level + 1);
    const ops = LEVELS[level] as readonly string[];
    while (p.i < p.to) {
      const t = this.toks[p.i] as Tok;
      if (t.k !== 'op' || !ops.includes(t.v)) break;
      p.i++;
      this.spend(1);
      const right = this.binary(p, level + 1);
      if (left === undefined || right === undefined) return undefined;
      this.spendChars(weight(left) + weight(right));
      left = this.produce(binop(t.v, left, right));
      if (left === undefined) return undefined;
      if (t.v !== '+' && t.v !== '-' && t.v !== '*' && t.v !== '/') this.made = true;
    }
    return left;
  }

  private unary(p: P): Val | undefined {
    const t = this.toks[p.i];
    if (!t || p.i >= p.to) return undefined;
    this.spend(1);
    if (t.k === 'op' && t.v === '@') {
      p.i++;
      return this.nested(() => this.unary(p));
    }
    if (t.k === 'op' && t.v === '~') {
      p.i++;
      const v = this.nested(() => this.unary(p));
      this.made = true;
      this.spendChars(weight(v));
      if (typeof v === 'string') {
        let out = '';
        for (let i = 0; i < v.length; i++) out += String.fromCharCode(~v.charCodeAt(i) & 0xff);
        return out;
      }
      return typeof v === 'number' ? ~v : undefined;
    }
    if (t.k === 'op' && t.v === '-') {
      p.i++;
      const v = num(this.nested(() => this.unary(p)));
      return v === undefined ? undefined : -v;
    }
    if (t.k === 'op' && t.v === '(' && this.toks[p.i + 1]?.k === 'id' && this.isOp(p.i + 2, ')')) {
      const cast = (this.toks[p.i + 1] as Tok).v.toLowerCase();
      if (cast === 'string' || CASTS.has(cast)) {
        p.i += 3;
        const v = this.nested(() => this.unary(p));
        if (cast === 'string') return str(v);
        const x = num(v);
        return x === undefined ? undefined : cast === 'float' || cast === 'double' ? x : Math.trunc(x);
      }
    }
    return this.postfix(p);
  }

  private postfix(p: P): Val | undefined {
    let v = this.primary(p);
    while (v !== undefined && p.i < p.to && (this.isOp(p.i, '[') || this.isOp(p.i, '{') || this.isOp(p.i, '('))) {
      const open = p.i;
      const close = this.match[open] ?? -1;
      if (close < 0 || close >= p.to) return undefined;
      if (this.isOp(open, '(')) {
        // calling a value: a name held in a variable, or a function made by create_function
        const name = str(v);
        if (name === undefined || !/^[A-Za-z_]\w{0,40}$/.test(name)) return undefined;
        v = this.call(name.toLowerCase(), open, p.scope);
        p.i = close + 1;
        continue;
      }
      const key = this.evalRange(open + 1, close, p.scope);
      p.i = close + 1;
      if (key === undefined) return undefined;
      if (typeof v === 'string') {
        const k = num(key);
        if (k === undefined) return undefined;
        const idx = k < 0 ? v.length + k : k;
        v = v.charAt(idx);
        this.made = true;
      } else if (isArr(v)) v = v.arr.get(str(key) ?? '');
      else return undefined;
    }
    return v;
  }

  private primary(p: P): Val | undefined {
    const t = this.toks[p.i];
    if (!t || p.i >= p.to) return undefined;
    switch (t.k) {
      case 'str': {
        p.i++;
        if (!t.interp) return t.v;
        // interpolation of known variables
        let out = t.v;
        for (const name of t.vars ?? []) {
          const value = str(this.env.get(this.key(p.scope, name)));
          if (value === undefined) return undefined;
          this.spendChars(out.length + value.length);
          out = out.split(`{$${name}}`).join(value).split(`$${name}`).join(value);
        }
        return out;
      }
      case 'num': {
        p.i++;
        const s = t.v.toLowerCase();
        if (s.startsWith('0x')) return parseInt(s.slice(2), 16);
        if (s.startsWith('0b')) return parseInt(s.slice(2), 2);
        if (/^0[0-7]+$/.test(s)) return parseInt(s.slice(1), 8);
        const x = Number(s);
        return Number.isNaN(x) ? undefined : x;
      }
      case 'var': {
        p.i++;
        return this.env.get(this.key(p.scope, t.v));
      }
      case 'id': {
        const word = t.l ?? t.v.toLowerCase();
        if ((word === 'array' && this.isOp(p.i + 1, '(')) || false) return this.arrayLiteral(p, p.i + 1);
        if (this.isOp(p.i + 1, '(')) {
          const open = p.i + 1;
          const close = this.match[open] ?? -1;
          if (close < 0 || close >= p.to) return undefined;
          const v = this.call(word, open, p.scope);
          p.i = close + 1;
          return v;
        }
        p.i++;
        if (word === 'null' || word === 'false') return '';
        if (word === 'true') return 1;
        if (word === 'php_eol') return '\n';
        return this.consts.get(t.v);
      }
      case 'op': {
        if (t.v === '(') {
          const close = this.match[p.i] ?? -1;
          if (close < 0 || close >= p.to) return undefined;
          const v = this.evalRange(p.i + 1, close, p.scope);
          p.i = close + 1;
          return v;
        }
        if (t.v === '[') return this.arrayLiteral(p, p.i);
        return undefined;
      }
      case 'exec':
        return undefined;
    }
  }

  private arrayLiteral(p: P, open: number): Val | undefined {
    const close = this.match[open] ?? -1;
    if (close < 0 || close >= p.to) return undefined;
    const arr = new Map<string, Val>();
    let next = 0;
    for (const [a, b] of this.args(open)) {
      if (a >= b) continue;
      let arrow = -1;
      this.spend(b - a);
      for (let k = a; k < b; k++) {
        if (this.isOp(k, '=>')) {
          arrow = k;
          break;
        }
        if (this.isOp(k, '(') || this.isOp(k, '[')) k = this.match[k] ?? k;
      }
      if (arrow >= 0) {
        const key = str(this.evalRange(a, arrow, p.scope));
        const value = this.evalRange(arrow + 1, b, p.scope);
        if (key === undefined || value === undefined) return undefined;
        arr.set(key, value);
        const k = Number(key);
        if (Number.isInteger(k) && k >= next) next = k + 1;
      } else {
        const value = this.evalRange(a, b, p.scope);
        if (value === undefined) return undefined;
        arr.set(String(next++), value);
      }
      if (arr.size > 10_000) return undefined;
    }
    p.i = close + 1;
    return { arr };
  }

  /** A call of a known function with constant arguments; a variable holding a name is called through it. */
  call(name: string, open: number, scope: number): Val | undefined {
    const args = this.args(open).map(([a, b]) => this.evalRange(a, b, scope));
    if (args.some((a) => a === undefined)) {
      if (name === 'create_function' && args.length === 2 && typeof args[1] === 'string') return { code: args[1] };
      return undefined;
    }
    this.spendChars(cost(name, args as Val[]));
    const v = callBuiltin(name, args as Val[]);
    if (v !== undefined && name !== 'array') this.made = true;
    return this.produce(v);
  }

  // ---- taint ----

  /**
   * The taint of the tokens [from, to) in a scope: request data read there, or a tainted
   * variable, with the fewest hops (assignments, parameters, returns) it took to get
   * here. The index of a lookup (`$table[$_GET['k']]`) is not the value looked up.
   */
  taintOf(from: number, to: number, scope: number): Tainted | undefined {
    this.spend(to - from);
    let found: Tainted | undefined;
    const take = (t: Tainted | undefined) => {
      if (t && (!found || better(t, found))) found = t;
    };
    for (let i = from; i < to; i++) {
      const t = this.toks[i] as Tok;
      if (t.k === 'id') {
        const word = t.l ?? t.v.toLowerCase();
        if (this.isOp(i + 1, '(')) {
          if (SANITIZERS.has(word)) {
            i = Math.max(i, this.match[i + 1] ?? i);
            continue;
          }
          take(this.sourceCall(i, word));
          const r = this.isOp(i - 1, '->') || this.isOp(i - 1, '::') || this.isOp(i - 1, '?->') ? this.returns.get(`->${word}`) : this.returns.get(word);
          if (r) take({ t: r.t, hops: r.hops });
        }
        continue;
      }
      if (t.k === 'op' && t.v === '(' && this.toks[i + 1]?.k === 'id' && this.isOp(i + 2, ')') && CASTS.has((this.toks[i + 1] as Tok).v.toLowerCase())) {
        // (int) $x: skip the cast's operand (a variable and its indexes)
        let j = i + 3;
        if (this.toks[j]?.k === 'var') {
          j++;
          while (this.isOp(j, '[')) j = (this.match[j] ?? j) + 1;
          i = j - 1;
        }
        continue;
      }
      if (t.k === 'op' && t.v === '$') {
        take(this.dynamicSource(i, scope));
        continue;
      }
      if (t.k === 'var') {
        take(this.varTaint(t.v, scope, i));
        // what indexes a table is a key, not the value taken from it
        if (!SUPERGLOBAL.has(t.v) && t.v !== '_SERVER' && t.v !== 'GLOBALS') {
          let j = i + 1;
          while ((this.isOp(j, '[') || this.isOp(j, '{')) && (this.match[j] ?? -1) > j && (this.match[j] as number) < to) j = (this.match[j] as number) + 1;
          i = j - 1;
        }
        continue;
      }
      if ((t.k === 'str' && t.interp) || t.k === 'exec') for (const name of t.vars ?? []) take(this.varTaint(name, scope, -1));
    }
    return found;
  }

  /** A call that reads the request (headers, the raw body) or a socket. */
  private sourceCall(i: number, word: string): Tainted | undefined {
    if (word === 'getallheaders' || word === 'apache_request_headers') return { t: 'req', hops: 0 };
    const arg = this.toks[i + 2];
    if ((word === 'file_get_contents' || word === 'fopen' || word === 'file' || word === 'stream_get_contents') && arg?.k === 'str' && /^php:\/\/input/i.test(arg.v)) return { t: 'req', hops: 0 };
    if (word === 'getenv' && arg?.k === 'str' && /^HTTP_/.test(arg.v)) return { t: 'req', hops: 0 };
    if (this.readsSocket && READS_SOCKET.has(word)) return { t: 'net', hops: 0 };
    return undefined;
  }

  /** `${'_PO'.'ST'}` or `$$name` naming a superglobal. */
  private dynamicSource(i: number, scope: number): Tainted | undefined {
    if (this.isOp(i + 1, '{')) {
      const close = this.match[i + 1] ?? -1;
      const name = close > 0 ? str(this.evalRange(i + 2, close, scope)) : undefined;
      return name !== undefined && SUPERGLOBAL.has(name) ? { t: 'req', hops: 0 } : undefined;
    }
    if (this.toks[i + 1]?.k === 'var') {
      const name = str(this.env.get(this.key(scope, (this.toks[i + 1] as Tok).v)));
      return name !== undefined && SUPERGLOBAL.has(name) ? { t: 'req', hops: 0 } : undefined;
    }
    return undefined;
  }

  varTaint(name: string, scope: number, at: number): Tainted | undefined {
    if (SUPERGLOBAL.has(name)) return { t: 'req', hops: 0 };
    const key = at >= 0 && this.isOp(at + 1, '[') ? this.toks[at + 2] : undefined;
    if (name === '_SERVER' || name === 'HTTP_SERVER_VARS') return key?.k === 'str' && SERVER_FROM_CLIENT.test(key.v) ? { t: 'req', hops: 0 } : undefined;
    if (name === 'GLOBALS') {
      if (key?.k === 'str' && SUPERGLOBAL.has(key.v)) return { t: 'req', hops: 0 };
      const g = key?.k === 'str' ? this.tainted.get(this.key(0, key.v)) : undefined;
      return g ? { t: g.t, hops: g.hops + 1 } : undefined;
    }
    if (name === '_SESSION') return { t: 'session', hops: 0 };
    const own = this.tainted.get(this.key(scope, name));
    if (own) return { t: own.t, hops: own.hops + 1 };
    if (this.globalsFromRequest && !OTHER_GLOBALS.has(name) && !this.assigned.has(this.key(scope, name))) return { t: 'globals', hops: 1 };
    return undefined;
  }

  /**
   * Request data as it came: the tokens [from, to) are one source (a superglobal entry, a
   * variable that holds one, a call that reads the request), maybe behind `@` and the
   * decoders a shell wraps its input in, or a `?:`/`??` whose branches are such a source
   * or a literal.
   */
  pureOf(from: number, to: number, scope: number, depth = 0): Taint | undefined {
    while (from < to && this.isOp(from, '@')) from++;
    if (from >= to || depth > 8) return undefined;
    this.spend(to - from);
    // ?: and ??: the branches
    let q = -1;
    let colon = -1;
    let coalesce = -1;
    for (let i = from; i < to; i++) {
      const t = this.toks[i] as Tok;
      if (t.k !== 'op') continue;
      if (t.v === '(' || t.v === '[' || t.v === '{') {
        i = Math.max(i, this.match[i] ?? i);
        continue;
      }
      if (t.v === '?' && q < 0) q = i;
      else if (t.v === ':' && q >= 0 && colon < 0) colon = i;
      else if (t.v === '??' && coalesce < 0) coalesce = i;
    }
    const branches: [number, number][] = q >= 0 && colon > q ? (colon === q + 1 ? [[from, q], [colon + 1, to]] : [[q + 1, colon], [colon + 1, to]]) : coalesce >= 0 ? [[from, coalesce], [coalesce + 1, to]] : [];
    if (branches.length > 0) {
      let got: Taint | undefined;
      for (const [a, b] of branches) {
        const p = this.pureOf(a, b, scope, depth + 1);
        if (p) got = got === undefined || better({ t: p, hops: 0 }, { t: got, hops: 0 }) ? p : got;
        else if (!this.literal(a, b)) return undefined;
      }
      return got;
    }
    const t = this.toks[from] as Tok;
    // one variable and its indexes
    if (t.k === 'var' || (t.k === 'op' && t.v === '$')) {
      let end = from + 1;
      if (t.k === 'op') {
        if (this.isOp(end, '{')) end = (this.match[end] ?? to) + 1;
        else if (this.toks[end]?.k === 'var') end++;
        else return undefined;
      }
      while ((this.isOp(end, '[') || this.isOp(end, '{')) && end < to) end = (this.match[end] ?? to) + 1;
      if (end !== to) return undefined;
      if (t.k === 'op') return this.dynamicSource(from, scope)?.t;
      if (SUPERGLOBAL.has(t.v) || t.v === '_SERVER' || t.v === 'GLOBALS' || t.v === '_SESSION') return this.varTaint(t.v, scope, from)?.t;
      const p = this.pure.get(this.key(scope, t.v));
      if (p) return p;
      if (this.globalsFromRequest && !OTHER_GLOBALS.has(t.v) && !this.assigned.has(this.key(scope, t.v))) return 'globals';
      return undefined;
    }
    // a call around one source: a decoder a shell wraps its input in, or a call that reads the request
    if (t.k === 'id' && this.isOp(from + 1, '(')) {
      const close = this.match[from + 1] ?? -1;
      let next = close + 1;
      while ((this.isOp(next, '[') || this.isOp(next, '{')) && next < to) next = (this.match[next] ?? to) + 1;
      if (close < 0 || next !== to) return undefined;
      const word = t.l ?? t.v.toLowerCase();
      const src = this.sourceCall(from, word);
      if (src) return src.t;
      if (!PASSTHROUGH.has(word)) return undefined;
      const first = this.args(from + 1)[0];
      return first ? this.pureOf(first[0], first[1], scope, depth + 1) : undefined;
    }
    return undefined;
  }

  private literal(from: number, to: number): boolean {
    while (from < to && this.isOp(from, '@')) from++;
    if (to - from !== 1) return to - from === 2 && this.isOp(from, '-') && this.toks[from + 1]?.k === 'num';
    const t = this.toks[from] as Tok;
    return (t.k === 'str' && !t.interp) || t.k === 'num' || (t.k === 'id' && /^(?:null|false|true)$/i.test(t.v));
  }

  /** Propagate taint through assignments, parameters, returns, extract() and variable variables, to a fixpoint. */
  propagate(): void {
    this.readsSocket = this.toks.some((t) => t.k === 'id' && /^(?:fsockopen|pfsockopen|socket_create|socket_accept|stream_socket_client|stream_socket_server|stream_socket_accept)$/i.test(t.v));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let changed = false;
      const mark = (key: string, taint: Tainted, pure: Taint | undefined) => {
        const prev = this.tainted.get(key);
        if (!prev || better(taint, prev)) {
          this.tainted.set(key, taint);
          changed = true;
        }
        if (pure && this.pure.get(key) !== pure && (this.pure.get(key) === undefined || better({ t: pure, hops: 0 }, { t: this.pure.get(key) as Taint, hops: 0 }))) {
          this.pure.set(key, pure);
          changed = true;
        }
      };
      for (const a of this.assigns) {
        const taint = this.taintOf(a.from, a.to, a.scope);
        if (!taint) continue;
        const pure = a.op === '=' || a.op === 'foreach' || a.op === 'out' || a.op === '??=' ? this.pureOf(a.from, a.to, a.scope) : undefined;
        mark(this.key(a.scope, a.name), taint, a.indexed ? undefined : pure);
      }
      for (let i = 0; i < this.toks.length; i++) {
        const t = this.toks[i] as Tok;
        if (t.k === 'id' && this.isOp(i + 1, '(')) {
          const word = t.l ?? t.v.toLowerCase();
          if ((word === 'extract' || word === 'import_request_variables') && !this.globalsFromRequest) {
            const first = this.args(i + 1)[0];
            if (word === 'import_request_variables' || (first && this.taintOf(first[0], first[1], this.scope[i] as number)?.t === 'req')) {
              this.globalsFromRequest = true;
              changed = true;
            }
          }
          const fn = this.fnByName.get(word);
          if (fn && !this.isId(i - 1, 'function')) {
            const args = this.args(i + 1);
            args.forEach(([a, b], k) => {
              const taint = this.taintOf(a, b, this.scope[i] as number);
              const param = fn.params[k];
              if (taint && param !== undefined) mark(this.key(fn.scope, param), taint, this.pureOf(a, b, this.scope[i] as number));
            });
          }
        } else if (t.k === 'id' && t.l === 'return') {
          const scope = this.scope[i] as number;
          if (scope === 0) continue;
          const to = this.exprEnd(i + 1);
          const taint = this.taintOf(i + 1, to, scope);
          const fn = this.fns[scope - 1];
          if (!taint || !fn) continue;
          const ret: Tainted = { t: taint.t, hops: taint.hops + 1 };
          for (const key of fn.keys) {
            const prev = this.returns.get(key);
            if (!prev || better(ret, prev)) {
              this.returns.set(key, ret);
              changed = true;
            }
          }
        } else if (t.k === 'op' && t.v === '$' && !this.globalsFromRequest) {
          // $$k = $v / ${$k} = $v with request data: variables named by the request
          let j = i + 1;
          if (this.toks[j]?.k === 'var') j++;
          else if (this.isOp(j, '{')) j = (this.match[j] ?? j) + 1;
          else continue;
          if (!this.isOp(j, '=')) continue;
          const to = this.exprEnd(j + 1, false);
          const scope = this.scope[i] as number;
          if (this.taintOf(j + 1, to, scope)?.t === 'req' || this.taintOf(i + 1, j, scope)?.t === 'req') {
            this.globalsFromRequest = true;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }

  // ---- sinks ----

  sinks(depth: number, out: Flow): void {
    const n = this.toks.length;
    for (let i = 0; i < n && out.hits.length < 64; i++) {
      const t = this.toks[i] as Tok;
      const scope = this.scope[i] as number;
      if (t.k === 'exec') {
        const taint = this.taintOf(i, i + 1, scope);
        if (taint && taint.t !== 'session') out.hits.push({ kind: 'command', at: t.at, name: 'backtick', taint: taint.t, hops: taint.hops, pure: false, depth });
        continue;
      }
      if (t.k === 'id') {
        const word = t.l ?? t.v.toLowerCase();
        if (word === 'include' || word === 'include_once' || word === 'require' || word === 'require_once') {
          if (this.isOp(i - 1, '->') || this.isOp(i - 1, '::')) continue;
          let first = i + 1;
          let to = this.exprEnd(first);
          if (this.isOp(first, '(') && (this.match[first] ?? -1) === to - 1) {
            first++;
            to--;
          }
          // the path is, or starts with, the request's own value (not a folder of the application's own)
          const taint = this.startsPure(first, to, scope);
          if (taint === 'req' || taint === 'net' || taint === 'globals') out.hits.push({ kind: 'include', at: t.at, name: word, taint, hops: 0, pure: true, depth });
          continue;
        }
        if (!this.isOp(i + 1, '(')) continue;
        if (this.isOp(i - 1, '->') || this.isOp(i - 1, '::') || this.isOp(i - 1, '?->') || this.isId(i - 1, 'function') || this.isId(i - 1, 'new')) continue;
        this.callSink(word, i, i + 1, scope, depth, out);
        continue;
      }
      // $f(…), $f[0](…), ${…}(…): a value called as a function
      if ((t.k === 'var' || (t.k === 'op' && t.v === '$')) && !this.isOp(i - 1, '->') && !this.isOp(i - 1, '::') && !this.isId(i - 1, 'new')) {
        let j = i + 1;
        if (t.k === 'op') {
          if (this.isOp(j, '{')) j = (this.match[j] ?? j) + 1;
          else if (this.toks[j]?.k === 'var') j++;
          else continue;
        }
        while (this.isOp(j, '[') || this.isOp(j, '{')) j = (this.match[j] ?? n) + 1;
        if (!this.isOp(j, '(')) continue;
        if (t.k === 'var' && t.v === 'this') continue;
        this.made = false;
        const callee = this.evalRange(i, j, scope);
        if (isLambda(callee)) {
          this.hide(callee.code, t.at, true, depth, out, 'create_function');
          continue;
        }
        const name = str(callee);
        if (name !== undefined && /^[A-Za-z_]\w{0,40}$/.test(name)) {
          this.callSink(name.toLowerCase(), i, j, scope, depth, out);
          continue;
        }
        const pure = this.pureOf(i, j, scope);
        if ((pure === 'req' || pure === 'globals' || pure === 'session') && this.args(j).length > 0) {
          // a function named by the request, given an argument (a call with none is a router's `$action()`)
          out.hits.push({ kind: 'callee', at: t.at, name: 'variable function', taint: pure, hops: 0, pure: true, depth });
        }
      }
    }
  }

  private callSink(word: string, at: number, open: number, scope: number, depth: number, out: Flow): void {
    const pos = (this.toks[at] as Tok).at;
    const args = this.args(open);
    const argTaint = (k: number): Tainted | undefined => {
      const a = args[k];
      return a ? this.taintOf(a[0], a[1], scope) : undefined;
    };
    const pureArg = (k: number): Taint | undefined => {
      const a = args[k];
      return a ? this.pureOf(a[0], a[1], scope) : undefined;
    };
    const push = (kind: SinkKind, name: string, taint: Tainted, pure: boolean) => out.hits.push({ kind, at: pos, name, taint: taint.t, hops: taint.hops, pure, depth });
    if (CODE_SINKS.has(word)) {
      const k = word === 'create_function' ? 1 : 0;
      const taint = argTaint(k);
      if (taint && (taint.t !== 'globals' || pureArg(k))) push('code', word, taint, pureArg(k) !== undefined);
      else if (args[k]) {
        this.made = false;
        const [a, b] = args[k];
        const code = str(this.evalRange(a, b, scope));
        if (code !== undefined && code.length >= 8) this.hide(code, pos, this.made, depth, out, word);
      }
      return;
    }
    if (COMMAND_SINKS.has(word)) {
      const taint = argTaint(0);
      if (taint && taint.t !== 'session' && (taint.t !== 'globals' || pureArg(0))) push('command', word, taint, pureArg(0) !== undefined);
      return;
    }
    if (word === 'preg_replace' || word === 'mb_ereg_replace') {
      const pattern = args[0] ? str(this.evalRange(args[0][0], args[0][1], scope)) : undefined;
      const e = pattern !== undefined && (word === 'mb_ereg_replace' ? args[3] !== undefined && /e/.test(str(this.evalRange(args[3][0], args[3][1], scope)) ?? '') : PREG_E.test(pattern));
      if (!e) return;
      const taint = argTaint(1) ?? argTaint(2);
      if (taint && taint.t !== 'globals') push('code', `${word} /e`, taint, false);
      else if (args[1]) {
        const code = str(this.evalRange(args[1][0], args[1][1], scope));
        if (code !== undefined && code.length >= 8) this.hide(code, pos, true, depth, out, word);
      }
      return;
    }
    const cbAt = CALLBACK_AT[word];
    if (cbAt !== undefined) {
      const k = cbAt < 0 ? args.length - 1 : cbAt;
      const cb = args[k];
      if (!cb) return;
      const cbPure = this.pureOf(cb[0], cb[1], scope);
      this.made = false;
      const cbValue = this.evalRange(cb[0], cb[1], scope);
      const cbName = str(cbValue);
      let others: Tainted | undefined;
      for (let m = 0; m < args.length; m++) if (m !== k) others ??= argTaint(m);
      if (cbPure === 'req' || cbPure === 'globals') push('callback', word, { t: cbPure, hops: 0 }, true);
      else if (cbName !== undefined && DANGEROUS_CALLEE.test(cbName.trim()) && others && others.t !== 'globals') push('callback', `${word}(${cbName.trim()})`, others, false);
      else if (cbName !== undefined && /^(?:assert|eval|create_function)$/i.test(cbName.trim())) {
        // assert as a callback on constant data: the data is code
        for (const [m, a] of args.entries()) {
          if (m === k) continue;
          const v = this.evalRange(a[0], a[1], scope);
          const code = str(v) ?? (list(v) ?? []).map(str).find((x) => x !== undefined && x.length >= 8);
          if (code !== undefined && code.length >= 8) this.hide(code, pos, true, depth, out, word);
        }
      }
      if (isLambda(cbValue)) this.hide(cbValue.code, pos, true, depth, out, word);
      return;
    }
    if (word === 'file_put_contents') {
      const path = pureArg(0) ?? (args[0] ? this.startsPure(args[0][0], args[0][1], scope) : undefined);
      const data = argTaint(1);
      if (path === 'req' && data?.t === 'req') push('write', word, data, true);
      return;
    }
    if (word === 'move_uploaded_file' || word === 'copy') {
      const dest = args[1] ? this.startsPure(args[1][0], args[1][1], scope) : undefined;
      const src = argTaint(0);
      if ((dest === 'req' || dest === 'globals') && (word === 'move_uploaded_file' || src?.t === 'req' || src?.t === 'globals')) push('upload', word, { t: dest, hops: 0 }, true);
      return;
    }
    if (word === 'mail') {
      const to = pureArg(0);
      const body = argTaint(2);
      if ((to === 'req' || to === 'globals') && (body?.t === 'req' || body?.t === 'globals')) push('mail', word, body, true);
      return;
    }
    if (SQL_AT[word] !== undefined) {
      const k = SQL_AT[word] === 1 || (word === 'pg_query' && args.length > 1) ? 1 : 0;
      const taint = pureArg(k);
      if (taint === 'req' || taint === 'globals') push('sql', word, { t: taint, hops: 0 }, true);
    }
  }

  /** The request's own value at the start of a string built by concatenation (`$_POST['dir'].'/'.$name`). */
  private startsPure(from: number, to: number, scope: number): Taint | undefined {
    let j = from;
    while (j < to && this.isOp(j, '@')) j++;
    let k = j;
    if (this.toks[k]?.k === 'var') {
      k++;
      while (this.isOp(k, '[') || this.isOp(k, '{')) k = (this.match[k] ?? to) + 1;
    } else if (this.toks[k]?.k === 'id' && this.isOp(k + 1, '(')) k = (this.match[k + 1] ?? to) + 1;
    else return undefined;
    if (k !== to && !this.isOp(k, '.')) return undefined;
    return this.pureOf(j, Math.min(k, to), scope);
  }

  /** Code a sink runs that the file computes from constants: kept, and analysed again. */
  private hide(code: string, at: number, made: boolean, depth: number, out: Flow, sink: string): void {
    if (out.hidden.length >= MAX_HIDDEN) return;
    out.hidden.push({ at, code, made });
    if (depth + 1 >= MAX_HIDDEN_DEPTH) return;
    const inner = analyse(code, true, depth + 1, out, this.budget);
    if (inner && made) out.hits.push({ kind: 'hidden', at, name: sink, taint: 'constant', hops: 0, pure: false, depth });
  }
}

interface Tainted {
  t: Taint;
  hops: number;
}

/** Request data beats variables the request defines, which beat a socket's input and the session; fewer hops beat more. */
function better(a: Tainted, b: Tainted): boolean {
  const rank: Record<Taint, number> = { req: 4, globals: 3, net: 2, session: 1 };
  return rank[a.t] > rank[b.t] || (rank[a.t] === rank[b.t] && a.hops < b.hops);
}

const PREG_E = /^(.)[\s\S]{0,400}\1[a-zA-Z]{0,8}e[a-zA-Z]{0,8}$|^\([\s\S]{0,400}\)[a-zA-Z]{0,8}e[a-zA-Z]{0,8}$|^\{[\s\S]{0,400}\}[a-zA-Z]{0,8}e[a-zA-Z]{0,8}$/;
/** Calls a shell wraps request data in on its way to a sink: the value is still the request's. */
const PASSTHROUGH = new Set(['trim', 'ltrim', 'rtrim', 'stripslashes', 'stripcslashes', 'urldecode', 'rawurldecode', 'base64_decode', 'str_rot13', 'strrev', 'hex2bin', 'gzinflate', 'gzuncompress', 'gzdecode', 'html_entity_decode', 'htmlspecialchars_decode', 'strval', 'convert_uudecode', 'reset', 'current', 'end', 'array_pop', 'array_shift', 'implode', 'join', 'str_replace', 'preg_replace', 'strtolower', 'strtoupper', 'unserialize', 'json_decode']);
/** Query functions and the argument that holds the SQL. */
const SQL_AT: Record<string, number> = { mysql_query: 0, mysqli_query: 1, pg_query: 0, mssql_query: 0, sqlite_query: 0, mysql_db_query: 1, odbc_exec: 1, oci_parse: 1, mysql_unbuffered_query: 0 };

/** Binary operators by precedence, lowest first. */
const LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['.'], ['+', '-'], ['*', '/', '%']];

interface P {
  i: number;
  to: number;
  scope: number;
}


function binop(op: string, a: Val, b: Val): Val | undefined {
  if (op === '.') {
    const x = str(a);
    const y = str(b);
    return x === undefined || y === undefined ? undefined : x + y;
  }
  if ((op === '^' || op === '|' || op === '&') && typeof a === 'string' && typeof b === 'string') {
    const len = op === '|' ? Math.max(a.length, b.length) : Math.min(a.length, b.length);
    let out = '';
    for (let i = 0; i < len; i++) {
      const x = a.charCodeAt(i) || 0;
      const y = b.charCodeAt(i) || 0;
      out += String.fromCharCode((op === '^' ? x ^ y : op === '|' ? x | y : x & y) & 0xff);
    }
    return out;
  }
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? undefined : x / y;
    case '%':
      return y === 0 ? undefined : Math.trunc(x) % Math.trunc(y);
    case '^':
      return x ^ y;
    case '|':
      return x | y;
    case '&':
      return x & y;
    default:
      return undefined;
  }
}

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

function inflate(s: string, f: typeof inflateRawSync): string | undefined {
  try {
    return f(Buffer.from(s, 'latin1'), { maxOutputLength: MAX_VALUE }).toString('latin1');
  } catch {
    return undefined;
  }
}

function uudecode(s: string): string {
  let out = '';
  for (const line of s.split('\n')) {
    if (line.length === 0) continue;
    const len = (line.charCodeAt(0) - 32) & 63;
    if (len === 0) break;
    let bytes = '';
    for (let i = 1; i + 3 < line.length + 3 && bytes.length < len; i += 4) {
      const c = [0, 1, 2, 3].map((k) => ((line.charCodeAt(i + k) || 32) - 32) & 63);
      const [a = 0, b = 0, cc = 0, d = 0] = c;
      bytes += String.fromCharCode(((a << 2) | (b >> 4)) & 0xff, ((b << 4) | (cc >> 2)) & 0xff, ((cc << 6) | d) & 0xff);
    }
    out += bytes.slice(0, len);
  }
  return out;
}

function replaceAll(subject: string, search: Val, replace: Val, fold: boolean): string | undefined {
  const from = list(search) ?? [search];
  const to = list(replace);
  let out = subject;
  for (const [k, s] of from.entries()) {
    const needle = str(s);
    if (needle === undefined) return undefined;
    if (needle === '') continue;
    const rep = to ? (str(to[k]) ?? '') : str(replace);
    if (rep === undefined) return undefined;
    if (fold) {
      const lower = needle.toLowerCase();
      const folded = out.toLowerCase();
      let res = '';
      let i = 0;
      for (let j = folded.indexOf(lower); j >= 0; j = folded.indexOf(lower, i)) {
        res += out.slice(i, j) + rep;
        i = j + needle.length;
      }
      out = res + out.slice(i);
    } else out = out.split(needle).join(rep);
    if (out.length > MAX_VALUE) return undefined;
  }
  return out;
}

function sprintf(format: string, args: readonly Val[]): string | undefined {
  let k = 0;
  let bad = false;
  const out = format.replace(/%(?:(\d{1,2})\$)?[-+ 0]{0,3}\d{0,3}(?:\.\d{1,3})?([%sdcuxXob])/g, (_m, pos: string | undefined, type: string) => {
    if (type === '%') return '%';
    const v = pos ? args[Number(pos) - 1] : args[k++];
    if (v === undefined) {
      bad = true;
      return '';
    }
    if (type === 's') return str(v) ?? '';
    const x = Math.trunc(num(v) ?? 0);
    if (type === 'c') return String.fromCharCode(x & 0xff);
    if (type === 'x') return x.toString(16);
    if (type === 'X') return x.toString(16).toUpperCase();
    if (type === 'o') return x.toString(8);
    if (type === 'b') return x.toString(2);
    return String(x);
  });
  return bad ? undefined : out;
}

function pack(format: string, args: readonly Val[]): string | undefined {
  const s = str(args[0]);
  if (s === undefined) return undefined;
  if (/^H\*$/i.test(format)) {
    const hex = s.replace(/[^0-9a-f]/gi, '');
    return Buffer.from(format === 'h*' ? hex.replace(/(.)(.)/g, '$2$1') : hex, 'hex').toString('latin1');
  }
  if (/^[aA]\*$/.test(format)) return s;
  if (/^C\*$/.test(format)) return args.map((a) => String.fromCharCode(Math.trunc(num(a) ?? 0) & 0xff)).join('');
  return undefined;
}

/** PHP string and array functions on constant arguments (what obfuscators build names and payloads with). */
function callBuiltin(name: string, a: readonly Val[]): Val | undefined {
  const s0 = str(a[0]);
  switch (name) {
    case 'str_replace':
    case 'str_ireplace': {
      const subject = str(a[2]);
      const subjects = list(a[2]);
      if (a[0] === undefined || a[1] === undefined) return undefined;
      if (subject !== undefined) return replaceAll(subject, a[0], a[1], name === 'str_ireplace');
      if (subjects) {
        const out: Val[] = [];
        for (const x of subjects) {
          const y = str(x);
          const r = y === undefined ? undefined : replaceAll(y, a[0], a[1], name === 'str_ireplace');
          if (r === undefined) return undefined;
          out.push(r);
        }
        return arrOf(out);
      }
      return undefined;
    }
    case 'strrev':
      return s0 === undefined ? undefined : s0.split('').reverse().join('');
    case 'strtolower':
    case 'mb_strtolower':
      return s0?.toLowerCase();
    case 'strtoupper':
    case 'mb_strtoupper':
      return s0?.toUpperCase();
    case 'ucfirst':
      return s0 === undefined ? undefined : s0.charAt(0).toUpperCase() + s0.slice(1);
    case 'lcfirst':
      return s0 === undefined ? undefined : s0.charAt(0).toLowerCase() + s0.slice(1);
    case 'ucwords':
      return s0?.replace(/(^|\s)([a-z])/g, (_m, sp: string, c: string) => sp + c.toUpperCase());
    case 'trim':
    case 'ltrim':
    case 'rtrim':
    case 'chop': {
      if (s0 === undefined) return undefined;
      const chars = a[1] === undefined ? ' \t\n\r\0\x0B' : str(a[1]);
      if (chars === undefined || chars.includes('..')) return undefined;
      let x = 0;
      let y = s0.length;
      if (name !== 'rtrim' && name !== 'chop') while (x < y && chars.includes(s0.charAt(x))) x++;
      if (name !== 'ltrim') while (y > x && chars.includes(s0.charAt(y - 1))) y--;
      return s0.slice(x, y);
    }
    case 'base64_decode':
      return s0 === undefined ? undefined : Buffer.from(s0.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64').toString('latin1');
    case 'base64_encode':
      return s0 === undefined ? undefined : Buffer.from(s0, 'latin1').toString('base64');
    case 'str_rot13':
      return s0 === undefined ? undefined : rot13(s0);
    case 'gzinflate':
      return s0 === undefined ? undefined : inflate(s0, inflateRawSync);
    case 'gzuncompress':
      return s0 === undefined ? undefined : inflate(s0, inflateSync);
    case 'gzdecode':
      return s0 === undefined ? undefined : inflate(s0, gunzipSync);
    case 'hex2bin':
      return s0 === undefined || !/^(?:[0-9a-f]{2})*$/i.test(s0) ? undefined : Buffer.from(s0, 'hex').toString('latin1');
    case 'bin2hex':
      return s0 === undefined ? undefined : Buffer.from(s0, 'latin1').toString('hex');
    case 'chr': {
      const x = num(a[0]);
      return x === undefined ? undefined : String.fromCharCode(((Math.trunc(x) % 256) + 256) % 256);
    }
    case 'ord':
      return s0 === undefined ? undefined : s0.charCodeAt(0) || 0;
    case 'substr':
    case 'mb_substr': {
      if (s0 === undefined) return undefined;
      const start = Math.trunc(num(a[1]) ?? 0);
      const from = start < 0 ? Math.max(0, s0.length + start) : start;
      if (a[2] === undefined || str(a[2]) === '') return s0.slice(from);
      const len = Math.trunc(num(a[2]) ?? 0);
      return len < 0 ? s0.slice(from, s0.length + len) : s0.slice(from, from + len);
    }
    case 'str_repeat': {
      const times = Math.trunc(num(a[1]) ?? 0);
      return s0 === undefined || times < 0 || s0.length * times > MAX_VALUE ? undefined : s0.repeat(times);
    }
    case 'implode':
    case 'join': {
      const items = list(a[1]) ?? list(a[0]);
      const glue = list(a[1]) ? s0 : a[1] === undefined ? '' : str(a[1]);
      if (!items || glue === undefined) return undefined;
      const parts = items.map(str);
      return parts.some((x) => x === undefined) ? undefined : parts.join(glue);
    }
    case 'explode': {
      const s = str(a[1]);
      if (s0 === undefined || s === undefined || s0 === '') return undefined;
      return arrOf(s.split(s0));
    }
    case 'str_split': {
      const size = Math.max(1, Math.trunc(num(a[1]) ?? 1));
      if (s0 === undefined) return undefined;
      const out: string[] = [];
      for (let i = 0; i < s0.length && out.length < 100_000; i += size) out.push(s0.slice(i, i + size));
      return arrOf(out);
    }
    case 'strtr': {
      if (s0 === undefined) return undefined;
      if (a.length === 3) {
        const from = str(a[1]);
        const to = str(a[2]);
        if (from === undefined || to === undefined) return undefined;
        const len = Math.min(from.length, to.length);
        let out = '';
        for (const c of s0) {
          const k = from.lastIndexOf(c);
          out += k >= 0 && k < len ? (to[k] as string) : c;
        }
        return out;
      }
      const pairs = isArr(a[1]) ? [...a[1].arr.entries()].filter(([k]) => k !== '').sort((x, y) => y[0].length - x[0].length) : undefined;
      if (!pairs) return undefined;
      let out = '';
      for (let i = 0; i < s0.length; ) {
        const hit = pairs.find(([k]) => s0.startsWith(k, i));
        if (hit) {
          out += str(hit[1]) ?? '';
          i += hit[0].length;
        } else out += s0.charAt(i++);
      }
      return out;
    }
    case 'sprintf':
      return s0 === undefined ? undefined : sprintf(s0, a.slice(1));
    case 'pack':
      return s0 === undefined ? undefined : pack(s0, a.slice(1));
    case 'urldecode':
    case 'rawurldecode': {
      if (s0 === undefined) return undefined;
      const t = name === 'urldecode' ? s0.replace(/\+/g, ' ') : s0;
      return t.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    case 'convert_uudecode':
      return s0 === undefined ? undefined : uudecode(s0);
    case 'stripslashes':
      return s0?.replace(/\\(.)/g, '$1');
    case 'htmlspecialchars_decode':
    case 'html_entity_decode':
      return s0?.replace(/&(lt|gt|quot|#0?39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#039': "'", '#39': "'", amp: '&' })[e] ?? '');
    case 'strval':
      return s0;
    case 'intval': {
      const x = num(a[0]);
      return x === undefined ? undefined : Math.trunc(x);
    }
    case 'hexdec':
      return s0 === undefined ? undefined : parseInt(s0.replace(/[^0-9a-f]/gi, '') || '0', 16);
    case 'octdec':
      return s0 === undefined ? undefined : parseInt(s0.replace(/[^0-7]/g, '') || '0', 8);
    case 'bindec':
      return s0 === undefined ? undefined : parseInt(s0.replace(/[^01]/g, '') || '0', 2);
    case 'dechex': {
      const x = num(a[0]);
      return x === undefined ? undefined : Math.trunc(x).toString(16);
    }
    case 'base_convert': {
      const from = Math.trunc(num(a[1]) ?? 10);
      const to = Math.trunc(num(a[2]) ?? 10);
      if (s0 === undefined || from < 2 || from > 36 || to < 2 || to > 36) return undefined;
      const x = parseInt(s0.toLowerCase(), from);
      return Number.isNaN(x) ? undefined : x.toString(to);
    }
    case 'strlen':
      return s0?.length;
    case 'count':
    case 'sizeof':
      return list(a[0])?.length;
    case 'array':
      return arrOf(a);
    case 'array_reverse': {
      const items = list(a[0]);
      return items ? arrOf(items.reverse()) : undefined;
    }
    case 'array_values': {
      const items = list(a[0]);
      return items ? arrOf(items) : undefined;
    }
    case 'array_merge': {
      const out: Val[] = [];
      for (const x of a) {
        const items = list(x);
        if (!items) return undefined;
        out.push(...items);
      }
      return arrOf(out);
    }
    case 'array_diff': {
      if (!isArr(a[0])) return undefined;
      const drop = new Set<string>();
      for (const x of a.slice(1)) for (const y of list(x) ?? []) drop.add(str(y) ?? '');
      const arr = new Map<string, Val>();
      for (const [k, v] of a[0].arr) if (!drop.has(str(v) ?? '\0')) arr.set(k, v);
      return { arr };
    }
    case 'array_pop':
    case 'end': {
      const items = list(a[0]);
      return items ? items[items.length - 1] : undefined;
    }
    case 'reset':
    case 'current':
    case 'array_shift': {
      const items = list(a[0]);
      return items ? items[0] : undefined;
    }
    case 'range': {
      if (typeof a[0] === 'string' && typeof a[1] === 'string' && a[0].length === 1 && a[1].length === 1) {
        const out: string[] = [];
        const x = a[0].charCodeAt(0);
        const y = a[1].charCodeAt(0);
        for (let c = x; x <= y ? c <= y : c >= y; c += x <= y ? 1 : -1) out.push(String.fromCharCode(c));
        return arrOf(out);
      }
      const x = num(a[0]);
      const y = num(a[1]);
      if (x === undefined || y === undefined || Math.abs(y - x) > 10_000) return undefined;
      const out: number[] = [];
      for (let c = x; x <= y ? c <= y : c >= y; c += x <= y ? 1 : -1) out.push(c);
      return arrOf(out);
    }
    case 'str_pad': {
      const len = Math.trunc(num(a[1]) ?? 0);
      const pad = a[2] === undefined ? ' ' : str(a[2]);
      if (s0 === undefined || pad === undefined || pad === '' || len > MAX_VALUE) return undefined;
      return s0.length >= len ? s0 : s0 + pad.repeat(Math.ceil((len - s0.length) / pad.length)).slice(0, len - s0.length);
    }
    default:
      return undefined;
  }
}

/**
 * Analyse a PHP text (a file, or code it hides): the sinks that tainted data or hidden code
 * reaches. `out` collects across the hidden layers. Returns whether any hit was found.
 */
function analyse(text: string, inPhp: boolean, depth: number, out: Flow, budget: Budget): boolean {
  const before = out.hits.length;
  const a = new Analysis(text, inPhp, budget);
  if (a.toks.length === 0) return false;
  a.evaluate();
  a.propagate();
  a.sinks(depth, out);
  return out.hits.length > before;
}

/** The flow of a PHP text: sinks reached by request data or by code it hides, and that hidden code. */
export function phpFlow(text: string): Flow {
  const out: Flow = { hits: [], hidden: [], spent: 0, exhausted: false };
  const total = WORK_BASE + WORK_PER_CHAR * Math.min(text.length, MAX_LEX);
  const budget: Budget = { left: total };
  try {
    analyse(text, !text.includes('<?'), 0, out, budget);
  } catch (error) {
    if (error !== OUT_OF_WORK) throw error;
    out.exhausted = true;
  }
  out.spent = total - Math.max(0, budget.left);
  return out;
}

/** Characters a value holds (an array: its elements'), for the work budget. */
function weight(v: Val | undefined): number {
  if (typeof v === 'string') return v.length;
  if (isArr(v)) {
    let w = v.arr.size;
    for (const x of v.arr.values()) w += typeof x === 'string' ? x.length : 1;
    return w;
  }
  return 1;
}

/** The work of a string function on its arguments: what it reads, times the needles it looks for. */
function cost(name: string, args: readonly Val[]): number {
  let w = 1;
  for (const a of args) w += weight(a);
  if (name === 'str_replace' || name === 'str_ireplace') return w * Math.max(1, list(args[0])?.length ?? 1);
  if (name === 'strtr') return w * Math.max(1, isArr(args[1]) ? args[1].arr.size : 1);
  return w;
}

const cache = new WeakMap<object, Flow>();
let last: { text: string; flow: Flow } | undefined;

/** The flow of a text, computed once per view (rules) or per text (the decoders, which see the same text). */
export function flowOf(owner: object, text: () => string): Flow {
  const known = cache.get(owner);
  if (known) return known;
  const t = text();
  const flow = last !== undefined && last.text.length === t.length && last.text === t ? last.flow : phpFlow(t);
  last = { text: t, flow };
  cache.set(owner, flow);
  return flow;
}
