// The secrets family on its own: token rules, connection strings, keys and the config
// assignment rules; samples rank lower, placeholders are not secrets, dependency trees
// are read only where credentials live, and no value leaves the check.
import { describe, expect, it } from 'vitest';
import { SecretsCheck } from '../../../src/checks/secrets/secrets.js';
import { redactText } from '../../../src/checks/secrets/redact.js';
import { ruleAndPath, runContentCheck } from './run-check.js';

// assembled at run time so that no scanner of this repository takes the test for a leak
const STRIPE = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');
const AWS = ['AKIA', 'Q3EGRIY7ZJ5KDM2X'].join('');
const GITHUB = ['ghp', 'R8x2Lk9Qw3Zt7Vb5Nm1Cy4Hd6Jf0Gs2Pa8Ue'].join('_');
const PASSWORD = ['Xk9', '#mQ2', 'vL7!pR4'].join('');

describe('the secrets check', () => {
  it('finds a token by its shape in first-party code, with the line, and never keeps the value', async () => {
    const findings = await runContentCheck(new SecretsCheck(), [{ path: 'shop/src/pay.js', content: `const a = 1;\nconst stripe = '${STRIPE}';\n` }]);
    expect(ruleAndPath(findings)).toEqual(['stripe-secret-key shop/src/pay.js']);
    expect(findings[0]?.severity).toBe('critical');
    expect(findings[0]?.line).toBe(2);
    expect(findings[0]?.title).toBe('Stripe secret key');
    // nothing of the value: not its head, not its length
    expect(JSON.stringify(findings)).not.toContain(STRIPE.slice(0, 10));
    expect(JSON.stringify(findings)).not.toContain(`${STRIPE.length} characters`);
  });

  it('finds AWS, GitHub and connection-string passwords; each secret once wherever it appears', async () => {
    const findings = await runContentCheck(new SecretsCheck(), [
      { path: 'app/config.yml', content: `aws_key: ${AWS}\ngithub: ${GITHUB}\n` },
      { path: 'app/deploy.sh', content: `export DB=mysql://shop:${PASSWORD}@db.internal/shop\n` },
      { path: 'app/copy.yml', content: `aws_key: ${AWS}\n` },
    ]);
    expect(findings.map((finding) => finding.rule).sort()).toEqual(['aws-access-key', 'github-token', 'url-password']);
    const aws = findings.find((finding) => finding.rule === 'aws-access-key');
    expect(aws).toMatchObject({ path: 'app/config.yml', line: 1, related: [{ path: 'app/copy.yml', line: 1 }] });
    expect(aws?.detail).toMatch(/^found in 2 places; rotate it/);
  });

  it('reads the platform config files by their assignments (env.php, wp-config.php)', async () => {
    const envPhp = `<?php\nreturn ['db' => ['connection' => ['default' => ['password' => '${PASSWORD}']]]];\n`;
    const wpConfig = `<?php\ndefine('DB_PASSWORD', '${PASSWORD}9');\n`;
    const findings = await runContentCheck(new SecretsCheck(), [
      { path: 'shop/app/etc/env.php', content: envPhp },
      { path: 'blog/wp-config.php', content: wpConfig },
    ]);
    expect(ruleAndPath(findings)).toEqual(['database-password blog/wp-config.php', 'database-password shop/app/etc/env.php']);
  });

  it('is quiet on placeholders, variables and empty values', async () => {
    const findings = await runContentCheck(new SecretsCheck(), [
      { path: '.env.example', content: 'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nDB_PASSWORD=changeme\n' },
      { path: 'config/app.php', content: "<?php return ['password' => env('DB_PASSWORD'), 'secret' => '${APP_SECRET}'];\n" },
    ]);
    expect(findings).toEqual([]);
  });

  it('ranks a secret in tests or fixtures as medium at most, skips binaries and the tests of dependencies', async () => {
    const findings = await runContentCheck(new SecretsCheck(), [
      { path: 'tests/fixtures/stripe.js', content: `const key = '${STRIPE}';\n` },
      { path: 'pub/media/logo.png', content: `\u0089PNG ${AWS}` },
      { path: 'node_modules/lib/test/index.js', content: `const key = '${GITHUB}';\n` },
    ]);
    expect(ruleAndPath(findings)).toEqual(['stripe-secret-key tests/fixtures/stripe.js']);
    expect(findings[0]?.severity).toBe('medium');
  });

  it('reads the code of dependency trees with the token rules: a private module under vendor/ ships its live key', async () => {
    const findings = await runContentCheck(new SecretsCheck(), [
      { path: 'shop/vendor/acme/payments/src/Client.php', content: `<?php\nconst KEY = '${STRIPE}';\n` },
      { path: 'storefront/node_modules/@acme/sdk/index.js', content: `module.exports = { token: '${GITHUB}' };\n` },
      // the generic keyword rule stays out of third-party code: examples of it are everywhere
      { path: 'shop/vendor/acme/payments/src/Signer.php', content: `<?php\n$apiSecret = "Zk3pQ9wX2mL7vB4nR8tY";\n` },
    ]);
    expect(ruleAndPath(findings)).toEqual(['github-token storefront/node_modules/@acme/sdk/index.js', 'stripe-secret-key shop/vendor/acme/payments/src/Client.php']);
  });

  it('the redactor shows no secret the check would find, in a config text that a diff will quote', () => {
    const text = `<?php\n$db = 'mysql://shop:${PASSWORD}@db/shop';\n$stripe = '${STRIPE}';\n'password' => '${PASSWORD}',\n`;
    const redacted = redactText(text, 'env.php');
    for (const secret of [PASSWORD, STRIPE]) expect(redacted).not.toContain(secret.slice(0, 3));
    expect(redacted).toContain('mysql://shop:[redacted]@db/shop');
    expect(redacted).toContain("'password' => '[redacted]',");
  });
});
