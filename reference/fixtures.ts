import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The reference data folder, when it exists (a fresh clone has none). */
export const FIXTURES = resolve(process.env['REFERENCE_FIXTURES'] ?? resolve(import.meta.dirname, '../../shared/fixtures'));
export const HAVE_FIXTURES = existsSync(FIXTURES);

if (!HAVE_FIXTURES) console.log(`no reference fixtures at ${FIXTURES}: the reference suites are skipped (set REFERENCE_FIXTURES to point elsewhere)`);

/** Report an agreement figure the way every suite prints it, for the notes on the issues. */
export function agreement(label: string, agreed: number, total: number, extra = ''): string {
  const line = `${label}: ${agreed}/${total} agree (${total === 0 ? 'n/a' : ((100 * agreed) / total).toFixed(2) + '%'})${extra ? ` ${extra}` : ''}`;
  console.log(line);
  return line;
}
