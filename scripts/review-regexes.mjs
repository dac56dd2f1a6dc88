// npm run review:regexes: asks recheck (a ReDoS checker) about every regular expression
// literal in src/ and writes its verdicts to __tests__/regex-review.json, keeping the
// reasons written by hand for expressions that are bounded rather than linear. The test
// __tests__/regex-safety.test.ts reads that file and checks only what is new.
//   node scripts/review-regexes.mjs [--all]   (--all: ask again about every expression)
import { readFile, writeFile } from 'node:fs/promises';
import { checkSync } from 'recheck';
import { regexLiterals } from './regex-literals.mjs';

const REVIEW = '__tests__/regex-review.json';

const review = JSON.parse(await readFile(REVIEW, 'utf8').catch(() => '{}'));
const literals = await regexLiterals('src');
const keys = new Set(literals.map((literal) => literal.key));
const next = {};
const needReason = [];
for (const literal of literals) {
  if (next[literal.key]) continue;
  const known = review[literal.key];
  if (known && !process.argv.includes('--all')) {
    next[literal.key] = known;
    continue;
  }
  const result = checkSync(literal.source, literal.flags, { timeout: 10_000 });
  if (result.status === 'safe') next[literal.key] = { verdict: 'safe' };
  else {
    next[literal.key] = known?.why ? known : { verdict: 'bounded', why: '', recheck: result.status };
    if (!known?.why) needReason.push(`${literal.where} ${result.status}: /${literal.source}/${literal.flags}`);
  }
}
const sorted = Object.fromEntries(Object.keys(next).sort().map((key) => [key, next[key]]));
await writeFile(REVIEW, `${JSON.stringify(sorted, null, 2)}\n`);
const gone = Object.keys(review).filter((key) => !keys.has(key)).length;
console.log(`${Object.keys(sorted).length} expressions reviewed, ${gone} gone from src/`);
if (needReason.length > 0) console.log(`not proven linear: make them linear, or write in ${REVIEW} why each is bounded:\n${needReason.join('\n')}`);
