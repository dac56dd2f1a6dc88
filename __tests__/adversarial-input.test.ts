// Inputs that made an expression of this project try every start against every end of a
// long run (each was found with recheck's attack strings, and each took minutes or hours
// here before its fix). At these sizes a quadratic expression cannot finish within the
// test's time-out, and a linear one takes milliseconds: the test finishes or it does not.
// regex-safety.test.ts keeps new expressions from bringing the problem back.
import { describe, expect, it } from 'vitest';
import { SecretsCheck } from '../src/checks/secrets/secrets.js';
import { redactText } from '../src/checks/secrets/redact.js';
import { SensitiveContentCheck } from '../src/checks/sensitive-files/sensitive-content.js';
import { dpkgStatusExtractor } from '../src/inventory/extractors/os/dpkg-status.js';
import { requirementsTxtExtractor } from '../src/inventory/extractors/python/requirements-txt.js';
import { RequirementsIncludes } from '../src/inventory/extractors/python/requirements-includes.js';
import { runContentCheck } from './checks/unit/run-check.js';

const MIB = 1024 * 1024;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

async function checks(path: string, content: string): Promise<void> {
  for (const check of [new SecretsCheck(), new SensitiveContentCheck()]) await runContentCheck(check, [{ path, content }]);
}

describe('hostile files that once made an expression quadratic', () => {
  it('.npmrc and dumps of nothing but line breaks', async () => {
    for (const breaks of ['\n', '\r', '\r\n']) {
      await checks('shop/.npmrc', fill(breaks, 2 * MIB));
      await checks('shop/var/dump.sql', `-- MySQL dump\n${fill(breaks, 2 * MIB)}`);
    }
  });

  it('a config file whose key is a long run of credential words', async () => {
    for (const unit of ['password', 'secret_key', 'a.password.', '-api_key-']) {
      await checks('shop/config.yml', ` "${fill(unit, 256 * 1024)}`);
      expect(typeof redactText(` "${fill(unit, 64 * 1024)}`, 'config.yml')).toBe('string');
    }
  });

  it('an .env line of blanks that ends in a line separator', async () => {
    await checks('shop/.env', `A=${fill(' ', 2 * MIB)}\u2028x`);
    await checks('shop/.env', `export${fill(' ', 2 * MIB)}x`);
  });

  it('requirements files with long runs of blanks, backslashes, brackets and carriage returns', () => {
    for (const text of [`a${fill(' ', 2 * MIB)}x`, `${fill('\\', 2 * MIB)}x\\\n`, `a${fill(' #', 2 * MIB)}`]) {
      try {
        requirementsTxtExtractor.extract({ path: 'requirements.txt', content: Buffer.from(text) });
      } catch {
        // refusing it is fine: hanging is not
      }
    }
    const includes = new RequirementsIncludes();
    const text = `==\r${fill('i[\r', 2 * MIB)}==\n-r`;
    includes.take('x/deps.txt', 'deps.txt', Buffer.from(text, 'latin1'));
    expect(includes.resolve().packages).toEqual([]);
  });

  it('a dpkg status field of blanks that ends in a line separator', () => {
    expect(() => dpkgStatusExtractor.extract({ path: 'var/lib/dpkg/status', content: Buffer.from(`Package:${fill('\t', 2 * MIB)}\u2028\n`) })).toThrow(/no Package/);
  });

  it('package names and config names of 64 KiB built to backtrack', async () => {
    await checks(`shop/pub/media/${fill('.ph', 64 * 1024)}x`, 'x');
    await checks(`shop/${fill('wp-config', 64 * 1024)}x.php`, '<?php\n');
  });
});
