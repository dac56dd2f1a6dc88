// Web shells and backdoors that give an attacker code or command execution over HTTP.
// Severity critical. Each rule needs two signals: a sink and attacker input reaching it,
// or a sink and the shape of a shell (its upload form, its recon commands).
import { DANGEROUS_NAME, PHP_CMD_SINK, PHP_CODE_SINK, PHP_REQUEST, PHP_REQUEST_LITERALS, around, assignedFrom, callArgs, countRun, splitArgs, variablesIn, tryPlaces, placesToTry } from './common.js';
import type { Hit, Rule, View } from './rule.js';
import { flowOf, type SinkHit } from './php-flow.js';

const MAX_TRIES = 400;
/** What a shell shows its operator about the server: each entry a kind (aliases map to one). */
const RECON = ['php_uname', 'posix_getpwuid', 'disable_functions', 'safe_mode', 'disk_free_space', '/etc/passwd', 'getmyuid', 'posix_geteuid', 'uname -a', 'get_current_user', 'open_basedir', 'posix_getgrgid', 'getmypid', 'whoami', 'netstat', 'ps aux', 'cmd.exe', '/bin/sh', 'server_software'];
const RECON_KIND: Record<string, string> = { posix_geteuid: 'getmyuid', posix_getgrgid: 'posix_getpwuid', 'cmd.exe': 'shell', '/bin/sh': 'shell', getmypid: 'getmyuid' };
/** PHP 4 era: request variables turned into globals. */
const REGISTER_GLOBALS = ['$HTTP_POST_VARS', '$HTTP_GET_VARS', 'import_request_variables', 'extract($_', 'extract ($_', 'extract( $_', 'extract($HTTP_'];
/** Request data proper (not $_SERVER, which every framework reads). */
const USER_INPUT = ['$_POST', '$_GET', '$_REQUEST', '$_COOKIE', '$_FILES', 'php://input'];
const PHP = ['php', 'html'] as const;

/** The first hit among the literal's places; past MAX_TRIES, the first and the last half of the tries (code is prepended or appended). */
function each(at: readonly number[], test: (offset: number) => Hit | undefined): Hit | undefined {
  return tryPlaces(at, MAX_TRIES, test);
}

/** Starts a PHP identifier-bounded call here? (the byte before is not part of a name or `->`/`::`) */
function callAt(view: View, offset: number, sink: RegExp): boolean {
  const { text, base } = around(view, offset, 3, 60);
  const before = text.slice(0, offset - base);
  if (/[A-Za-z0-9_$>:\\]$/.test(before) && !/[^\w]@$/.test(before)) return false;
  if (/(?:function|->|::)\s{0,4}$/.test(view.text(offset - 12, offset))) return false;
  const rest = text.slice(offset - base);
  const m = sink.exec(rest);
  return m !== null && m.index === 0;
}

const CODE_SINK_START = new RegExp(`^(?:${PHP_CODE_SINK.source.replace(/^\\b/, '')})`, 'i');
const CMD_SINK_START = new RegExp(`^(?:${PHP_CMD_SINK.source.replace(/^\\b/, '')})`, 'i');

/** Request data in the call's arguments, directly or through a variable assigned from it just before. */
function requestReaches(view: View, offset: number): boolean {
  const args = callArgs(view, offset);
  if (!args) return false;
  if (PHP_REQUEST.test(args)) return true;
  return assignedFrom(view, offset, variablesIn(args), PHP_REQUEST, 1500);
}

export const SHELL_RULES: Rule[] = [
  {
    id: 'php-request-to-code-sink',
    family: 'shells',
    severity: 'critical',
    description: 'eval/assert/create_function runs code taken from the HTTP request (one-line backdoor, China Chopper style)',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)',
    langs: PHP,
    literals: ['eval', 'assert', 'create_function'],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) =>
      view.has(PHP_REQUEST_LITERALS)
        ? each(at, (o) => (callAt(view, o, CODE_SINK_START) && requestReaches(view, o) ? { offset: o, note: 'request data into a code sink' } : undefined))
        : undefined,
  },
  {
    id: 'php-request-to-command',
    family: 'shells',
    severity: 'critical',
    description: 'system/exec/passthru/shell_exec/popen/proc_open runs a command taken from the HTTP request',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)',
    langs: PHP,
    literals: ['system', 'passthru', 'shell_exec', 'exec', 'popen', 'proc_open', 'pcntl_exec'],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) =>
      view.has(PHP_REQUEST_LITERALS)
        ? each(at, (o) => (callAt(view, o, CMD_SINK_START) && requestReaches(view, o) ? { offset: o, note: 'request data into a shell command' } : undefined))
        : undefined,
  },
  {
    id: 'php-backtick-request',
    family: 'shells',
    severity: 'critical',
    description: 'the backtick operator runs a shell command built from the HTTP request',
    reference: 'https://www.php.net/manual/en/language.operators.execution.php ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)',
    langs: PHP,
    literals: ['`$_', '`.$_', '` . $_'],
    caseSensitive: true,
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 0, 120);
      const line = view.text(o - 200, o);
      const start = line.slice(line.lastIndexOf('\n') + 1);
      if (/^\s{0,40}(?:\*|\/\/|#|\/\*)/.test(start)) return undefined;
      return /^`[^`\n]{0,100}\$_(?:POST|GET|REQUEST|COOKIE)\s{0,2}\[[^`\n]{1,100}`/.test(text) ? { offset: o, note: 'backtick command from request' } : undefined;
    }),
  },
  {
    id: 'php-request-as-function',
    family: 'shells',
    severity: 'critical',
    description: 'the HTTP request names the function to call ($_GET["f"]($_GET["a"]), or a variable assigned from the request and then called)',
    reference: 'https://www.php.net/manual/en/functions.variable-functions.php ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)',
    langs: PHP,
    literals: ['$_POST', '$_GET', '$_REQUEST', '$_COOKIE', '$_SERVER'],
    caseSensitive: true,
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 0, 200);
      // $_GET['f'](…) / $_POST[x]{…}(…)
      const lineStart = view.text(o - 200, o);
      if (/^\s{0,40}(?:\*|\/\/|#)/.test(lineStart.slice(lineStart.lastIndexOf('\n') + 1))) return undefined;
      if (/^\$_(?:POST|GET|REQUEST|COOKIE)\s{0,4}\[[^\]\n]{1,60}\]\s{0,4}(?:\[[^\]\n]{1,40}\]\s{0,4})?\(/.test(text)) return { offset: o, note: 'request value called as a function' };
      // $f = $_GET['f']; … $f(…)   (the call within 600 bytes after)
      const pre = view.text(o - 60, o);
      const assign = /(\$[A-Za-z_][A-Za-z0-9_]{0,40})\s{0,8}=\s{0,8}(?:@\s{0,2})?(?:trim\s{0,2}\(\s{0,2}|strrev\s{0,2}\(\s{0,2}|base64_decode\s{0,2}\(\s{0,2}|str_rot13\s{0,2}\(\s{0,2})?$/.exec(pre);
      if (!assign) return undefined;
      const name = assign[1] as string;
      if (name === '$this') return undefined;
      const after = view.text(o, o + 600);
      let c = after.indexOf(name + '(');
      while (c >= 0 && /[A-Za-z0-9_$>:]/.test(after[c - 1] ?? ' ')) c = after.indexOf(name + '(', c + 1);
      return c < 0 ? undefined : { offset: o, note: 'request value called as a function' };
    }),
  },
  {
    id: 'php-callback-sink-with-request',
    family: 'shells',
    severity: 'critical',
    description: 'a dangerous function name given as a callback (array_map/usort/array_udiff/call_user_func…), or as data, in the same statement as request data',
    reference: 'https://www.php.net/manual/en/language.types.callable.php ; callback one-liners of public web shell collections, described in words ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)',
    langs: PHP,
    literals: ["'assert'", '"assert"', "'system'", '"system"', "'create_function'", '"create_function"', "'passthru'", '"passthru"', "'shell_exec'", '"shell_exec"', "'exec'", '"exec"', '(assert', ',assert', ', assert', 'assert)', "'eval'", '"eval"'],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) =>
      view.has(PHP_REQUEST_LITERALS)
        ? each(at, (o) => {
            // the statement the name sits in: back to the previous ; or { and forward to the next ;
            const { text, base } = around(view, o, 300, 300);
            const rel = o - base;
            const start = Math.max(text.lastIndexOf(';', rel), text.lastIndexOf('{', rel), text.lastIndexOf('}', rel)) + 1;
            let end = text.indexOf(';', rel);
            if (end < 0) end = text.length;
            const stmt = text.slice(start, end);
            if (/function_exists|is_callable|disable_functions|in_array|ini_get/i.test(stmt)) return undefined;
            return PHP_REQUEST.test(stmt) ? { offset: o, note: 'dangerous callback with request data' } : undefined;
          })
        : undefined,
  },
  {
    id: 'php-upload-shell',
    family: 'shells',
    severity: 'critical',
    description: 'a file upload form whose handler writes the upload under the name the client chose (uploader shell)',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; uploader shells of public web shell collections, described in words',
    langs: PHP,
    literals: ['move_uploaded_file', 'copy'],
    aux: ['multipart/form-data', 'type="file"', "type='file'", 'type=file', '$_FILES'],
    match: (view, at) =>
      view.has(['multipart/form-data', 'type="file"', "type='file'", 'type=file']) && view.has(['$_FILES'])
        ? each(at, (o) => {
            if (!callAt(view, o, /^(?:move_uploaded_file|copy)\s{0,8}\(/i)) return undefined;
            const args = callArgs(view, o, 400);
            // destination built from the client's file name or from request data, not sanitised
            const comma = splitArgs(args);
            if (comma.length < 2) return undefined;
            const [src, dest] = comma as [string, string];
            if (!/\$_FILES|\$HTTP_POST_FILES|\$userfile|tmp_name/i.test(src)) return undefined;
            if (/sanitize|wp_unique|uniqid|md5|sha1|hash\(|random|preg_replace|basename\s{0,4}\(\s{0,4}\$(?:target|file)\b/i.test(dest)) return undefined;
            if (/\$_FILES\s{0,4}\[[^\]]{1,40}\]\s{0,4}\[\s{0,4}['"]name['"]|\$_(?:POST|GET|REQUEST)\b|\$userfile_name|\[\s{0,4}['"]name['"]\s{0,4}\]/.test(dest)) return { offset: o, note: 'upload stored under the client-chosen name' };
            const vars = variablesIn(dest, 4);
            return assignedFrom(view, o, vars, /\$_FILES\s{0,4}\[[^\]]{1,40}\]\s{0,4}\[\s{0,4}['"]name['"]|\$_(?:POST|GET|REQUEST)\b/, 800) ? { offset: o, note: 'upload stored under the client-chosen name' } : undefined;
          })
        : undefined,
  },
  {
    id: 'php-request-file-write',
    family: 'shells',
    severity: 'critical',
    description: 'writes a file whose name and content both come from the HTTP request (dropper)',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; droppers that write a file named and filled by the request, described in words',
    langs: PHP,
    literals: ['file_put_contents', 'fwrite', 'fputs'],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) =>
      view.has(PHP_REQUEST_LITERALS)
        ? each(at, (o) => {
            if (!callAt(view, o, /^(?:file_put_contents|fwrite|fputs)\s{0,8}\(/i)) return undefined;
            const args = callArgs(view, o, 500);
            const parts = splitArgs(args);
            if (parts.length < 2) return undefined;
            const [target, data] = parts as [string, string];
            const fromReq = (code: string) => PHP_REQUEST.test(code) || assignedFrom(view, o, variablesIn(code, 3), PHP_REQUEST, 600);
            const targetReq = /fopen\s{0,4}\(/i.test(target) ? PHP_REQUEST.test(target) || fromReq(target) : fromReq(target);
            return targetReq && fromReq(data) && !/\$_SERVER/.test(target + data) ? { offset: o, note: 'file name and content from the request' } : undefined;
          })
        : undefined,
  },
  {
    id: 'php-shell-toolkit',
    family: 'shells',
    severity: 'critical',
    description: 'a command sink next to the recon a web shell shows its operator (uname, uid, disabled functions, safe mode, free space, /etc/passwd)',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; the c99/r57/WSO feature sets (server recon and a command box), described in words',
    langs: PHP,
    literals: RECON,
    aux: ['system', 'passthru', 'shell_exec', 'exec', 'popen', 'proc_open', ...PHP_REQUEST_LITERALS, ...REGISTER_GLOBALS, ...USER_INPUT, 'eval'],
    match: (view, at) => {
      if (!view.has(USER_INPUT) && !view.has(REGISTER_GLOBALS)) return undefined;
      const kinds = new Set<string>();
      for (const lit of RECON) if (view.positions(lit).length > 0) kinds.add(RECON_KIND[lit] ?? lit);
      if (kinds.size < 3) return undefined;
      // a real call to a command or code sink somewhere in the file
      for (const sink of ['system', 'passthru', 'shell_exec', 'exec', 'popen', 'proc_open', 'eval']) {
        for (const o of view.positions(sink).slice(0, MAX_TRIES)) {
          if (callAt(view, o, sink === 'eval' ? CODE_SINK_START : CMD_SINK_START) && !/['"]$/.test(view.text(o - 1, o)) && /\(\s{0,4}(?:@\s{0,2})?\$/.test(view.text(o, o + 40))) return { offset: at[0] as number, note: `shell recon (${kinds.size} kinds) with a command sink` };
        }
      }
      return undefined;
    },
  },
  {
    id: 'php-request-through-wrapper',
    family: 'shells',
    severity: 'critical',
    description: 'a function of the file hands its parameter to eval/assert/system/exec…, and the file calls that function with request data (a sink hidden one call away)',
    reference: 'https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (web shells that pass request data through user-defined functions) ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)',
    langs: PHP,
    literals: ['eval', 'assert', 'create_function', 'system', 'passthru', 'shell_exec', 'exec', 'popen', 'proc_open'],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) =>
      view.has(PHP_REQUEST_LITERALS)
        ? each(at, (o) => {
            if (!callAt(view, o, CODE_SINK_START) && !callAt(view, o, CMD_SINK_START)) return undefined;
            const param = /^\s{0,4}(?:@\s{0,2})?(\$[A-Za-z_]\w{0,40})\b/.exec(callArgs(view, o, 200))?.[1];
            if (param === undefined || param === '$this') return undefined;
            // the function the sink sits in, taking that parameter
            const before = view.text(o - 600, o);
            let name: string | undefined;
            for (const m of before.matchAll(/function\s{1,4}(\w{1,40})\s{0,4}\(([^)]{0,200})\)/g)) if ((m[2] ?? '').includes(param)) name = m[1];
            if (name === undefined) return undefined;
            const calls = new RegExp(`(?:^|[^\\w>:$])${name}\\s{0,4}\\(([^;]{0,300})`, 'g');
            const text = view.text(o - 20_000, o + 20_000);
            for (const m of text.matchAll(calls)) if (PHP_REQUEST.test(m[1] ?? '')) return { offset: o, note: `request data through ${name}() into a sink` };
            return undefined;
          })
        : undefined,
  },
  {
    id: 'php-nonalnum-shell',
    family: 'shells',
    severity: 'critical',
    description: 'a shell written without letters: a function name built by incrementing $_ strings ($__++ chains) and then called',
    reference: 'https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; non-alphanumeric PHP web shells ($_++ name builders), described in words',
    langs: PHP,
    literals: ['$__'],
    caseSensitive: true,
    match: (view, at) => tryPlaces(at, 50, (o) => {
      const { text } = around(view, o, 0, 4000);
      const re = /\$_{1,8}\s{0,4}\+\+\s{0,4};?\s{0,4}|\$_{1,8}\s{0,4}\.=\s{0,4}\$_{1,8}\s{0,4}(?:\[[^\]]{0,8}\])?\s{0,4};\s{0,4}|\/\/[^\n]{0,60}\n\s{0,8}/y;
      let best = 0;
      for (let i = 0; i < text.length && i < 4000; ) {
        const j = text.indexOf('$_', i);
        if (j < 0) break;
        const run = countRun(text, j, re, 200);
        best = Math.max(best, run.count);
        i = Math.max(run.end, j + 2);
      }
      return best >= 8 ? { offset: o, note: 'non-alphanumeric name builder' } : undefined;
    }),
  },
  {
    id: 'php-polyglot-image-shell',
    family: 'shells',
    severity: 'critical',
    description: 'an image header (GIF/PNG/JPEG magic) followed by PHP code with a sink: a shell disguised as an image',
    reference: 'https://oryoy.com/news/jie-mi-php-tu-pian-mu-ma-ru-he-shi-bie-yu-fang-fan-wang-luo-an-quan-de-yin-xing-wei-xie.html (PHP hidden in image files) ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)',
    langs: ['php', 'html', 'js'],
    literals: ['gif8', '\x89png', '\xff\xd8\xff'],
    aux: ['<?php', '<?=', 'eval', 'assert', 'system', 'passthru', 'shell_exec', 'base64_decode', '$_POST', '$_GET', '$_REQUEST'],
    match: (view, at) => {
      if ((at[0] ?? 1) > 8) return undefined;
      if (!view.has(['<?php', '<?='])) return undefined;
      return view.has(['eval', 'assert', 'system', 'passthru', 'shell_exec', 'base64_decode']) && view.has(['$_POST', '$_GET', '$_REQUEST']) ? { offset: 0, note: 'PHP behind an image header' } : undefined;
    },
  },
  {
    id: 'php-variable-function-request',
    family: 'shells',
    severity: 'critical',
    description: 'a variable function ($f(...), $a[0]["k"](...), ${…}[…](...)) called with request data as its argument',
    reference: 'https://www.php.net/manual/en/functions.variable-functions.php ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)',
    langs: PHP,
    literals: ['$_POST', '$_GET', '$_REQUEST', '$_COOKIE', 'getallheaders', '${', 'getenv'],
    caseSensitive: false,
    match: (view, at) => each(at, (o) => {
      const before = view.text(o - 160, o);
      // …$name(  or  …$name[...](  or ${…}[…](  right before the request data
      if (/(?:^|[^A-Za-z0-9_>:\\])\$(?!this\b)[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]\n]{0,40}\]\s{0,4})?(?:\[[^\]\n]{0,40}\]\s{0,4})?(?:\[[^\]\n]{0,40}\]\s{0,4})?\(\s{0,4}(?:@\s{0,2})?(?:trim\s{0,2}\(\s{0,2}|stripslashes\s{0,2}\(\s{0,2}|base64_decode\s{0,2}\(\s{0,2})?$/.test(before) || /\}\s{0,4}\[[^\]\n]{0,20}\]\s{0,4}(?:\[[^\]\n]{0,20}\]\s{0,4})?\(\s{0,4}$/.test(before)) {
        const here = view.text(o, o + 60);
        if (/^(?:\$_(?:POST|GET|REQUEST|COOKIE)\b|getallheaders\s{0,4}\(|\$\{|getenv\s{0,4}\(\s{0,4}['"]HTTP_)/i.test(here)) {
          const line = before.slice(before.lastIndexOf('\n') + 1);
          if (/^\s{0,40}(?:\*|\/\/|#)/.test(line)) return undefined;
          return { offset: o, note: 'request data into a variable function' };
        }
      }
      return undefined;
    }),
  },
  {
    id: 'php-callback-request-dynamic',
    family: 'shells',
    severity: 'critical',
    description: 'a callback-taking function (array_walk/array_filter/array_map/usort/array_*_u*/register_shutdown_function/ob_start…) gets request data and a callback that is a variable, a decoded string or a dangerous name',
    reference: 'https://www.php.net/manual/en/language.types.callable.php ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)',
    langs: PHP,
    literals: ['array_walk', 'array_filter', 'array_map', 'array_reduce', 'usort', 'uasort', 'uksort', 'array_udiff', 'array_uintersect', 'array_diff_u', 'array_intersect_u', 'array_diff_ukey', 'array_intersect_ukey', 'register_shutdown_function', 'register_tick_function', 'ob_start', 'call_user_func', 'iterator_apply', 'forward_static_call', 'preg_replace_callback', 'mb_ereg_replace', 'set_error_handler'],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) =>
      view.has(PHP_REQUEST_LITERALS)
        ? each(at, (o) => {
            if (!callAt(view, o, /^[a-z_]{5,40}\s{0,4}\(/i)) return undefined;
            const args = callArgs(view, o, 500);
            if (!args) return undefined;
            const parts = splitArgs(args).map((p) => p.trim());
            const name = (/^[a-z_]{5,40}/i.exec(view.text(o, o + 40))?.[0] ?? '').toLowerCase();
            const cbIndex = /^(?:array_map|call_user_func|call_user_func_array|register_shutdown_function|register_tick_function|ob_start|forward_static_call|forward_static_call_array|set_error_handler)$/.test(name) ? 0 : /^(?:array_u|array_diff_u|array_intersect_u|array_diff_ukey|array_intersect_ukey|array_udiff|array_uintersect)/.test(name) ? parts.length - 1 : 1;
            const cb = parts[cbIndex] ?? '';
            const others = parts.filter((_, i) => i !== cbIndex);
            const reqIn = (code: string) => PHP_REQUEST.test(code) || assignedFrom(view, o, variablesIn(code, 3), PHP_REQUEST, 1500);
            const cbVar = /^(?:@\s{0,2})?(\$(?!this\b)[A-Za-z_]\w{0,40})$/.exec(cb);
            const cbDanger =
              /^['"](?:assert|system|exec|passthru|shell_exec|create_function|eval|popen|proc_open)['"]$/i.test(cb) ||
              /^(?:base64_decode|str_rot13|strrev|hex2bin|gzinflate|pack)\s{0,4}\(/i.test(cb) ||
              PHP_REQUEST.test(cb) ||
              (cbVar !== null && assignedFrom(view, o, [cbVar[1] as string], /\^|pack\s{0,2}\(|hex2bin|base64_decode|str_rot13|strrev|chr\s{0,2}\(|\$_(?:POST|GET|REQUEST|COOKIE)\b|getallheaders|['"](?:assert|system|exec|passthru|create_function)['"]/i, 1500));
            if (!cbDanger) return undefined;
            return others.some(reqIn) || PHP_REQUEST.test(cb) || (cbVar !== null && reqIn(cb)) ? { offset: o, note: 'request data through a dynamic callback' } : undefined;
          })
        : undefined,
  },
  {
    id: 'php-encrypted-request-exec',
    family: 'shells',
    severity: 'critical',
    description: 'the request body is decrypted (XOR with a key, openssl_decrypt) and run: Behinder/Godzilla-style encrypted web shell',
    reference: 'https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; Behinder and Godzilla encrypted web shells (XOR or AES of the request body), described in words',
    langs: PHP,
    literals: ['php://input', '$_POST', '$_REQUEST', '$_COOKIE'],
    aux: ['openssl_decrypt', 'eval', 'assert', 'create_function', 'include', '$_SESSION'],
    match: (view, at) => {
      const text = view.text(0, 64 * 1024);
      if (text.length > 60_000) return undefined;
      const xor = /\$[A-Za-z_]\w{0,20}\s{0,2}\[\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\]\s{0,2}\^\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\[|\^\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\[\s{0,2}\(?\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\+\s{0,2}1\s{0,2}\)?\s{0,2}&\s{0,2}15/.test(text) || (/openssl_decrypt\s{0,4}\(/.test(text) && /php:\/\/input/.test(text));
      if (!xor) return undefined;
      const sink = /\beval\s{0,4}\(|\bassert\s{0,4}\(|create_function|\binclude\s{0,4}\(?\s{0,4}['"]data:|__invoke|\$_SESSION\s{0,4}\[[^\]]{1,40}\]\s{0,4}=\s{0,4}[A-Za-z_]\w{0,20}\s{0,4}\(/.test(text);
      return sink ? { offset: at[0] as number, note: 'decrypted request run' } : undefined;
    },
  },
  {
    id: 'php-register-globals-shell',
    family: 'shells',
    severity: 'critical',
    description: 'request variables turned into globals (extract($_POST), import_request_variables, $HTTP_POST_VARS) in a file that runs commands or code from variables',
    reference: 'https://www.php.net/manual/en/security.globals.php ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)',
    langs: PHP,
    literals: REGISTER_GLOBALS,
    aux: ['system', 'passthru', 'shell_exec', 'exec', 'popen', 'proc_open', 'eval'],
    match: (view, at) => {
      const first = at[0] as number;
      const t = view.text(first - 40, first + 80);
      if (!/extract\s{0,4}\(\s{0,4}\$(?:_POST|_GET|_REQUEST|_COOKIE|HTTP_POST_VARS|HTTP_GET_VARS)|import_request_variables\s{0,4}\(|\$HTTP_(?:POST|GET)_VARS\s{0,4}\[/i.test(t)) return undefined;
      for (const sink of ['system', 'passthru', 'shell_exec', 'exec', 'popen', 'proc_open', 'eval']) {
        for (const o of view.positions(sink).slice(0, MAX_TRIES)) {
          if (callAt(view, o, sink === 'eval' ? CODE_SINK_START : CMD_SINK_START) && /\(\s{0,4}(?:@\s{0,2})?(?:stripslashes\s{0,2}\(\s{0,2})?\$(?!this\b)/.test(view.text(o, o + 40))) return { offset: first, note: 'request globals with a command sink' };
        }
      }
      return undefined;
    },
  },
  {
    id: 'php-reverse-shell',
    family: 'shells',
    severity: 'critical',
    description: 'a shell process wired to a network socket (fsockopen/socket_create + proc_open/popen/exec of /bin/sh or cmd.exe): reverse or bind shell',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; PHP reverse and bind shells (a shell process on a socket), described in words',
    langs: PHP,
    literals: ['fsockopen', 'socket_create', 'stream_socket_server', 'stream_socket_client', 'pfsockopen'],
    aux: ['/bin/sh', '/bin/bash', 'cmd.exe', 'proc_open', 'popen', 'shell_exec', 'passthru', 'system', 'exec'],
    match: (view, at) => {
      if (!view.has(['/bin/sh', '/bin/bash', 'cmd.exe', 'sh -i', 'bash -i'])) return undefined;
      for (const o of placesToTry(at, 50)) {
        const win = view.text(o - 4000, o + 6000);
        if (/\b(?:proc_open|popen|shell_exec|passthru|system|exec)\s{0,4}\(/i.test(win) && /\/bin\/(?:ba)?sh|cmd\.exe/i.test(win)) return { offset: o, note: 'shell on a socket' };
      }
      return undefined;
    },
  },
  {
    id: 'js-node-command-shell',
    family: 'shells',
    severity: 'critical',
    description: 'Node.js: child_process runs a command from the HTTP request, or a shell is piped to a network socket (reverse shell)',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; Node.js web and reverse shells (child_process fed by req.query, or piped to a socket), described in words',
    langs: ['js'],
    literals: ['child_process'],
    aux: ['req.query', 'req.body', 'req.params', 'request.query', 'request.body', 'url.parse(req.url', 'net.Socket', 'net.connect', 'createConnection', '/bin/sh', '/bin/bash', 'cmd.exe'],
    match: (view, at) => tryPlaces(at, 20, (o) => {
      const { text } = around(view, o, 2000, 3000);
      if (/\b(?:exec|execSync|spawn|spawnSync|execFile)\s{0,4}\([^)\n]{0,120}\b(?:req|request)\.(?:query|body|params)\b/.test(text)) return { offset: o, note: 'request data into child_process' };
      if (/\bnew\s{1,4}net\.Socket\b|\bnet\.connect\s{0,4}\(|createConnection\s{0,4}\(/.test(text) && /spawn\s{0,4}\(\s{0,4}['"](?:\/bin\/(?:ba)?sh|cmd\.exe|sh)['"]/.test(text) && /\.pipe\s{0,4}\(/.test(text)) return { offset: o, note: 'shell piped to a socket' };
      if (/spawn\s{0,4}\(\s{0,4}shell\b/.test(text) && /\bnet\b/.test(text) && /\.pipe\s{0,4}\(/.test(text) && /\/bin\/sh|cmd\.exe/.test(text)) return { offset: o, note: 'shell piped to a socket' };
      return undefined;
    }),
  },
];

/** Literals of request data, however the file names it (`$_POST`, `${'_POST'}`, `$GLOBALS['_POST']`, a socket's input), matched in their own case: `->_getData()` and `$this->_request` are an application's own. */
const FLOW_SOURCES = ['_POST', '_GET', '_REQUEST', '_COOKIE', '_FILES', '$_SERVER', '$HTTP_', 'php://input', 'getallheaders', 'apache_request_headers', '_SESSION', 'import_request_variables', 'fsockopen', 'socket_create', 'stream_socket_client', 'stream_socket_server'];
/**
 * Calls the flow looks for at the other end: code and command sinks given a variable
 * (`system($`, `eval(@$`), or create_function. The flow is slow next to the literal pass
 * (a few MB/s), so it runs only where one is called: callbacks, uploads and file writes
 * fed by the request have rules of their own.
 */
const FLOW_SINKS = ['eval', 'assert', 'system', 'passthru', 'shell_exec', 'popen', 'proc_open', 'pcntl_exec', 'exec'];
const FLOW_ANY_ARG = ['create_function'];
/** Literals of names the file makes at run time: where request data may be named without a literal of its own (`${$k}` with `$k` decoded). */
const FLOW_HIDING = ['${', '$$', 'globals[', 'base64_decode', 'str_rot13', 'gzinflate', 'gzuncompress', 'strrev', 'hex2bin', 'chr(', '\\x', 'pack('];

/** In a larger file, only variables named at run time stand in for a literal of request data (decoders are common in applications; the decoder rules read what they hide). */
const FLOW_NAMES_MADE = ['${', '$$', 'globals['];

/** One of the functions called as a function of its own (`system(`, not `->system(`, `curl_exec(` or `assertEquals(`), with a variable first when `variable`. */
function callsAny(view: View, names: readonly string[], variable: boolean): boolean {
  const after = variable ? /^\s{0,4}\(\s{0,4}@?\s{0,4}\$/ : /^\s{0,4}\(/;
  for (const name of names) {
    for (const o of view.positions(name)) {
      if (o > 0 && /[\w>:$\\]/.test(view.text(o - 1, o))) continue;
      // a method or function of that name being declared is not a call
      if (/function\s{1,8}&?\s{0,4}$/i.test(view.text(o - 16, o))) continue;
      if (after.test(view.text(o + name.length, o + name.length + 16))) return true;
    }
  }
  return false;
}

function kindsOf(kinds: readonly SinkHit['kind'][], kind: SinkHit['kind']): boolean {
  return kinds.includes(kind);
}

/**
 * A file this small (a dropper of a few lines) costs the flow little: it runs on any call
 * that can run code or a command, a variable or computed function name, or extract() of
 * the request, and request data may take a few more hops to the sink.
 */
const FLOW_SMALL = 4096;
const FLOW_SMALL_HOPS = 3;
/** In a file that small, the string functions names are built with are reason enough to look (`$f = str_replace('x', '', 'sxyxsxtxexm')`). */
const FLOW_SMALL_HIDING = ['str_replace', 'strtr', 'create_function', 'substr', 'implode', '$_['];
const SMALL_SINK = /(?<![\w>:$\\])(?:eval|assert|create_function|system|passthru|shell_exec|popen|proc_open|pcntl_exec|exec|call_user_func|call_user_func_array|register_shutdown_function|array_map|ob_start|file_put_contents|move_uploaded_file|copy)\s{0,4}\(|\$\w{1,40}\s{0,4}\(|\$\{|\$\$|\bextract\s{0,4}\(/i;

/** Query functions a SQL console calls. */
const SQL_CALLS = ['mysql_query', 'mysqli_query', 'pg_query', 'mssql_query', 'sqlite_query', 'mysql_db_query', 'odbc_exec', 'oci_parse'];

/** Does one of the literals occur in its own case (the literal pass is case-blind)? `$_SERVER` counts only for the entries the client writes. */
function hasExact(view: View, literals: readonly string[]): boolean {
  for (const l of literals) {
    for (const o of view.positions(l)) {
      if (view.text(o, o + l.length) !== l) continue;
      if (l === '$_SERVER' && !CLIENT_SERVER_ENTRY.test(view.text(o + l.length, o + l.length + 40))) continue;
      return true;
    }
  }
  return false;
}
const CLIENT_SERVER_ENTRY = /^\s{0,4}\[\s{0,4}['"](?:HTTP_|QUERY_STRING|REQUEST_URI|PATH_INFO|PHP_AUTH)/;

const FLOW_NOTE: Record<SinkHit['kind'], string> = {
  code: 'request data reaches code that is run',
  command: 'request data reaches a shell command',
  callee: 'the request names the function called',
  callback: 'request data through a dangerous callback',
  include: 'the request names the file included',
  write: 'the request names a file and fills it',
  upload: 'an upload stored where the client says',
  mail: 'mail sent to recipients and with a body the request gives',
  sql: 'SQL text taken whole from the request',
  hidden: 'code hidden by string operations is run',
};

/** Hops (assignments, parameters, returns) request data may take to a sink when it arrives built into other text: a shell passes it on directly, an application through its layers. */
const FLOW_HOPS: Partial<Record<SinkHit['kind'], number>> = { code: 1, command: 2, callback: 1 };

/** The first flow hit of the kinds asked for (request data, or the request-fed variables of extract()/register_globals). */
function flowHit(view: View, kinds: readonly SinkHit['kind'][]): Hit | undefined {
  const flow = flowOf(view, () => view.text(0, view.length));
  // a dropper of a few lines has no application layers for request data to pass through
  const extra = view.length <= FLOW_SMALL && (kindsOf(kinds, 'code') || kindsOf(kinds, 'command')) ? FLOW_SMALL_HOPS : 0;
  const hit = flow.hits.find((h) => kinds.includes(h.kind) && h.taint !== 'constant' && (h.taint !== 'session' || h.kind === 'code' || h.kind === 'callee') && (h.pure || h.hops <= (FLOW_HOPS[h.kind] ?? 0) + (h.kind === 'code' || h.kind === 'command' ? extra : 0)));
  if (!hit) return undefined;
  const from = hit.taint === 'globals' ? ' (variables the request defines)' : hit.taint === 'net' ? ' (read from a socket)' : hit.taint === 'session' ? ' (kept in the session)' : '';
  return { offset: hit.depth > 0 ? (flow.hidden[0]?.at ?? hit.at) : hit.at, note: `${FLOW_NOTE[hit.kind]}${from}${hit.depth > 0 ? ', inside code the file hides' : ''}: ${hit.name}` };
}

SHELL_RULES.push(
  {
    id: 'php-request-flow-to-sink',
    family: 'shells',
    severity: 'critical',
    description: 'request data reaches eval/assert/system/exec, a function name, a callback, an include or an upload path, followed through assignments, function parameters and returns, variable variables, extract() and the session, and through names and code the file computes from literals',
    reference: 'https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (static taint analysis of PHP web shells) ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)',
    langs: PHP,
    // request data named in the file, or names the file makes (and then a sink to reach)
    literals: [...FLOW_SOURCES, ...FLOW_HIDING, ...FLOW_SMALL_HIDING],
    aux: [...FLOW_SINKS, ...FLOW_ANY_ARG],
    match: (view) =>
      (view.length <= FLOW_SMALL
        ? (hasExact(view, FLOW_SOURCES) || view.has(FLOW_HIDING) || view.has(FLOW_SMALL_HIDING)) && SMALL_SINK.test(view.text(0, view.length))
        : (hasExact(view, FLOW_SOURCES) || view.has(FLOW_NAMES_MADE)) && (callsAny(view, FLOW_SINKS, true) || callsAny(view, FLOW_ANY_ARG, false)))
        ? flowHit(view, ['code', 'command', 'callee', 'callback', 'include', 'write', 'upload'])
        : undefined,
  },
  {
    id: 'php-request-mailer',
    family: 'shells',
    severity: 'critical',
    description: 'mail() sends a message whose recipients and body both come from the request: a mass mailer of the kind shell collections carry (spam and phishing sent from the store)',
    reference: 'https://blog.sucuri.net/2019/02/mailer-malware-analysis.html (Sucuri: PHP mailers planted on compromised sites) ; https://www.php.net/manual/en/function.mail.php',
    langs: PHP,
    literals: ['mail'],
    aux: FLOW_SOURCES,
    match: (view) => (callsAny(view, ['mail'], false) && hasExact(view, FLOW_SOURCES) ? flowHit(view, ['mail']) : undefined),
  },
  {
    id: 'php-request-sql-console',
    family: 'shells',
    severity: 'critical',
    description: 'a database query whose whole text comes from the request (mysql_query($_POST["sql"])): a SQL console for whoever holds the URL',
    reference: 'https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; SQL client web shells (a query box run as given), described in words',
    langs: PHP,
    literals: SQL_CALLS,
    aux: FLOW_SOURCES,
    match: (view) => (callsAny(view, SQL_CALLS, false) && hasExact(view, FLOW_SOURCES) ? flowHit(view, ['sql']) : undefined),
  },
);

export { DANGEROUS_NAME };
