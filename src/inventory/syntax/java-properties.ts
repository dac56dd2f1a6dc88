// java.util.Properties' text format, as Maven writes pom.properties with it:
// ISO-8859-1, `#`/`!` comments, `key=value`, `key: value` or `key value`, lines
// continued by a trailing backslash, and backslash escapes (\uXXXX among them).

/** The key/value pairs of a .properties file; a later duplicate wins, as in Java. */
export function parseJavaProperties(bytes: Uint8Array): Map<string, string> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const properties = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // an odd number of trailing backslashes continues the line on the next one
    while (endsWithOddBackslashes(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + (lines[++i] ?? '').replace(/^[ \t\f]+/, '');
    }
    if (endsWithOddBackslashes(line)) line = line.slice(0, -1);
    const [key, value] = splitKeyValue(line);
    properties.set(unescape(key), unescape(value));
  }
  return properties;
}

function endsWithOddBackslashes(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/** The key ends at the first unescaped `=`, `:` or white space; one `=` or `:` may follow the white space. */
function splitKeyValue(line: string): [string, string] {
  let end = 0;
  while (end < line.length) {
    const c = line[end];
    if (c === '\\') end += 2;
    else if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    else end++;
  }
  const key = line.slice(0, Math.min(end, line.length));
  let rest = line.slice(Math.min(end, line.length)).replace(/^[ \t\f]+/, '');
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]+/, '');
  return [key, rest];
}

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) => {
    if (escaped.length === 5) return String.fromCharCode(parseInt(escaped.slice(1), 16));
    switch (escaped) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      default:
        return escaped;
    }
  });
}
