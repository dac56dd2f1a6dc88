/**
 * `text` without any of `chars` at its start and end (`end` only: at its end), in one
 * pass. Expressions like `/^\s+|\s+$/g` retry the trailing run from every position of a
 * long run of the characters, quadratic on hostile input.
 */
export function trimChars(text: string, chars: string, ends: 'both' | 'end' = 'both'): string {
  let start = 0;
  let end = text.length;
  if (ends === 'both') while (start < end && chars.includes(text.charAt(start))) start++;
  while (end > start && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
