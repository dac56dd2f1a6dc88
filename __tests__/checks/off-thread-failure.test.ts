// The check worker is a thread of ours, not part of the package: when it fails, the scan
// ends with one line that says so and how to scan without it, never as a package that
// could not be read and never as a pass.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScanError } from '../../src/errors.js';
import { OffThreadChecks } from '../../src/checks/off-thread-checks.js';
import { SecretsCheck } from '../../src/checks/secrets/secrets.js';
import type { Entry } from '../../src/read/entry.js';
import { tempDir } from '../helpers/temp.js';

describe('a check worker that fails', () => {
  it('ends the scan with a ScanError naming the worker and the way around it', async () => {
    const script = join(await tempDir(), 'failing-worker.mjs');
    await writeFile(script, 'throw new Error("the worker broke");\n');
    const checks = new OffThreadChecks(pathToFileURL(script), ['secrets'], [new SecretsCheck()]);
    const entry: Entry = { path: 'app/config.js', type: 'file', mode: 0o644, size: 20, sha256: '0'.repeat(64) };
    expect(checks.wants(entry, 'config.js')).toBeGreaterThan(0);
    checks.take(entry, { bytes: Buffer.from('const a = "hello";\n'), truncated: false });
    const failure = await checks.finish().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ScanError);
    expect((failure as ScanError).message).toBe(
      'the secrets checks failed in their worker thread (the worker broke); run again with RELEASE_GATE_CHECK_WORKER=0 to scan on the main thread, and report it with the output of --debug',
    );
  });
});
