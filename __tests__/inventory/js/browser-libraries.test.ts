// Browser libraries copied into a release by hand (a theme's jquery-1.8.3.min.js, Magento
// 1's prototype.js): recognised by their banners, by the version some builds keep in
// code, and by the digest of a file published on npm. The banners below are the first
// lines the libraries' own builds write (a banner line is a fact, not their code).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BANNER_BYTES, browserLibrariesExtractor, HEAD_BYTES, plausibleCopy } from '../../../src/inventory/extractors/javascript/browser-libraries.js';
import { recogniseLibrary } from '../../../src/inventory/extractors/javascript/browser-library-banners.js';
import { DIGEST_DIGITS, publishedFiles, readTable } from '../../../src/inventory/extractors/javascript/browser-library-table.js';
import type { ExtractedPackage } from '../../../src/inventory/extractors/extractor.js';
import { EXTRACTORS } from '../../../src/inventory/extractors/registry.js';

/** Minified code after a banner, as every copy has: never a banner itself. */
const CODE = '!function(e,t){"use strict";"object"==typeof module&&"object"==typeof module.exports?module.exports=t(e):t(e)}(this,function(e){return e});\n';

/** [file name, the opening of the file, the package it is, or undefined] */
const BANNERS: [string, string, string | undefined][] = [
  // jQuery, in each banner style it has had
  ['jquery-1.8.3.min.js', '/*! jQuery v1.8.3 jquery.com | jquery.org/license */\n', 'jquery@1.8.3'],
  ['jquery.js', '/*!\n * jQuery JavaScript Library v1.8.3\n * http://jquery.com/\n *\n * Includes Sizzle.js\n */\n', 'jquery@1.8.3'],
  ['jquery.min.js', '/*! jQuery v3.4.1 | (c) JS Foundation and other contributors | jquery.org/license */\n', 'jquery@3.4.1'],
  ['jquery.slim.min.js', '/*! jQuery v3.4.1 -ajax,-ajax/jsonp,-ajax/load,-effects | (c) JS Foundation and other contributors | jquery.org/license */\n', 'jquery@3.4.1'],
  ['jquery.slim.js', '/*!\n * jQuery JavaScript Library v4.0.0+slim\n * https://jquery.com/\n */\n', 'jquery@4.0.0'],
  // jQuery UI: the built file, a module, an effect; not a third-party plugin named after it
  ['jquery-ui.min.js', '/*! jQuery UI - v1.12.1 - 2016-09-14\n* http://jqueryui.com\n* Includes: widget.js, position.js */\n', 'jquery-ui@1.12.1'],
  ['widget.js', '/*!\n * jQuery UI Widget 1.13.2\n * http://jqueryui.com\n */\n', 'jquery-ui@1.13.2'],
  ['effect-blind.js', '/*!\n * jQuery UI Effects Blind 1.13.2\n * http://jqueryui.com\n */\n', 'jquery-ui@1.13.2'],
  ['jquery.ui.touch-punch.js', '/*!\n * jQuery UI Touch Punch 0.2.3\n *\n * Copyright 2011–2014, Dave Furfero\n */\n', undefined],
  ['jquery-migrate.min.js', '/*! jQuery Migrate v3.3.2 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n', 'jquery-migrate@3.3.2'],
  ['jquery-migrate.js', '/*!\n * jQuery Migrate - v1.4.1 - 2016-05-19\n * Copyright jQuery Foundation and other contributors\n */\n', 'jquery-migrate@1.4.1'],
  ['jquery.validate.min.js', '/*! jQuery Validation Plugin - v1.19.5 - 7/1/2022\n * https://jqueryvalidation.org/\n */\n', 'jquery-validation@1.19.5'],
  ['jquery.form.js', '/*!\n * jQuery Form Plugin\n * version: 4.3.0\n * Requires jQuery v1.7.2 or later\n */\n', 'jquery-form@4.3.0'],
  // plugins that name the jQuery they need are not jQuery
  ['jquery.cookie.js', '/*!\n * jQuery Cookie Plugin v1.4.1\n * https://github.com/carhartl/jquery-cookie\n */\n', undefined],
  ['hoverIntent.js', '/*!\n * hoverIntent v1.10.2 // 2020.04.28 // jQuery v1.7.0+\n */\n', undefined],
  ['plugin.js', '/*\n * Requires jQuery v1.7.2 or later\n */\n', undefined],
  // Bootstrap, its plugins (3.x, 4.x+, 2.x), and libraries that only name it
  ['bootstrap.min.js', '/*!\n  * Bootstrap v4.3.1 (https://getbootstrap.com/)\n  * Copyright 2011-2019 The Bootstrap Authors\n  */\n', 'bootstrap@4.3.1'],
  ['tooltip.js', '/* ========================================================================\n * Bootstrap: tooltip.js v3.4.1\n * https://getbootstrap.com/docs/3.4/javascript/#tooltip\n */\n', 'bootstrap@3.4.1'],
  ['modal.js', '/*!\n  * Bootstrap modal.js v5.3.3 (https://getbootstrap.com/)\n  */\n', 'bootstrap@5.3.3'],
  ['bootstrap-tooltip.js', '/* ===========================================================\n * bootstrap-tooltip.js v2.3.2\n * http://twitter.github.com/bootstrap/javascript.html#tooltips\n */\n', 'bootstrap@2.3.2'],
  ['bootstrap-datepicker.min.js', '/*!\n * Datepicker for Bootstrap v1.9.0 (https://github.com/uxsolutions/bootstrap-datepicker)\n */\n', undefined],
  ['bootstrap-select.min.js', '/*!\n * Bootstrap-select v1.13.18 (https://developer.snapappointments.com/bootstrap-select)\n */\n', 'bootstrap-select@1.13.18'],
  // Moment, Lodash, Underscore, Backbone, Handlebars
  ['moment.js', '//! moment.js\n//! version : 2.29.1\n//! authors : Tim Wood, Iskren Chernev, Moment.js contributors\n//! license : MIT\n', 'moment@2.29.1'],
  ['moment-timezone-with-data.js', '//! moment-timezone.js\n//! version : 0.5.33\n//! Copyright (c) JS Foundation and other contributors\n', 'moment-timezone@0.5.33'],
  ['lodash.js', "/**\n * @license\n * Lodash <https://lodash.com/>\n * Based on Underscore.js 1.8.3 <http://underscorejs.org/LICENSE>\n */\n;(function() {\n  var undefined;\n\n  /** Used as the semantic version number. */\n  var VERSION = '4.17.15';\n", 'lodash@4.17.15'],
  ['lodash.compat.js', '/**\n * @license\n * lodash 3.10.1 (Custom Build) <https://lodash.com/>\n */\n', 'lodash@3.10.1'],
  ['underscore.js', '//     Underscore.js 1.8.3\n//     http://underscorejs.org\n', 'underscore@1.8.3'],
  ['underscore-umd.js', "(function (global, factory) {\n  typeof define === 'function' && define.amd ? define('underscore', factory) : 0;\n}(this, (function () {\n  //     Underscore.js 1.13.1\n  //     https://underscorejs.org\n  var VERSION = '1.13.1';\n", 'underscore@1.13.1'],
  ['backbone.js', '//     Backbone.js 1.4.0\n\n//     (c) 2010-2019 Jeremy Ashkenas and DocumentCloud\n', 'backbone@1.4.0'],
  ['handlebars.min.js', '/**!\n\n @license\n handlebars v4.7.7\n\nCopyright (C) 2011-2019 by Yehuda Katz\n\n*/\n', 'handlebars@4.7.7'],
  // AngularJS and its modules (by file name), Vue, React's UMD builds
  ['angular.min.js', '/*\n AngularJS v1.5.8\n (c) 2010-2016 Google, Inc. http://angularjs.org\n License: MIT\n*/\n', 'angular@1.5.8'],
  ['angular-sanitize.js', '/**\n * @license AngularJS v1.5.8\n * (c) 2010-2016 Google, Inc. http://angularjs.org\n * License: MIT\n */\n', 'angular-sanitize@1.5.8'],
  ['vue.min.js', '/*!\n * Vue.js v2.6.14\n * (c) 2014-2021 Evan You\n * Released under the MIT License.\n */\n', 'vue@2.6.14'],
  ['vue.global.prod.js', '/**\n* vue v3.3.4\n* (c) 2018-present Yuxi (Evan) You and Vue contributors\n* @license MIT\n**/\n', 'vue@3.3.4'],
  ['react-dom.production.min.js', '/** @license React v16.14.0\n * react-dom.production.min.js\n *\n * Copyright (c) Facebook, Inc. and its affiliates.\n */\n', 'react-dom@16.14.0'],
  ['react.min.js', '/** @license React v17.0.2\n * react.production.min.js\n */\n', 'react@17.0.2'],
  ['react-dom.js', '/*\n React v16.0.0\n react-dom.production.min.js\n\n Copyright (c) 2013-present, Facebook, Inc.\n*/\n', 'react-dom@16.0.0'],
  ['react.js', '/**\n * React v15.6.2\n */\n', 'react@15.6.2'],
  // sanitiser, MVVM, loader, editors
  ['purify.min.js', '/*! @license DOMPurify 2.3.3 | (c) Cure53 and other contributors | Released under the Apache license 2.0 and Mozilla Public License 2.0 */\n', 'dompurify@2.3.3'],
  ['knockout.js', '/*!\n * Knockout JavaScript library v3.5.1\n * (c) The Knockout.js team - http://knockoutjs.com/\n */\n', 'knockout@3.5.1'],
  ['knockout-2.2.1.js', '// Knockout JavaScript library v2.2.1\n// (c) Steven Sanderson - http://knockoutjs.com/\n', 'knockout@2.2.1'],
  ['require.js', '/** vim: et:ts=4:sw=4:sts=4\n * @license RequireJS 2.3.6 Copyright jQuery Foundation and other contributors.\n */\n', 'requirejs@2.3.6'],
  ['tinymce.min.js', '/**\n * TinyMCE version 6.8.2 (2023-12-11)\n */\n', 'tinymce@6.8.2'],
  ['tinymce.js', '/**\n * Copyright (c) Tiny Technologies, Inc. All rights reserved.\n * Licensed under the LGPL or a commercial license.\n *\n * Version: 5.10.9 (2023-11-15)\n */\n', 'tinymce@5.10.9'],
  ['tinymce.min.js', '// 4.9.11 (2020-07-13)\n', 'tinymce@4.9.11'],
  ['release-notes.js', '// 4.9.11 (2020-07-13)\n', undefined],
  ['tiny_mce.js', '(function(e){var a=/^\\s+|\\s+$/g,b;var c=window.tinymce={majorVersion:"3",minorVersion:"5.11",releaseDate:"2014-05-08"};})(window);\n', 'tinymce@3.5.11'],
  ['ckeditor.js', '/*\nCopyright (c) 2003-2021, CKSource - Frederico Knabben. All rights reserved.\nFor licensing, see LICENSE.md or https://ckeditor.com/license\n*/\n(function(){if(window.CKEDITOR&&window.CKEDITOR.dom)return;window.CKEDITOR||(window.CKEDITOR=function(){var d={timestamp:"L7DD",version:"4.16.2 (Standard)",revision:"a1b2c3d"};return d}())})();\n', 'ckeditor4@4.16.2'],
  // selects, sliders, carousels, charts, uploads
  ['select2.min.js', '/*! Select2 4.0.13 | https://github.com/select2/select2/blob/master/LICENSE.md */\n', 'select2@4.0.13'],
  ['select2.js', '/*\nCopyright 2012 Igor Vaynberg\n\nVersion: 3.5.4 Timestamp: Sun Aug 30 13:30:32 EDT 2015\n*/\n', 'select2@3.5.4'],
  ['chosen.jquery.min.js', '/* Chosen v1.8.7 | (c) 2011-2018 by Harvest | MIT License, https://github.com/harvesthq/chosen/blob/master/LICENSE.md */\n', 'chosen-js@1.8.7'],
  ['swiper-bundle.min.js', '/**\n * Swiper 6.8.4\n * Most modern mobile touch slider and framework with hardware accelerated transitions\n */\n', 'swiper@6.8.4'],
  ['slick.js', '/*\n     _ _      _       _\n ___| (_) ___| | __  (_)___\n\n Version: 1.8.1\n  Author: Ken Wheeler\n Website: http://kenwheeler.github.io\n */\n', 'slick-carousel@1.8.1'],
  ['owl.carousel.min.js', '/**\n * Owl Carousel v2.3.4\n * Copyright 2013-2018 David Deutsch\n */\n', 'owl.carousel@2.3.4'],
  ['modernizr.custom.min.js', '/* Modernizr 2.6.2 (Custom Build) | MIT & BSD\n * Build: http://modernizr.com/download/#-fontface\n */\n', 'modernizr@2.6.2'],
  ['modernizr.js', '/*! modernizr 3.6.0 (Custom Build) | MIT *\n * https://modernizr.com/download/?-flexbox-setclasses !*/\n', 'modernizr@3.6.0'],
  ['highcharts.js', '/*\n Highcharts JS v9.1.0 (2021-05-03)\n\n (c) 2009-2021 Torstein Honsi\n\n License: www.highcharts.com/license\n*/\n', 'highcharts@9.1.0'],
  ['Chart.min.js', '/*!\n * Chart.js v2.9.4\n * https://www.chartjs.org\n * (c) 2020 Chart.js Contributors\n */\n', 'chart.js@2.9.4'],
  ['Chart.js', '/*!\n * Chart.js\n * http://chartjs.org/\n * Version: 1.0.2\n */\n', 'chart.js@1.0.2'],
  ['plupload.js', '/**\n * Plupload - multi-runtime File Uploader\n * v2.1.9\n *\n * Copyright 2013, Moxiecode Systems AB\n */\n', 'plupload@2.1.9'],
  // Magento 1: Prototype and script.aculo.us (on no registry: named after their projects)
  ['prototype.js', '/*  Prototype JavaScript framework, version 1.7\n *  (c) 2005-2010 Sam Stephenson\n */\n', 'prototypejs@1.7.0'],
  ['effects.js', '// script.aculo.us effects.js v1.9.0, Thu Dec 23 16:54:48 -0500 2010\n\n// Copyright (c) 2005-2010 Thomas Fuchs\n', 'scriptaculous@1.9.0'],
  ['jquery.dataTables.min.js', '/*! DataTables 1.10.19\n * ©2008-2018 SpryMedia Ltd - datatables.net/license\n */\n', 'datatables.net@1.10.19'],
  // after a minifier's own line, and a byte-order mark
  ['jquery.min.js', '/*! This file is auto-generated */\n/*! jQuery v3.6.1 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n', 'jquery@3.6.1'],
  ['jquery.min.js', '\ufeff/*! jQuery v3.6.1 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n', 'jquery@3.6.1'],
  // a file's own header, and a bundle that quotes a banner after its code starts
  ['checkout.js', '/**\n * Copyright © Magento, Inc. All rights reserved.\n * See COPYING.txt for license details.\n */\n', undefined],
  ['vendor.js', `"use strict";(self.webpackChunk=self.webpackChunk||[]).push([[1],{}]);\n/*! jQuery v3.6.0 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n`, undefined],
];

function recognise(base: string, opening: string): string | undefined {
  const found = recogniseLibrary(Buffer.from(`${opening}${CODE}`).toString('latin1'), undefined, base);
  return found && `${found.name}@${found.version}`;
}

describe('banners of copied browser libraries', () => {
  it.each(BANNERS)('%s opening %j is %s', (base, opening, expected) => {
    expect(recognise(base, opening)).toBe(expected);
  });

  it('reads only the comments a file opens with: a banner after code, or past the head, is not a copy', () => {
    expect(recognise('vendor.js', `var a = 1;\n/*! jQuery v3.6.0 | (c) OpenJS Foundation */\n`)).toBeUndefined();
    expect(recognise('app.js', `/* app */\n${'x();\n'.repeat(10)}/*! jQuery v3.6.0 | (c) OpenJS Foundation */\n`)).toBeUndefined();
  });

  it('finds the version some builds keep near the end when the whole file was read', () => {
    const lodashMin = `/**\n * @license\n * Lodash lodash.com/license | Underscore.js 1.8.3 underscorejs.org/LICENSE\n */\n;(function(){${CODE.repeat(200)}Yn.VERSION="4.17.15",r(["bind"]);}).call(this);\n`;
    expect(recogniseLibrary(lodashMin, undefined, 'lodash.min.js')).toBeUndefined();
    expect(recogniseLibrary(lodashMin, lodashMin.slice(-2000), 'lodash.min.js')).toEqual({ name: 'lodash', version: '4.17.15' });
    const momentMin = `!function(e,t){e.moment=t()}(this,function(){${CODE.repeat(200)}_.version="2.29.4",H=W;return _});\n`;
    expect(recogniseLibrary(momentMin, momentMin.slice(-2000), 'moment.min.js')).toEqual({ name: 'moment', version: '2.29.4' });
    // a file of another name with the same statement is not Moment
    expect(recogniseLibrary(momentMin, momentMin.slice(-2000), 'calendar.min.js')).toBeUndefined();
    const react18 = `/**\n * @license React\n * react.production.min.js\n *\n * Copyright (c) Facebook, Inc. and its affiliates.\n */\n(function(){${CODE}c.version="18.2.0"})();\n`;
    expect(recogniseLibrary(react18, react18, 'react.production.min.js')).toEqual({ name: 'react', version: '18.2.0' });
  });

  it('stays linear on crafted openings', () => {
    const crafted = [
      `/*${' '.repeat(HEAD_BYTES)}`,
      `/*! ${'jQuery v1.'.repeat(HEAD_BYTES / 10)}`,
      '//\n'.repeat(HEAD_BYTES / 3),
      `//${' \n'.repeat(HEAD_BYTES / 2)}Underscore.js 1.0.0`,
      `/* CKSource CKEditor */${'CKEDITOR '.repeat(HEAD_BYTES / 9)}`,
      `/* jQuery UI ${'Effects '.repeat(HEAD_BYTES / 8)}`,
      `majorVersion${' '.repeat(HEAD_BYTES)}`,
    ];
    for (const head of crafted) {
      for (const base of ['underscore.js', 'tiny_mce.js', 'lodash.js', 'x.js']) expect(recogniseLibrary(head, head, base)).toBeUndefined();
    }
  });
});

function run(path: string, content: string | Buffer, options: { table?: Map<string, { name: string; version: string }>; sha256?: string } = {}): ExtractedPackage[] {
  const bytes = Buffer.from(content);
  const extractor = browserLibrariesExtractor(options.table ?? new Map());
  const base = path.slice(path.lastIndexOf('/') + 1);
  const asked = extractor.headBytes?.(path, base, bytes.length) ?? 0;
  return extractor.extract({ path, content: bytes.subarray(0, asked), size: bytes.length, sha256: options.sha256 ?? createHash('sha256').update(bytes).digest('hex') });
}

describe('the browser library extractor', () => {
  it('reads .js files outside node_modules only', () => {
    const extractor = browserLibrariesExtractor(new Map());
    const reads = (path: string): boolean => extractor.matches(path, path.slice(path.lastIndexOf('/') + 1));
    expect(reads('app/design/frontend/Acme/theme/web/js/jquery-1.8.3.min.js')).toBe(true);
    expect(reads('js/prototype/prototype.js')).toBe(true);
    expect(reads('jquery.js')).toBe(true);
    expect(reads('node_modules/jquery/dist/jquery.js')).toBe(false);
    expect(reads('theme/node_modules/jquery/dist/jquery.min.js')).toBe(false);
    expect(reads('web/js/jquery.min.js.map')).toBe(false);
    expect(reads('web/css/bootstrap.min.css')).toBe(false);
  });

  it('asks for the digest only, a head, or a whole file, by where the file is and what it is called', () => {
    const extractor = browserLibrariesExtractor(new Map());
    const asks = (path: string, size: number): number | undefined => extractor.headBytes?.(path, path.slice(path.lastIndexOf('/') + 1), size);
    expect(asks('src/server/index.js', 500_000)).toBe(1);
    expect(asks('app/design/frontend/Acme/theme/web/js/jquery-1.8.3.min.js', 93_000)).toBe(BANNER_BYTES);
    expect(asks('pub/static/frontend/Magento/luma/en_US/mage/calendar.js', 20_000)).toBe(BANNER_BYTES);
    expect(asks('lib/web/underscore.js', 68_000)).toBe(HEAD_BYTES);
    expect(asks('wp-includes/js/dist/vendor/lodash.min.js', 73_000)).toBe(73_000);
    expect(asks('wp-includes/js/dist/vendor/moment.min.js', 58_000)).toBe(58_000);
    expect(asks('web/js/lodash.custom.js', 50 * 1024 * 1024)).toBe(HEAD_BYTES);
    expect(plausibleCopy('skin/frontend/rwd/default/js/lib/modernizr.custom.min.js')).toBe(true);
    expect(plausibleCopy('server/app.js')).toBe(false);
  });

  it('finds a byte-identical copy of a published file by its digest, banner or not, and trusts it over a banner', () => {
    const file = `!function(e,t){e.moment=t()}(this,function(){return 1});\n`;
    const digest = createHash('sha256').update(file).digest('hex');
    const table = new Map([[digest.slice(0, DIGEST_DIGITS), { name: 'moment', version: '2.29.1' }]]);
    // anywhere outside node_modules, even where no banner would be read
    for (const path of ['src/util/date.js', 'web/js/moment.min.js']) {
      expect(run(path, file, { table })).toEqual([{ ecosystem: 'npm', name: 'moment', version: '2.29.1', installed: true }]);
    }
    const bannered = `/*! jQuery v3.4.1 | (c) JS Foundation */\n${CODE}`;
    const published = new Map([[createHash('sha256').update(bannered).digest('hex').slice(0, DIGEST_DIGITS), { name: 'jquery', version: '3.4.0' }]]);
    expect(run('web/js/jquery.min.js', bannered, { table: published }).map((p) => `${p.name}@${p.version}`)).toEqual(['jquery@3.4.0']);
  });

  it('knows the files jQuery publishes by the digests its CDN gives for Subresource Integrity', () => {
    const extractor = browserLibrariesExtractor();
    // code.jquery.com: jquery-3.4.1.min.js sha256-CSXorXvZcTkaix6Yvo6HppcZGetbYMGWSFlBw8HfCJo=, jquery-1.12.4.min.js sha256-ZosEbRLbNQzLpnKIkEdrPv7lOy9C27hHQ+Xp8a4MxAQ=
    const sri = (base64: string): string => Buffer.from(base64, 'base64').toString('hex');
    const found = (sha256: string): string[] => extractor.extract({ path: 'src/vendor/jq.js', content: Buffer.from('!'), size: 90_000, sha256 }).map((p) => `${p.name}@${p.version}`);
    expect(found(sri('CSXorXvZcTkaix6Yvo6HppcZGetbYMGWSFlBw8HfCJo='))).toEqual(['jquery@3.4.1']);
    expect(found(sri('ZosEbRLbNQzLpnKIkEdrPv7lOy9C27hHQ+Xp8a4MxAQ='))).toEqual(['jquery@1.12.4']);
  });

  it('reads banners only where a copy is plausible, and gives CKEditor both its npm names', () => {
    const jquery = `/*! jQuery v1.8.3 jquery.com | jquery.org/license */\n${CODE}`;
    expect(run('app/design/frontend/Acme/theme/web/js/jquery-1.8.3.min.js', jquery)).toEqual([{ ecosystem: 'npm', name: 'jquery', version: '1.8.3', installed: true }]);
    expect(run('server/render.js', jquery)).toEqual([]);
    const ckeditor = BANNERS.find(([base]) => base === 'ckeditor.js')?.[1] ?? '';
    expect(run('js/ckeditor/ckeditor.js', ckeditor)).toEqual([{ ecosystem: 'npm', name: 'ckeditor4', version: '4.16.2', installed: true, aliases: ['ckeditor'] }]);
  });

  it('never fails: no banner, binary, empty or huge, it is simply no package', () => {
    const extractor = browserLibrariesExtractor(new Map());
    for (const content of [Buffer.alloc(0), Buffer.from([0xff, 0xfe, 0, 1, 2]), Buffer.from('/*'), Buffer.alloc(HEAD_BYTES, 0x2f)]) {
      expect(extractor.extract({ path: 'web/js/jquery.js', content, size: 300 * 1024 * 1024 })).toEqual([]);
    }
    expect(extractor.extract({ path: 'web/js/jquery.js', content: Buffer.from('x') })).toEqual([]);
  });

  it('is registered, and its table is the one the script wrote', () => {
    expect(EXTRACTORS.some((extractor) => extractor.name === 'javascript/browser-library')).toBe(true);
    const table = publishedFiles();
    expect(table.size).toBeGreaterThan(1000);
    const malformed = [...table].filter(([digest, { name, version }]) => !new RegExp(`^[0-9a-f]{${DIGEST_DIGITS}}$`).test(digest) || !/^[a-z0-9][a-z0-9.-]*$/.test(name) || !/^\d+\.\d+\.\d+$/.test(version));
    expect(malformed).toEqual([]);
    expect(readTable(['jquery 1.8.3 0123456789abcdef', 'broken', 'jquery 1.0.0 0123'], 16)).toEqual(new Map([['0123456789abcdef', { name: 'jquery', version: '1.8.3' }]]));
  });
});
