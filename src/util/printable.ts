// Text that came from a package (an entry name, a link target) on its way to a terminal,
// a log line or a workflow command: it must not act there.

/**
 * Control characters (ANSI escapes, carriage returns that overwrite a line, newlines
 * that start a forged `::notice::` workflow command, bidirectional overrides) become
 * visible escapes instead of acting.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
