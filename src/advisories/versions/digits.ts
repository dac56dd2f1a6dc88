/**
 * Order two runs of ASCII digits by value, at any length. Version numbers are not
 * bounded the way JavaScript numbers are: past 2^53 `Number()` rounds
 * `…991` and `…999` to the same value, and a date-stamped or hashed part can be that
 * long.
 */
export function compareDigits(a: string, b: string): number {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 48) start++;
  return digits.slice(start);
}

/** Order two strings by UTF-16 code unit (byte order for ASCII), the order of C's memcmp and Ruby's and Python's string comparison. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sign of a comparison as -1, 0 or 1. */
export function sign(order: number): number {
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}
