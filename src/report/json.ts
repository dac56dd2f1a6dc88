import { createHash } from 'node:crypto';
import type { Report } from '../model.js';
import { integrityLine } from '../util/integrity.js';

// small enough to stay in V8's young generation (strings over 128 KiB go straight to the
// old one, where a 300,000-entry report's pieces wait for a full GC)
const PIECE = 32 * 1024;

/**
 * The JSON report in pieces: plain JSON, laid out one array element per line so two
 * reports diff line by line. Pieces let a 70,000-entry report go to disk without
 * ever being one string in memory. The last field, `integrity`, is the SHA-256 of the
 * text before its line: a report edited by hand (to make a finding `existing` in the
 * next scan that takes it as its baseline) no longer matches it.
 */
export function* jsonReportPieces(report: Report): Generator<string> {
  const hash = createHash('sha256');
  const emit = (text: string): string => {
    hash.update(text);
    return text;
  };
  let piece = '{\n';
  const keys = Object.keys(report) as (keyof Report)[];
  for (const key of keys) {
    const value = report[key];
    const comma = ',';
    if (Array.isArray(value) && value.length > 0) {
      piece += `  ${JSON.stringify(key)}: [\n`;
      const last = value.length - 1;
      for (const [i, item] of (value as unknown[]).entries()) {
        piece += `    ${JSON.stringify(item)}${i < last ? ',' : ''}\n`;
        if (piece.length >= PIECE) {
          yield emit(piece);
          piece = '';
        }
      }
      piece += `  ]${comma}\n`;
    } else {
      piece += `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}\n`;
    }
  }
  yield emit(piece);
  yield integrityLine(hash.digest('hex'));
}

export function renderJson(report: Report): string {
  return [...jsonReportPieces(report)].join('');
}
