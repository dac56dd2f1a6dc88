import { createTwoFilesPatch } from 'diff';
import { normalizeRedactions } from '../checks/secrets/redact.js';
import type { ConfigText } from '../model.js';

const MAX_DIFF_LINES = 200;
const MAX_DIFF_CHARS = 16 * 1024;

/**
 * A unified diff of a config file's redacted texts (the captured texts are redacted
 * line by line, so no secret reaches the diff), bounded in lines and characters.
 */
export function configDiff(
  path: string,
  before: ConfigText | undefined,
  after: ConfigText | undefined,
  existedBefore: boolean,
): { diff?: string; diffOmitted?: string } {
  if (after?.text === undefined) return { diffOmitted: omission(after, 'package') };
  if (existedBefore && before?.text === undefined) return { diffOmitted: omission(before, 'baseline') };
  // a baseline report of an earlier version kept a secret's head and length: not shown either
  const old = normalizeRedactions(before?.text ?? '');
  if (existedBefore && old === after.text) return { diffOmitted: 'only redacted values differ (a secret changed)' };
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, old, after.text, '', '', { context: 3 });
  const lines = patch.split('\n').slice(1); // the ==== rule carries nothing a reviewer needs
  let text = lines.slice(0, MAX_DIFF_LINES).join('\n');
  if (text.length > MAX_DIFF_CHARS) text = text.slice(0, MAX_DIFF_CHARS);
  if (lines.length > MAX_DIFF_LINES || text.length === MAX_DIFF_CHARS) text += '\n… (diff truncated)';
  return { diff: text.trimEnd() };
}

function omission(config: ConfigText | undefined, side: string): string {
  if (!config) return `no text of the ${side} side`;
  switch (config.omitted) {
    case 'binary':
      return `the ${side} side is not text`;
    case 'too-large':
      return `the ${side} side is larger than the text bound`;
    case 'report-bound':
      return `the ${side} report had no room left for its text`;
    default:
      return `no text of the ${side} side`;
  }
}
