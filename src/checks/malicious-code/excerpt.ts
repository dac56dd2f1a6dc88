// Where a hit is (line, and column in long lines) and a short excerpt that never carries
// a payload: at most 80 characters of the hit's line, long tokens elided, control bytes dotted.
export interface Place {
  line: number;
  column: number;
  excerpt: string;
}

const LONG_LINE = 500;

export function placeOf(bytes: Buffer, offset: number, lineBase = 1): Place {
  let line = lineBase;
  let last = -1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    last = i;
  }
  const column = offset - last;
  let end = bytes.indexOf(10, offset);
  if (end < 0) end = bytes.length;
  const from = Math.max(last + 1, offset - 24);
  const to = Math.min(end, offset + 120);
  return { line, column, excerpt: redact(bytes.toString('latin1', from, to), from > last + 1, to < end) };
}

export function redact(text: string, cutStart: boolean, cutEnd: boolean): string {
  let s = text
    // eslint-disable-next-line no-control-regex -- control bytes are what it replaces
    .replace(/[\x00-\x08\x0b-\x1f\x7f-\xff]/g, '.')
    .replace(/\t/g, ' ')
    .replace(/(?:\\x[0-9a-fA-F]{2}|\\[0-7]{3}|\\u[0-9a-fA-F]{4}|&#\d{2,5};|%[0-9a-fA-F]{2}){4,}/g, (m) => `‹${m.length} escaped›`)
    .replace(/[A-Za-z0-9+/=_\-.%\\]{24,}/g, (m) => `${m.slice(0, 6)}‹${m.length}›`)
    .replace(/\d{1,3}(?:\s{0,2},\s{0,2}\d{1,3}){6,}/g, (m) => `‹${m.split(',').length} codes›`)
    .replace(/\s{2,}/g, ' ');
  if (s.length > 76) s = s.slice(0, 76);
  return `${cutStart ? '…' : ''}${s}${cutEnd ? '…' : ''}`.slice(0, 80);
}

/** Is a place's line so long (minified) that the column is what locates it? */
export function isLongLine(bytes: Buffer, offset: number): boolean {
  const a = bytes.lastIndexOf(10, offset);
  const b = bytes.indexOf(10, offset);
  return (b < 0 ? bytes.length : b) - a > LONG_LINE;
}
