// Obfuscated loaders and backdoors: code that hides what it runs. Severity high (critical
// when the hidden code also takes request data). Each rule pairs a sink with the
// obfuscation that feeds it; obfuscation alone, or a sink alone, never fires.
import { DANGEROUS_IN_TEXT, DANGEROUS_NAME, PHP_CODE_SINK, PHP_DECODER, PHP_DECODER_LITERALS, PHP_REQUEST, around, assignedFrom, callArgs, variablesIn, tryPlaces } from './common.js';
import type { Hit, Rule, View } from './rule.js';
import { trimChars } from '../../util/trim.js';

const MAX_TRIES = 400;
const PHP = ['php', 'html'] as const;

/** The first hit among the literal's places; past MAX_TRIES, the first and the last half of the tries (code is prepended or appended). */
function each(at: readonly number[], test: (offset: number) => Hit | undefined): Hit | undefined {
  return tryPlaces(at, MAX_TRIES, test);
}

const SINK_AT = /^(?:eval|assert|create_function|include|include_once|require|require_once)\s{0,8}(?:\/\*[^*]{0,40}\*\/\s{0,4})?\(?/i;
function sinkAt(view: View, o: number): boolean {
  const before = view.text(o - 2, o);
  if (/[A-Za-z0-9_$>:]$/.test(before)) return false;
  return SINK_AT.test(view.text(o, o + 40));
}

/** Decoder call, or a variable function call, or a string-built name right inside the sink's argument. */
const DECODER_IN_ARG = /^\s{0,8}(?:@\s{0,4})?(?:['"][^'"\n]{0,24}['"]\s{0,4}\.\s{0,4})?(?:@\s{0,4})?(?:[A-Za-z_][A-Za-z0-9_]{2,40}\s{0,4}\(\s{0,4}['"][A-Za-z0-9+/=]{100}|base64_decode|htmlspecialchars_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|convert_uudecode|hex2bin|rawurldecode|urldecode|bzdecompress|gzinflate|pack|hexdec|chr|\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]]{0,60}\]\s{0,4})?\(|\$\{[^}]{1,80}\}\s{0,4}\(|\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\()/i;

/** A decoded string that is an absolute address of a script host. */
const HIDDEN_URL = /^\s{0,4}(?:https?:)?\/\/[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,6}(?::\d{2,5})?\/[^\s'"<>]{0,200}$/i;
/** A script element and its src within reach. */
const SCRIPT_SRC_NEAR = /createElement\s{0,4}\(\s{0,4}['"]script['"][\s\S]{0,300}\.src\s{0,4}=|\.src\s{0,4}=[\s\S]{0,300}createElement\s{0,4}\(\s{0,4}['"]script['"]|setAttribute\s{0,4}\(\s{0,4}['"]src['"]/i;

const ESCAPE_RUN = /(?:\\x[0-9a-fA-F]{2}|\\[0-7]{2,3})(?:\\x[0-9a-fA-F]{2}|\\[0-7]{2,3})(?:\\x[0-9a-fA-F]{2}|\\[0-7]{2,3})/;

export const LOADER_RULES: Rule[] = [
  {
    id: 'php-decoder-to-code-sink',
    family: 'loaders',
    severity: 'high',
    description: 'eval/assert/create_function/include runs the output of a decoder chain (base64, gzinflate, str_rot13, strrev, hex…) or of a variable function',
    reference: 'https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; https://www.halock.com/fishpig-hack-means-muddy-waters-for-200000/ (FishPig: malicious code hidden in an obfuscated License.php)',
    langs: PHP,
    literals: ['eval', 'assert', 'create_function'],
    aux: PHP_DECODER_LITERALS,
    match: (view, at) => each(at, (o) => {
      if (!sinkAt(view, o)) return undefined;
      const args = callArgs(view, o, 300);
      if (!args) return undefined;
      if (DECODER_IN_ARG.test(args)) {
        // a variable function inside eval is only a loader when fed by something opaque
        if (/^\s{0,8}(?:@\s{0,4})?\$[A-Za-z_]/.test(args) && !/\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]]{0,60}\]\s{0,4})?\(\s{0,4}(?:\$|['"][A-Za-z0-9+/=]{16}|['"]\\x|['"][^'"]{40})/.test(args)) {
          if (!PHP_DECODER.test(args) && !ESCAPE_RUN.test(args)) return undefined;
        }
        return { offset: o, note: 'decoder output into a code sink' };
      }
      // eval($code) where $code = base64_decode(…) / gzinflate(…) a little before
      const vars = variablesIn(args, 3);
      if (vars.length > 0 && args.trim().startsWith('$') && assignedFrom(view, o, vars, /\b(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|convert_uudecode|hex2bin|bzdecompress)\s{0,8}\(|^\s{0,4}\$[A-Za-z_]\w{0,30}\s{0,4}\.\s{0,4}\$[A-Za-z_]\w{0,30}\s{0,4}\.\s{0,4}\$[A-Za-z_]\w{0,30}\s{0,4}\./i, 3000)) return { offset: o, note: 'decoded or assembled variable into a code sink' };
      return undefined;
    }),
  },
  {
    id: 'php-preg-replace-eval',
    family: 'loaders',
    severity: 'high',
    description: 'preg_replace with the /e modifier (evaluates the replacement) fed by request data, a decoder or a variable',
    reference: 'https://www.php.net/manual/en/reference.pcre.pattern.modifiers.php (the e modifier, removed in PHP 7) ; https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells)',
    langs: PHP,
    literals: ['preg_replace'],
    match: (view, at) => each(at, (o) => {
      const args = callArgs(view, o, 500);
      if (!args) return undefined;
      // first argument: a quoted pattern ending in modifiers that include e, or an escaped/concatenated one
      const m = /^\s{0,8}(['"])(.{1,200}?)\1/.exec(args);
      if (!m) return /^\s{0,8}(?:\$|['"]\\x|chr\()/i.test(args) && /\$_(?:POST|GET|REQUEST|COOKIE)\b/.test(args) ? { offset: o, note: 'preg_replace with request data and a built pattern' } : undefined;
      const pattern = m[2] as string;
      const delim = pattern[0] as string;
      const close = { '(': ')', '{': '}', '[': ']', '<': '>' }[delim] ?? delim;
      const end = pattern.lastIndexOf(close);
      if (end <= 0) return undefined;
      const mods = pattern.slice(end + 1);
      const escaped = /\\x65|\\145/.test(mods);
      if (!/^[a-zA-Z]{0,8}$/.test(mods.replace(/\\x65|\\145/g, 'e')) || !(mods.includes('e') || escaped)) return undefined;
      const rest = args.slice(m[0].length);
      // the replacement is code: from the request, a decoder, a variable, or hidden in escapes ("\x65\x76\x61\x6C(…")
      return PHP_REQUEST.test(rest) || PHP_DECODER.test(rest) || /^\s{0,8},\s{0,8}(?:@\s{0,4})?\$/.test(rest) || /^\s{0,8},\s{0,8}["'](?:\\x[0-9a-fA-F]{2}|\\[0-7]{3}){8}/.test(rest) || assignedFrom(view, o, variablesIn(rest, 3), PHP_REQUEST, 800) ? { offset: o, note: 'preg_replace /e with a non-literal replacement' } : undefined;
    }),
  },
  {
    id: 'php-assembled-dangerous-name',
    family: 'loaders',
    severity: 'high',
    description: 'a dangerous function or superglobal name hidden in hex/octal escapes, chr() chains or base64 and then used',
    reference: 'https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)',
    langs: PHP,
    literals: ["'.'", '"."', "' . '", '" . "', 'str_replace', 'strtr', 'substr_replace', 'strrev', 'str_rot13', 'trim(', 'hex2bin', ').$', '\\x', 'chr(', 'base64_decode', '\\1', '\\14', '\\16', '\\15', '\\13', '\\12', '\\10', '\\7', '\\6', '\\5', '\\4'],
    caseSensitive: false,
    match: (view) => {
      for (const d of view.decoded()) {
        if (d.how === 'inflate' || d.text.length > 4096) continue;
        const t = trimChars(trimChars(d.text, ' \t\r\n\'"'), '(', 'end');
        if (t.length < 3) continue;
        if (DANGEROUS_NAME.test(t) || (d.how !== 'base64' && t.length < 200 && DANGEROUS_IN_TEXT.test(t) && /[($]/.test(t))) {
          // the decoded name must be used: as a call, a variable function, or inside $GLOBALS/${}
          const { text } = around(view, d.offset, 200, 400);
          if (/\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]]{0,60}\]\s{0,4})?(?:\[[^\]]{0,60}\]\s{0,4})?\(|\$\{|\$GLOBALS|\bdefine\s{0,4}\(|\(\s{0,4}\$|\beval\s{0,4}\(|create_function|array_map|call_user_func/i.test(text)) return { offset: d.offset, note: `${d.how}-assembled name` };
        }
      }
      return undefined;
    },
  },
  {
    id: 'php-globals-function-table',
    family: 'loaders',
    severity: 'high',
    description: 'functions called through $GLOBALS entries or ${"…"} names built from escapes (the FOPO/ionCube-lookalike loader pattern)',
    reference: 'https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; function tables in $GLOBALS built from escapes, described in words',
    langs: PHP,
    literals: ['$GLOBALS', '${"\\x', "${'\\x", '${"\\1', '${"\\4', '${"\\x47'],
    match: (view, at) => tryPlaces(at, 200, (o) => {
      const { text } = around(view, o, 0, 200);
      const called = /^\$GLOBALS\s{0,4}\[[^\]\n]{1,80}\]\s{0,4}(?:\[[^\]\n]{1,80}\]\s{0,4})?(?:\[[^\]\n]{1,80}\]\s{0,4})?\(/.test(text) || /^\$\{\s{0,4}["'][\\\\A-Za-z0-9]{3,80}["']\s{0,4}\}\s{0,4}\[/.test(text);
      if (!called) return undefined;
      // and obfuscation around: escapes, a decoder, or a long opaque string
      const win = view.text(o - 3000, o + 3000);
      return ESCAPE_RUN.test(win) || PHP_DECODER.test(win) || /['"][A-Za-z0-9+/=]{300}/.test(win) ? { offset: o, note: 'function table in $GLOBALS' } : undefined;
    }),
  },
  {
    id: 'php-string-arithmetic-builder',
    family: 'loaders',
    severity: 'high',
    description: 'function names assembled with bitwise string operators (\'..\'^\'..\', |~, &) and then called as variable functions',
    reference: 'https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; function names built from XOR, OR and NOT of strings, described in words',
    langs: PHP,
    literals: ["'^'", '"^"', "'^\"", "\"^'", "'|'", "'&'", '"|"', '"&"', "'|~", "'&~", "'^~", '|~', '&~', '^~', "'^", "^'", '"^', '^"'],
    caseSensitive: true,
    match: (view, at) => {
      if (at.length < 3) return undefined;
      return tryPlaces(at, 100, (o) => {
        const { text: raw, base } = around(view, o, 400, 1200);
        const nl = raw.indexOf('\n');
        const text = base > 0 && nl >= 0 && nl < o - base ? raw.slice(nl + 1) : raw;
        // bitwise operators outside quotes between string literals or barewords
        const count = stringOps(text);
        if (count < 4) return undefined;
        const called = /\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\(\s{0,4}(?:@\s{0,2})?\$|\$\{[^}]{1,60}\}\s{0,4}\(|\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\(\s{0,4}\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\(/.test(view.text(o - 400, o + 6000));
        return called ? { offset: o, note: 'bitwise-built function names' } : undefined;
      });
    },
  },
  {
    id: 'php-remote-code-load',
    family: 'loaders',
    severity: 'high',
    description: 'code fetched from a remote URL is evaluated, included, or written to a .php file',
    reference: 'https://www.php.net/manual/en/features.remote-files.php ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)',
    langs: PHP,
    literals: ['file_get_contents', 'curl_exec', 'fopen', 'include', 'require', 'eval'],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 0, 300);
      if (/^(?:include|require)(?:_once)?\s{0,8}\(?\s{0,8}['"](?:(?:https?|ftp|data|expect):|php:\/\/(?:input|filter))/i.test(text)) return { offset: o, note: 'include of a remote URL or the request body' };
      if (/^eval\s{0,8}\(\s{0,8}(?:['"]\?>['"]\s{0,4}\.\s{0,4})?(?:@\s{0,2})?(?:file_get_contents|curl_exec|fread|stream_get_contents|implode\s{0,4}\(\s{0,4}['"]{2}\s{0,4},\s{0,4}file)\s{0,4}\(\s{0,4}['"]?(?:https?:|\$)/i.test(text)) return { offset: o, note: 'eval of fetched content' };
      if (/^file_get_contents\s{0,8}\(\s{0,8}['"]https?:\/\/[^'"]{4,200}\.(?:txt|jpg|png|gif)['"]/i.test(text)) {
        const win = view.text(o - 300, o + 400);
        if (/file_put_contents\s{0,4}\([^;]{0,120}\.php['"]|fopen\s{0,4}\(\s{0,4}['"][^'"]{0,120}\.php['"]|\beval\s{0,4}\(/i.test(win)) return { offset: o, note: 'remote payload written or run' };
      }
      return undefined;
    }),
  },
  {
    id: 'php-long-payload-decoded',
    family: 'loaders',
    severity: 'high',
    description: 'a long opaque string literal is decoded and the result reaches a code sink in the same file',
    reference: 'https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; https://www.halock.com/fishpig-hack-means-muddy-waters-for-200000/ (FishPig: malicious code hidden in an obfuscated License.php)',
    langs: PHP,
    literals: PHP_DECODER_LITERALS,
    aux: ['eval', 'assert', 'create_function', 'preg_replace', 'include'],
    match: (view, at) => {
      if (!view.has(['eval', 'assert', 'create_function', 'preg_replace'])) return undefined;
      return tryPlaces(at, 100, (o) => {
        const args = callArgs(view, o, 600);
        if (!/^\s{0,4}(?:['"][A-Za-z0-9+/=\\\r\n]{400}|\$[A-Za-z_]\w{0,40}\s{0,4}\)|(?:base64_decode|gzinflate|str_rot13|gzuncompress|strrev)\s{0,4}\(\s{0,4}(?:['"][A-Za-z0-9+/=\\\r\n]{400}|\$))/.test(args)) return undefined;
        // a code sink within the file that takes a variable or a call
        for (const sink of ['eval', 'assert', 'create_function']) {
          for (const s of view.positions(sink).slice(0, 200)) {
            const t = view.text(s, s + 40);
            if (/^(?:eval|assert|create_function)\s{0,8}\(\s{0,8}(?:@\s{0,2})?(?:\$|['"]\?>|\w{3,20}\s{0,4}\()/i.test(t) && !/[A-Za-z0-9_>:$]$/.test(view.text(s - 1, s))) return { offset: o, note: 'opaque payload and a code sink' };
          }
        }
        return undefined;
      });
    },
  },
  {
    id: 'config-auto-prepend',
    family: 'loaders',
    severity: 'high',
    suspicious: true,
    description: '.htaccess/.user.ini/php.ini makes PHP run a file before (or after) every script: auto_prepend_file/auto_append_file',
    reference: 'https://www.php.net/manual/en/ini.core.php#ini.auto-prepend-file ; https://www.oryoy.com/news/jie-mi-php-hou-men-xue-hui-fang-fan-shou-hu-ni-de-wang-zhan-an-quan-a13740363.html (php.ini, .htaccess and .user.ini backdoors)',
    langs: ['config'],
    literals: ['auto_prepend_file', 'auto_append_file'],
    match: (view, at) => each(at, (o) => {
      const before = view.text(o - 200, o);
      const after = view.text(o, o + 300);
      const end = after.indexOf('\n');
      const line = before.slice(before.lastIndexOf('\n') + 1) + (end < 0 ? after : after.slice(0, end));
      if (/^\s{0,8}[#;]/.test(line)) return undefined;
      const value = /auto_(?:prepend|append)_file\s{0,8}[= ]\s{0,8}["']?([^"'\s]{1,200})/i.exec(line);
      if (!value || /^(?:none|""|'')$/i.test(value[1] as string)) return undefined;
      return { offset: o, note: 'auto_prepend/append set' };
    }),
  },
  {
    id: 'config-php-handler-for-static',
    family: 'loaders',
    severity: 'high',
    description: '.htaccess makes images or other static files run as PHP (AddType/AddHandler/SetHandler for .jpg/.png/.gif/.ico/.txt)',
    reference: 'https://oryoy.com/news/jie-mi-php-tu-pian-mu-ma-ru-he-shi-bie-yu-fang-fan-wang-luo-an-quan-de-yin-xing-wei-xie.html (PHP hidden in image files) ; Apache AddType/AddHandler/SetHandler making images run as PHP, described in words',
    langs: ['config'],
    literals: ['x-httpd-php', 'php-script', 'application/x-httpd', 'sethandler', 'addhandler', 'addtype'],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 200, 300);
      return /(?:AddType|AddHandler)\s{1,8}(?:application\/x-httpd-php[0-9a-z-]{0,16}|php[0-9]?-script|x-httpd-php[0-9a-z-]{0,16})\s{1,8}[^\n]{0,80}\.(?:jpe?g|png|gif|ico|bmp|txt|css|svg|webp)\b/i.test(text) ||
        /<FilesMatch\s{1,4}["']?[^>\n]{0,80}(?:jpe?g|png|gif|ico|txt|css)[^>\n]{0,40}>\s{0,20}SetHandler\s{1,8}application\/x-httpd-php/i.test(text)
        ? { offset: o, note: 'static files executed as PHP' }
        : undefined;
    }),
  },
  {
    id: 'js-obfuscated-script-injection',
    family: 'loaders',
    severity: 'high',
    description: 'JS decodes a hidden string (char codes, hex escapes, base64, entities) and writes or injects it as a script, or evals it',
    reference: 'https://edevelop.ai/?p=983 (Magecart skimmers, heavily obfuscated) ; https://www.feroot.com/education-center/what-is-payment-skimming/ (payment skimming)',
    langs: ['js', 'html', 'php'],
    literals: ['fromCharCode', 'atob', '\\x3c\\x73', '\\x3C\\x73', 'unescape', 'eval(function(p,a,c,k,e', '&#60;&#115;', '&#104;&#116;&#116;&#112;'],
    aux: ['eval', 'document.write', 'createElement', 'Function(', 'appendChild', 'insertBefore', '.src', 'write', '\\x77\\x72\\x69\\x74\\x65'],
    match: (view) => {
      if (!view.has(['eval', 'document.write', 'createElement', 'Function(', 'appendChild', 'insertBefore', '.src', 'write', '\\x77\\x72\\x69\\x74\\x65'])) return undefined;
      for (const d of view.decoded()) {
        if (d.text.length < 12) continue;
        if (d.how === 'concat') continue;
        if (/<script[\s>]|<iframe[\s>]|<img[^>]{0,40}src|\.src\s{0,4}=|createElement\s{0,4}\(\s{0,4}['"](?:script|iframe)|document\.write|eval\s{0,4}\(|new\s{1,4}Function/i.test(d.text) && /https?:\/\/[a-z0-9-]{1,60}\.|\/\/[a-z0-9-]{2,60}\.[a-z]{2,10}\//i.test(d.text)) {
          const { text } = around(view, d.offset, 1500, 3000);
          if (/\beval\b|document\s{0,2}(?:\.|\[\s{0,2}['"])write|\[\s{0,2}['"]\\x77\\x72|createElement|new\s{1,4}Function|\bFunction\s{0,2}\(|appendChild|\.src\s{0,4}=|write/.test(text)) return { offset: d.offset, note: `${d.how}-hidden script injection` };
        }
        // the hidden string is the address itself, given to a script element made right there
        if (d.how !== 'transform' && HIDDEN_URL.test(d.text.slice(0, 300)) && SCRIPT_SRC_NEAR.test(view.text(d.offset - 300, d.offset + 300))) return { offset: d.offset, note: `${d.how}-hidden script address` };
      }
      return undefined;
    },
  },
];

export { PHP_CODE_SINK };


/** Count `^ | &` operators, outside quotes and comments, that join string literals or barewords ('ab'^'cd', 'x'|~Y). */
export function stringOps(text: string): number {
  let count = 0;
  let quote = '';
  let lastEnd = ''; // 's' after a string literal, 'w' after a bareword, '' otherwise
  for (let i = 0; i < text.length && count < 50; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) {
        quote = '';
        lastEnd = 's';
      }
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if ((c === '/' && text[i + 1] === '/') || c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      lastEnd = '';
      continue;
    }
    if (c === '*' && /(?:^|\n)[ \t]{0,40}$/.test(text.slice(Math.max(0, i - 41), i))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      lastEnd = '';
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
      lastEnd = '';
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if ((c === '^' || c === '|' || c === '&') && text[i + 1] !== c && text[i - 1] !== c && text[i + 1] !== '=') {
      let j = i + 1;
      while (text[j] === ' ' || text[j] === '~' || text[j] === '\n' || text[j] === '\t') j++;
      const next = text[j] ?? '';
      if ((lastEnd === 's' && (next === '"' || next === "'" || /[A-Za-z_]/.test(next))) || (lastEnd === 'w' && (next === '"' || next === "'"))) count++;
      lastEnd = '';
      continue;
    }
    if (/[A-Za-z0-9_]/.test(c)) {
      const prev = text[i - 1] ?? '';
      if (!/[A-Za-z0-9_$]/.test(prev)) {
        let j = i;
        while (j < text.length && /[A-Za-z0-9_]/.test(text[j] as string)) j++;
        // a bareword constant (no $ before, no ( after)
        lastEnd = prev !== '$' && text[j] !== '(' && prev !== '>' && prev !== ':' ? 'w' : '';
        i = j - 1;
        continue;
      }
      continue;
    }
    lastEnd = '';
  }
  return count;
}
