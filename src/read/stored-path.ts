/**
 * A name as the report shows it: as stored, without leading `./` and trailing `/`.
 * Nothing else is changed: an absolute name or a `..` stays visible for the checks.
 * The package root itself (`./`, `.`) is `.`.
 */
export function storedPath(name: string): string {
  let start = 0;
  while (name.startsWith('./', start)) {
    start += 2;
    while (name[start] === '/') start++;
  }
  let end = name.length;
  while (end > start && name[end - 1] === '/') end--;
  // keep a lone "/" (an absolute root entry) visible rather than turning it into "."
  if (end === start) return name.length > 0 && name[0] === '/' ? '/' : '.';
  const path = name.slice(start, end);
  return path === '.' ? '.' : path;
}
