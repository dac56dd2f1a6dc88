// What a file is, for the rules: PHP, JavaScript, markup and templates, or server
// config. By name first; names that may hide PHP (no extension, `.txt`, backups, images:
// the `GIF89a<?php` trick) are told by their first bytes.
import type { Lang } from './rule.js';

const PHP_EXT = new Set(['php', 'phtml', 'php3', 'php4', 'php5', 'php6', 'php7', 'php8', 'phps', 'pht', 'phar', 'inc', 'module', 'ctp']);
const JS_EXT = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'vue', 'svelte']);
const HTML_EXT = new Set(['html', 'htm', 'xhtml', 'shtml', 'tpl', 'twig', 'svg', 'hbs', 'handlebars', 'mustache', 'ejs', 'erb', 'liquid', 'smarty', 'latte', 'blade', 'xml']);
const CONFIG_NAMES = new Set(['.htaccess', '.user.ini', 'php.ini', 'htaccess', 'user.ini']);
/** Names whose content decides: PHP hides under them. */
const SNIFF_EXT = new Set(['', 'txt', 'bak', 'old', 'suspected', 'ico', 'jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'log', 'dat', 'tmp', 'cache']);
/** Images are read only this far for a PHP opening tag. */
export const SNIFF_BYTES = 64 * 1024;

/** The language of a base name, `sniff` when the content must tell, undefined when never read. */
export function languageOf(base: string): Lang | 'sniff' | undefined {
  const lower = base.toLowerCase();
  if (CONFIG_NAMES.has(lower) || lower.endsWith('.htaccess') || lower.startsWith('.htaccess.')) return 'config';
  const dot = lower.lastIndexOf('.');
  const ext = dot <= 0 ? '' : lower.slice(dot + 1);
  if (ext === 'ini' && (lower.includes('user') || lower.includes('php'))) return 'config';
  if (ext === 'conf' && (lower.includes('nginx') || lower.includes('apache') || lower.includes('httpd') || lower.includes('vhost'))) return 'config';
  if (JS_EXT.has(ext)) return 'js';
  if (PHP_EXT.has(ext)) return 'php';
  if (HTML_EXT.has(ext)) return 'html';
  if (SNIFF_EXT.has(ext)) return 'sniff';
  return undefined;
}

/** Is it an image name (read only its first SNIFF_BYTES)? */
export function isImageName(base: string): boolean {
  return /\.(?:ico|jpe?g|png|gif|bmp|webp)$/i.test(base);
}

/** A file that must be sniffed: PHP when a PHP opening tag is in its first bytes; a Node script by its shebang. */
export function sniffLanguage(head: Buffer, image: boolean): Lang | undefined {
  if (image) return head.indexOf('<?php', 0, 'latin1') >= 0 || head.indexOf('<?PHP', 0, 'latin1') >= 0 ? 'php' : undefined;
  const start = head.toString('latin1', 0, Math.min(head.length, 1024));
  if (/<\?php|<\?=/i.test(start)) return 'php';
  if (start.startsWith('#!') && start.slice(0, 80).includes('node')) return 'js';
  return undefined;
}
