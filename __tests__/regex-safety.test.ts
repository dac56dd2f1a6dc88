// Every regular expression in src/ runs on hostile input somewhere (entry names, lockfiles,
// config files, advisory records). Each is either proven linear by recheck, a ReDoS
// checker, or reviewed as bounded with the reason written down in regex-review.json;
// this test asks recheck about every expression that file does not know yet.
import { readFile } from 'node:fs/promises';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { regexLiterals } from '../scripts/regex-literals.mjs';

interface Review {
  verdict: 'safe' | 'bounded';
  why?: string;
}

const REVIEW = '__tests__/regex-review.json';

describe('the regular expressions of src/', () => {
  it('are each proven linear or reviewed as bounded, and the review names no expression that is gone', async () => {
    const review = JSON.parse(await readFile(REVIEW, 'utf8')) as Record<string, Review>;
    const literals = await regexLiterals('src');
    const problems: string[] = [];
    for (const literal of literals) {
      const known = review[literal.key];
      if (known?.verdict === 'bounded' && !known.why) problems.push(`${literal.where}: reviewed as bounded without a reason in ${REVIEW}`);
      if (known) continue;
      const result = checkSync(literal.source, literal.flags, { timeout: 10_000 });
      if (result.status !== 'safe') {
        problems.push(`${literal.where}: /${literal.source}/${literal.flags} is ${result.status} to recheck: make it linear, or run 'npm run review:regexes' and write in ${REVIEW} why it is bounded`);
      }
    }
    const present = new Set(literals.map((literal) => literal.key));
    for (const key of Object.keys(review)) if (!present.has(key)) problems.push(`${REVIEW} reviews an expression no longer in src/ (${key.slice(0, 80)}): run 'npm run review:regexes'`);
    expect(problems).toEqual([]);
  }, 600_000);
});
