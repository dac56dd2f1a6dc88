// Card skimmers (Magecart): code that reads what a shopper types on the checkout page and
// sends it to a server the shop does not own. Severity critical. A rule needs the
// payment form (field names, or the checkout URL test skimmers gate on) AND the send.
import { GATEWAY_HOST, JS_SEND, JS_SEND_LITERALS, PAYMENT_FIELD, PAYMENT_LITERALS, around, urlHosts, tryPlaces, placesToTry } from './common.js';
import type { Hit, Rule, View } from './rule.js';

const MAX_TRIES = 200;
const WEB = ['js', 'html', 'php'] as const;

/** The first hit among the literal's places; past MAX_TRIES, the first and the last half of the tries (code is prepended or appended). */
function each(at: readonly number[], test: (offset: number) => Hit | undefined): Hit | undefined {
  return tryPlaces(at, MAX_TRIES, test);
}

/** A location test for checkout pages: /onepage|checkout/.test(location), location.href.indexOf('checkout'). */
const LOCATION_GATE =
  /(?:RegExp\s{0,4}\(\s{0,4}['"][^'"\n]{0,200}(?:onepage|onestep|firecheckout|checkout)[^'"\n]{0,200}['"][^)\n]{0,20}\)\s{0,4}\)?\s{0,4}\.test\s{0,4}\(|\/[^/\n]{0,200}(?:onepage|onestep|firecheckout|checkout)[^/\n]{0,200}\/[gimsuy]{0,5}\s{0,4}\.test\s{0,4}\(\s{0,4}(?:window\.|document\.)?location|(?:window\.|document\.)?location(?:\.href|\.pathname)?(?:\.toString\(\))?\s{0,4}\.(?:indexOf|search|match|includes)\s{0,4}\(\s{0,4}['"/][^'"\n]{0,60}(?:onepage|onestep|firecheckout|checkout)|(?:onepage|onestep|firecheckout|checkout)[^'"\n]{0,80}['"/]\s{0,4}\)?\s{0,4}\.(?:test|exec)\s{0,4}\(\s{0,4}(?:window\.|document\.)?location|\.match\s{0,4}\(\s{0,4}\/[^/\n]{0,100}(?:onepage|checkout)[^/\n]{0,100}\/)/i;

/** Harvesting every field of the page or of a payment form. */
const HARVEST =
  /querySelectorAll\s{0,4}\(\s{0,4}['"](?:input|select|textarea|form)[^'"]{0,60}['"]|getElementsByTagName\s{0,4}\(\s{0,4}['"](?:input|select|textarea)['"]|\$\(\s{0,4}['"](?:input|select|form)[^'"]{0,60}['"]\s{0,4}\)\s{0,4}\.each|\(\s{0,4}['"]input\s{0,4},\s{0,4}select[^'"]{0,40}['"]\s{0,4}\)|\.serialize(?:Array)?\s{0,4}\(|getElementsByName\s{0,4}\(\s{0,4}['"](?:payment|billing)\[|getElementById\s{0,4}\(\s{0,4}['"][^'"]{0,40}(?:_cc_|billing:|cc_number|cc_cid)|new\s{1,4}FormData\s{0,4}\(/i;

/** Reading what was typed. */
const READ_VALUE = /\.value\b|\[\s{0,2}['"](?:value|val)['"]\s{0,2}\]|\.val\s{0,4}\(\s{0,4}\)|\.serialize(?:Array)?\s{0,4}\(|new\s{1,4}FormData|\.selectedIndex|\.options\s{0,4}\[/;

/** `"Card Number : " + document.getElementById(…)` right before a `.value`: one line of a log of the form. */
const LABELLED_VALUE = /["'][^"'\n]{0,40}[A-Za-z][^"'\n]{0,40}\s:\s{0,3}["']\s{0,4}\+\s{0,4}[^;\n+]{0,120}$/;

/** Sends to an origin that is not a payment gateway's: a literal URL host, or a hidden one. */
function sendsAway(text: string): boolean {
  if (!JS_SEND.test(text)) return false;
  const hosts = urlHosts(text, 12);
  if (hosts.some((h) => !GATEWAY_HOST.test(h))) return true;
  // the destination is hidden: entities, escapes, base64 or char codes next to the send
  return /&#\d{2,3};&#\d{2,3};&#\d{2,3};|\\x[0-9a-fA-F]{2}\\x[0-9a-fA-F]{2}|atob\s{0,4}\(|fromCharCode|\.split\s{0,4}\(\s{0,4}['"]{2}\s{0,4}\)\s{0,4}\.reverse|api\.telegram\.org|\bwss?:\/\//i.test(text);
}

export const SKIMMER_RULES: Rule[] = [
  {
    id: 'js-checkout-gated-harvest',
    family: 'skimmers',
    severity: 'critical',
    description: 'tests the page URL for a checkout page, harvests the form fields, and sends them to a server (classic Magecart loader+skimmer)',
    reference: 'https://sigmachihq.org/microsoft-warning-that-scammers-could-spoof-your-credit-card-with-an-online-payment-trick-how-to-stay-safe/ (Microsoft and FBI: skimmers that wait for "checkout" and "one page") ; https://www.riskiq.com/blog/external-threat-management/consumer-shopping-guide-magecart/ (RiskIQ, Magecart)',
    langs: WEB,
    literals: ['onepage', 'onestep', 'firecheckout', 'checkout'],
    aux: ['location', ...JS_SEND_LITERALS],
    match: (view, at) =>
      view.has(['location'])
        ? each(at, (o) => {
            const { text } = around(view, o, 600, 600);
            if (!LOCATION_GATE.test(text)) return undefined;
            const wide = view.text(o - 4000, o + 6000);
            return HARVEST.test(wide) && READ_VALUE.test(wide) && JS_SEND.test(wide) ? { offset: o, note: 'checkout-gated field harvest and send' } : undefined;
          })
        : undefined,
  },
  {
    id: 'js-payment-fields-sent-away',
    family: 'skimmers',
    severity: 'critical',
    description: 'reads card fields (number, CVV, expiry) and sends them to a host that is not a payment gateway, or to a hidden destination',
    reference: 'https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain) ; https://www.riskiq.com/blog/external-threat-management/consumer-shopping-guide-magecart/ (RiskIQ, Magecart)',
    langs: WEB,
    literals: PAYMENT_LITERALS,
    aux: JS_SEND_LITERALS,
    match: (view, at) =>
      view.has(JS_SEND_LITERALS)
        ? each(at, (o) => {
            const { text } = around(view, o, 2500, 3500);
            if (!PAYMENT_FIELD.test(text) || !READ_VALUE.test(text)) return undefined;
            if (!sendsAway(text)) return undefined;
            // card data leaves with the page's other fields or encoded: skimmer behaviour, not a gateway SDK
            return /btoa\s{0,4}\(|\.serialize|localStorage\.setItem|\+\s{0,4}['"]&[a-z_[\]]{1,30}=|['"]&[a-z_[\]]{1,30}=['"]\s{0,4}\+|setInterval\s{0,4}\(|\bescape\s{0,4}\(|document\.cookie|new\s{1,4}WebSocket|sendBeacon|['"][A-Z_]{2,20}:['"]\s{0,4}\+/.test(text) ? { offset: o, note: 'card fields sent to a non-gateway origin' } : undefined;
          })
        : undefined,
  },
  {
    id: 'js-payment-form-serialized-away',
    family: 'skimmers',
    severity: 'critical',
    description: 'on a click/submit/change of the payment or checkout form, its fields are serialized and posted to a host that is not a payment gateway (British Airways/Newegg pattern)',
    reference: 'https://www.peterbassill.com/blog/british-airways-magecart (British Airways, RiskIQ analysis) ; https://scamicide.com/2018/09/20/scam-of-the-day-september-21-2018-massive-data-breach-at-newegg-discovered/ (Newegg)',
    langs: WEB,
    literals: ['serializeArray', 'serialize(', 'new FormData', 'querySelectorAll("input', "querySelectorAll('input"],
    aux: JS_SEND_LITERALS,
    match: (view, at) =>
      view.has(JS_SEND_LITERALS)
        ? each(at, (o) => {
            const { text } = around(view, o, 1500, 1500);
            if (!/addEventListener\s{0,4}\(\s{0,4}['"](?:submit|click|change|mouseup|touchend|blur|keyup)|\.(?:bind|on)\s{0,4}\(\s{0,4}['"](?:[a-z ]{0,20}\b)?(?:submit|click|change|mouseup|touchend|blur|keyup)|\.(?:submit|click|change)\s{0,4}\(\s{0,4}function|onsubmit\s{0,4}=|onclick\s{0,4}=/i.test(text)) return undefined;
            if (!/payment|checkout|billing|\bcard|cc_|cvv|order|onepage/i.test(text)) return undefined;
            return sendsAway(text) ? { offset: o, note: 'payment form serialized to another host' } : undefined;
          })
        : undefined,
  },
  {
    id: 'js-obfuscated-payment-skimmer',
    family: 'skimmers',
    severity: 'critical',
    description: 'strings hidden in hex escapes, char codes, base64 or a packer table name checkout pages or card fields, next to code that sends data',
    reference: 'https://edevelop.ai/?p=983 (Magecart skimmers, heavily obfuscated) ; https://www.feroot.com/education-center/what-is-payment-skimming/ (payment skimming)',
    langs: WEB,
    literals: ['\\x', 'fromCharCode', 'atob', 'eval(function(p,a,c,k,e', '&#', '\\u00', '_0x'],
    match: (view) => {
      const found = new Set<string>();
      let first = -1;
      for (const d of view.decoded()) {
        if (d.how === 'concat' || !readable(d.text)) continue;
        if (first >= 0 && Math.abs(d.offset - first) > 64 * 1024) continue;
        const t = d.text;
        let hit = false;
        if (/onepage|onestep|firecheckout|checkout/i.test(t)) { found.add('checkout'); hit = true; }
        if (PAYMENT_FIELD.test(t) || /billing[:[]|\bcc_|payment\[/i.test(t)) { found.add('payment'); hit = true; }
        if (JS_SEND.test(t) || /\bsend\b|\bajax\b|\bpost\b|XMLHttp|sendBeacon|WebSocket|\bImage\b|\bsrc\b/i.test(t)) { found.add('send'); hit = true; }
        if (/input|select|textarea|querySelectorAll|getElementsByName|\bvalue\b|serialize/i.test(t)) { found.add('harvest'); hit = true; }
        if (/\bscript\b|appendChild|createElement|document\.write|\bwrite\b|insertBefore/i.test(t) && /https?|\/\//i.test(t)) { found.add('inject'); hit = true; }
        if (hit && first < 0) first = d.offset;
      }
      if (!(found.has('checkout') || found.has('payment'))) return undefined;
      if (!found.has('send') && !found.has('harvest') && !found.has('inject')) return undefined;
      return found.size >= 3 ? { offset: Math.max(0, first), note: `hidden strings: ${[...found].sort().join('+')}` } : undefined;
    },
  },
  {
    id: 'js-fake-payment-form',
    family: 'skimmers',
    severity: 'critical',
    description: 'injects a payment form (card number, expiry, CVV inputs) into the page from a script string and sends what is typed',
    reference: 'https://www.encomage.com/blog-posts/the-checkout-skimmer-problem-on-magento (a fake Secure Checkout box drawn over the real one, per Sansec) ; https://www.malwarebytes.com/blog/news/2020/11/demystifying-two-common-misconceptions-with-e-commerce-security (skimmers and payment iframes)',
    langs: WEB,
    literals: ['<input', '&lt;input', '\\x3cinput', '<form', 'insertAdjacentHTML', 'innerHTML'],
    aux: JS_SEND_LITERALS,
    match: (view, at) =>
      view.has(JS_SEND_LITERALS)
        ? each(at, (o) => {
            const { text } = around(view, o, 300, 1500);
            // markup inside a JS string (quote before the tag), naming card inputs
            if (!/['"`+]\s{0,4}<(?:input|form|div)[^>]{0,200}|innerHTML\s{0,4}[+]?=|insertAdjacentHTML|\.(?:html|append|prepend|after|before)\s{0,4}\(\s{0,4}['"`]\s{0,4}</i.test(text)) return undefined;
            const cards = text.match(/cc_?number|card_?number|cardnum|cc-number|\bcvv|\bcvc|cc_cid|card_code|expir|cc_exp|securitycode/gi);
            if (!cards || new Set(cards.map((c) => c.toLowerCase().slice(0, 4))).size < 2) return undefined;
            const wide = view.text(o - 3000, o + 5000);
            return sendsAway(wide) ? { offset: o, note: 'injected card form with a send' } : undefined;
          })
        : undefined,
  },
  {
    id: 'js-labelled-field-log',
    family: 'skimmers',
    severity: 'critical',
    description: 'builds a text log of what the shopper typed, field by field with labels ("Card Number : " + field.value), from billing or payment fields, and sends it out',
    reference: 'https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain) ; harvesters that write a labelled log of the checkout form, described in words',
    langs: WEB,
    literals: ['.value'],
    caseSensitive: true,
    aux: [...JS_SEND_LITERALS, 'billing', 'payment', 'cc_', 'card'],
    match: (view, at) => {
      if (!view.has(JS_SEND_LITERALS) || !view.has(['billing', 'payment', 'cc_', 'card'])) return undefined;
      let labelled = 0;
      let first = -1;
      for (const o of placesToTry(at, 400)) {
        if (LABELLED_VALUE.test(view.text(o - 160, o))) {
          labelled++;
          if (first < 0) first = o;
        }
      }
      if (labelled < 4) return undefined;
      const wide = view.text(first - 2000, first + 8000);
      if (!PAYMENT_FIELD.test(wide) && !/billing[:_[]/i.test(wide)) return undefined;
      return JS_SEND.test(wide) ? { offset: first, note: `a labelled log of ${labelled} typed fields, sent out` } : undefined;
    },
  },
  {
    id: 'js-charcode-shift-loader',
    family: 'skimmers',
    severity: 'critical',
    description: 'a string is decoded character by character (charCodeAt ± key → fromCharCode) and written into the page or evaluated',
    reference: 'https://edevelop.ai/?p=983 (Magecart skimmers, heavily obfuscated) ; strings shifted character by character and written into the page, described in words',
    langs: WEB,
    literals: ['charCodeAt'],
    caseSensitive: true,
    aux: ['fromCharCode', 'document.write', 'eval', 'appendChild', 'Function('],
    match: (view, at) => tryPlaces(at, 50, (o) => {
      const { text } = around(view, o, 300, 300);
      if (!/fromCharCode\s{0,2}\(\s{0,2}[^()\n]{0,40}charCodeAt\s{0,2}\([^()\n]{0,20}\)\s{0,2}(?:[-+^]\s{0,2}[A-Za-z0-9_.]{1,12}|%)/.test(text) && !/charCodeAt\s{0,2}\([^()\n]{0,20}\)\s{0,2}[-+^]\s{0,2}\d{1,3}[^;\n]{0,80}fromCharCode/.test(text)) return undefined;
      const wide = view.text(o - 600, o + 800);
      // the decoded text is run or written, and the encoded source is a literal in the file
      return /document\s{0,2}\.\s{0,2}write\s{0,2}\(|\beval\s{0,2}\(|new\s{1,4}Function|\.innerHTML\s{0,2}=/.test(wide) && /['"][^'"\n]{60}/.test(wide) ? { offset: o, note: 'shifted string run or written' } : undefined;
    }),
  },
  {
    id: 'js-typed-fields-sent-away',
    family: 'skimmers',
    severity: 'critical',
    description: 'a send (XHR, fetch, $.ajax/$.post, an image or script address, a beacon, a WebSocket) of what the shopper typed in card, billing or checkout fields, to a host that is not a payment gateway or to a hidden one, with a skimmer\'s tells: polling or listening for input, card-length checks, fields joined into a query, encoding or storage',
    reference: 'https://www.riskiq.com/blog/external-threat-management/consumer-shopping-guide-magecart/ (RiskIQ, Magecart) ; https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain)',
    langs: WEB,
    literals: JS_SEND_LITERALS,
    aux: [...PAYMENT_LITERALS, 'billing', 'checkout', 'onepage', 'payment[', '<script'],
    // in PHP, the browser's code is inside a script element (a template): PHP's own fetch() and ->post() are not sends
    match: (view, at) =>
      view.has([...PAYMENT_LITERALS, 'billing', 'checkout', 'onepage', 'payment[']) && (view.lang !== 'php' || view.has(['<script']))
        ? each(at, (o) => {
            const { text } = around(view, o, 4000, 3000);
            if (!DATA_SEND.test(view.text(o - 40, o + 240))) return undefined;
            if (!PAYMENT_FIELD.test(text) && !CARD_TARGET.test(text)) return undefined;
            if (!HARVEST.test(text) && (text.match(/\.value\b|\.val\s{0,4}\(\s{0,4}\)/g) ?? []).length < 2) return undefined;
            if (!SKIMMER_TELL.test(text) || !sendsAway(text)) return undefined;
            return { offset: o, note: 'typed card or checkout fields sent away' };
          })
        : undefined,
  },
  {
    id: 'php-serverside-card-capture',
    family: 'skimmers',
    severity: 'critical',
    description: 'PHP reads the card number/CVV of a payment (Magento $payment->getCcNumber(), $_POST["payment"]["cc_number"]) and stores, mails or posts it out',
    reference: 'https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; server-side Magento skimmers (getCcNumber() stored, mailed or posted), described in words',
    langs: ['php', 'html'],
    literals: ['getccnumber', 'cc_number', 'getcccid', 'cc_cid', 'ccnumber', 'card_number', 'cardnumber', 'cvv', 'getpayment'],
    aux: ['mail', 'file_put_contents', 'fopen', 'fwrite', 'curl_exec', 'file_get_contents', 'base64_encode', 'setcookie'],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 2000, 2500);
      if (!/getCcNumber\s{0,4}\(|getCcCid\s{0,4}\(|\[\s{0,4}['"]cc_(?:number|cid)['"]\s{0,4}\]|\$_POST\s{0,4}\[\s{0,4}['"]payment['"]|getData\s{0,4}\(\s{0,4}['"]cc_|\$_(?:POST|REQUEST)\s{0,4}\[\s{0,4}['"](?:card_?number|cvv|ccnumber)/i.test(text)) return undefined;
      // where it goes: a file with a static-asset name, mail(), a literal remote URL, a cookie
      if (/\b(?:file_put_contents|fopen)\s{0,4}\([^;]{0,200}\.(?:jpe?g|png|gif|ico|css|js|txt|dat|log)['"][^;]{0,80}/i.test(text)) return { offset: o, note: 'card data written to a file' };
      if (/(?<![\w>:])mail\s{0,4}\(/i.test(text)) return { offset: o, note: 'card data mailed' };
      if (/(?:file_get_contents|curl_init|fsockopen|fopen)\s{0,4}\(\s{0,4}['"](?:https?:)?\/\/|CURLOPT_URL\s{0,4},\s{0,4}['"]https?:\/\/|base64_encode\s{0,4}\([^;]{0,200}(?:curl|file_get_contents|http)/i.test(text)) return { offset: o, note: 'card data posted out' };
      return undefined;
    }),
  },
];

/** What gives a skimmer away next to a send of typed fields: polling or listening for the shopper, card-length or Luhn checks, a send-once flag, fields joined into a query or a log, encoding, storage. */
const SKIMMER_TELL =
  /setInterval\s{0,4}\(|setTimeout\s{0,4}\(|addEventListener\s{0,4}\(\s{0,4}['"](?:click|change|submit|blur|mouseup|mousedown|keyup|keydown|input|touchend)|\.(?:on|bind|live|delegate)\s{0,4}\(\s{0,4}['"](?:click|change|submit|blur|mouseup|mousedown|keyup|keydown|input)|\.length\s{0,4}={2,3}\s{0,4}1[56]\b|\b1[56]\s{0,4}={2,3}\s{0,4}[\w$.]{1,40}\.length|['"]&[\w[\]-]{1,30}=['"]|\+\s{0,4}['"]&|btoa\s{0,4}\(|encodeURIComponent\s{0,4}\(|\bescape\s{0,4}\(|JSON\.stringify|localStorage|sessionStorage|document\.cookie/;

/** A send that carries data (not a script or frame being loaded): XHR, fetch, $.ajax/$.post, a beacon, a WebSocket, an image, an address built from values. */
const DATA_SEND = /\bnew\s{1,4}Image\b|\.sendBeacon\s{0,4}\(|\bnew\s{1,4}WebSocket\b|XMLHttpRequest|\bfetch\s{0,4}\(|\.(?:ajax|post)\s{0,4}\(|\.open\s{0,4}\(\s{0,4}['"](?:POST|GET)|createElement\s{0,4}\(\s{0,4}['"]img|\.src\s{0,4}=[^;\n+]{0,200}\+/;

/** Card data as a skimmer aims at it: the fields by name, a billing field, or the checkout page tested for. */
const CARD_TARGET = /billing[:_[]|payment\[|\bonepage\b|checkout/i;

export type { View };

/** Decoded text that reads as code or words (attackers hide ASCII), not a table of symbols or non-Latin ranges. */
function readable(text: string): boolean {
  const sample = text.slice(0, 4096);
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
  }
  return sample.length >= 4 && letters / sample.length >= 0.45;
}
