// Known ways stolen data leaves a store: image beacons with encoded payloads, Telegram bots,
// WebSockets, and PHP that writes login or payment posts into files with static-asset names.
import { GATEWAY_HOST, PAYMENT_FIELD, PHP_REQUEST, around, urlHosts, tryPlaces } from './common.js';
import type { Hit, Rule } from './rule.js';

const MAX_TRIES = 200;
/** The first hit among the literal's places; past MAX_TRIES, the first and the last half of the tries (code is prepended or appended). */
function each(at: readonly number[], test: (offset: number) => Hit | undefined): Hit | undefined {
  return tryPlaces(at, MAX_TRIES, test);
}

const FORM_DATA = /\.value\b|\.val\s{0,4}\(\s{0,4}\)|\.serialize(?:Array)?\s{0,4}\(|FormData|localStorage|document\.cookie|querySelectorAll\s{0,4}\(\s{0,4}['"]input/;

export const EXFILTRATION_RULES: Rule[] = [
  {
    id: 'js-beacon-encoded-form-data',
    family: 'exfiltration',
    severity: 'critical',
    description: 'form or card data, base64/URI-encoded, sent as the query of an image, sendBeacon or WebSocket to another host',
    reference: 'https://www.peterbassill.com/blog/british-airways-magecart (British Airways, RiskIQ analysis) ; https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain)',
    langs: ['js', 'html', 'php'],
    literals: ['new Image', 'sendBeacon', 'WebSocket'],
    caseSensitive: true,
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 2500, 1200);
      if (!/btoa\s{0,4}\(|encodeURIComponent\s{0,4}\(|JSON\.stringify|escape\s{0,4}\(/.test(text) || !FORM_DATA.test(text)) return undefined;
      if (!PAYMENT_FIELD.test(text) && !/checkout|billing|payment|password/i.test(text)) return undefined;
      const hosts = urlHosts(text, 10).filter((h) => !GATEWAY_HOST.test(h));
      return hosts.length > 0 || /atob\s{0,4}\(|fromCharCode|\\x[0-9a-f]{2}\\x/i.test(text) ? { offset: o, note: 'encoded form data beaconed out' } : undefined;
    }),
  },
  {
    id: 'telegram-bot-exfiltration',
    family: 'exfiltration',
    severity: 'critical',
    description: 'form, card or login data sent to a Telegram bot (api.telegram.org/bot…/sendMessage)',
    reference: 'https://cybermaterial.com/telegrams-role-in-cybercrime (Sucuri: Telegram bots receive stolen logins and card data)',
    langs: ['js', 'html', 'php'],
    literals: ['api.telegram.org'],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 3000, 2000);
      return PAYMENT_FIELD.test(text) || /checkout|billing|password|\$_POST|\.value\b|FormData|serialize/i.test(text) ? { offset: o, note: 'data to a Telegram bot' } : undefined;
    }),
  },
  {
    id: 'php-post-data-to-static-file',
    family: 'exfiltration',
    severity: 'critical',
    description: 'PHP appends posted logins, cookies or card data to a file named like a static asset (.jpg, .png, .gif, .css, .ico) for later pickup',
    reference: 'https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; harvesters that append posted logins and cards to image-named files, described in words',
    langs: ['php', 'html'],
    literals: ['file_put_contents', 'fopen'],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 1500, 1500);
      if (!/\b(?:file_put_contents|fopen)\s{0,4}\([^;\n]{0,200}\.(?:jpe?g|png|gif|ico|css|svg|woff2?|ttf)['"]/i.test(view.text(o, o + 260))) return undefined;
      if (!/FILE_APPEND|['"]a\+?['"]|fwrite|fputs/i.test(view.text(o - 200, o + 1500))) return undefined;
      return PHP_REQUEST.test(text) && /\$_(?:POST|COOKIE|REQUEST)\b|login|passw|cc_|card|cvv|payment|billing|getPost/i.test(text) ? { offset: o, note: 'request data stored as a static-looking file' } : undefined;
    }),
  },
  {
    id: 'php-post-harvest-stored',
    family: 'exfiltration',
    severity: 'critical',
    description: 'PHP walks every posted field (foreach $_POST), encodes or encrypts it and appends it to a file or posts it out (Visbot-style Magento harvester)',
    reference: 'https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; Visbot-style harvesters (every posted field encrypted and stored), described in words',
    langs: ['php', 'html'],
    literals: ['$_POST as', '$_REQUEST as', 'foreach($_POST', 'foreach ($_POST', 'foreach( $_POST', 'json_encode($_POST', 'json_encode($_REQUEST', 'serialize($_POST', 'serialize($_REQUEST', 'http_build_query($_POST', 'print_r($_POST', 'var_export($_POST', 'implode($_POST'],
    match: (view, at) => each(at, (o) => {
      const win = view.text(o - 200, o + 3000);
      const out = /FILE_APPEND|fopen\s{0,4}\([^;]{0,200}['"]a\+?['"]|\bmail\s{0,4}\(|curl_exec|file_get_contents\s{0,4}\(\s{0,4}['"]https?:|fsockopen/i.test(win);
      const hide = /openssl_public_encrypt|openssl_encrypt|base64_encode|str_rot13|gzdeflate|\.(?:jpe?g|png|gif|ico|css)['"]|touch\s{0,4}\(/i.test(win);
      return out && hide ? { offset: o, note: 'all posted fields stored or sent' } : undefined;
    }),
  },
  {
    id: 'php-request-data-posted-out',
    family: 'exfiltration',
    severity: 'critical',
    description: 'PHP posts request data or card data, encoded, to a literal URL on a host that is not a payment gateway (curl/file_get_contents/stream context)',
    reference: 'https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; server-side skimmers posting to a remote gate, described in words',
    langs: ['php', 'html'],
    literals: ['curl_exec', 'curlopt_postfields', 'stream_context_create', 'file_get_contents', 'fsockopen'],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 3000, 1500);
      if (!/\$_(?:POST|REQUEST|COOKIE)\b|getCcNumber|getCcCid|\[\s{0,2}['"]cc_(?:number|cid)['"]/.test(text)) return undefined;
      if (!/base64_encode|json_encode|serialize\s{0,2}\(|http_build_query|urlencode\s{0,2}\(|openssl_(?:public_)?encrypt/i.test(text)) return undefined;
      if (!/CURLOPT_POST\b|CURLOPT_POSTFIELDS|['"]method['"]\s{0,4}=>\s{0,4}['"]POST|file_get_contents\s{0,4}\(\s{0,4}(?:['"]https?:|\$)|fsockopen/i.test(text)) return undefined;
      const hosts = urlHosts(text, 12).filter((h) => !GATEWAY_HOST.test(h) && !/geoplugin|ip-api|ipinfo/i.test(h));
      return hosts.length > 0 ? { offset: o, note: 'request or card data posted to a literal URL' } : undefined;
    }),
  },
  {
    id: 'php-credential-mailer',
    family: 'exfiltration',
    severity: 'critical',
    description: 'PHP mails or posts out admin logins or card data captured from the request ($_POST["login"], password fields, cc fields)',
    reference: 'https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; admin login and card stealers that mail what they capture, described in words',
    langs: ['php', 'html'],
    literals: ['mail', 'curl_exec', 'file_get_contents'],
    aux: ['$_POST', '$_REQUEST'],
    match: (view, at) =>
      view.has(['$_POST', '$_REQUEST'])
        ? each(at, (o) => {
            if (/[\w>:$]$/.test(view.text(o - 1, o))) return undefined;
            const { text } = around(view, o, 1500, 600);
            if (!/^mail\s{0,4}\(|^curl_exec\s{0,4}\(|^file_get_contents\s{0,4}\(\s{0,4}['"]https?:/i.test(view.text(o, o + 60))) return undefined;
            return /\$_(?:POST|REQUEST)\s{0,4}\[\s{0,4}['"](?:login|payment|billing)['"]\s{0,4}\]\s{0,4}\[\s{0,4}['"](?:password|cc_number|cc_cid)|\$_(?:POST|REQUEST)\s{0,4}\[\s{0,4}['"](?:cc_?number|card_?number|cvv2?|cc_cid|ccnum)['"]/i.test(text) ? { offset: o, note: 'captured credentials sent out' } : undefined;
          })
        : undefined,
  },
];
