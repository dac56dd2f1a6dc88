import { scrypt } from 'node:crypto';

/**
 * The cost of one fingerprint: scrypt with 16 MiB of memory (N = 2^14, r = 8). Tens of
 * milliseconds on a runner's core, and as slow for anyone who holds a finding id and
 * wants to test guessed passwords against it: where a fast hash lets a GPU try billions
 * of guesses a second, this leaves thousands.
 */
export const FINGERPRINT_COST = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/**
 * Fixed and public: the same secret must have the same fingerprint in every scan, on
 * every machine, or a baseline could not tell an existing secret from a new one. It
 * still rules out tables computed for other purposes, and the cost above rules out fast
 * guessing.
 */
const SALT = 'release-gate secret fingerprint v2: scrypt over the value, salted with this line';

/** Derivations running at once: libuv's default thread pool has four threads. */
const PARALLEL = 4;

/**
 * A secret's fingerprint: 32 hex digits of a deliberately slow, salted derivation of
 * its value (scrypt). The same secret has the same fingerprint wherever it is, so a
 * finding's id (made from it) survives the secret moving to another file or line; and
 * the id cannot be used to confirm a guessed weak password cheaply. Derived once per
 * distinct value: the caller deduplicates.
 */
export function fingerprint(value: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(value, 'utf8'), SALT, 16, FINGERPRINT_COST, (error, key) => {
      if (error) reject(error);
      else resolve(key.toString('hex'));
    });
  });
}

/** Fingerprints of distinct values, a few at a time (each holds 16 MiB while it runs). */
export async function fingerprints(values: readonly string[]): Promise<string[]> {
  const out = new Array<string>(values.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < values.length) {
      const i = next++;
      out[i] = await fingerprint(values[i] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, values.length) }, worker));
  return out;
}

/**
 * What a report, summary or comment shows in place of a secret: nothing of it, not its
 * first characters and not its length (either narrows a guess).
 */
export const REDACTED = '[redacted]';
