// Packagist: Composer's normalization, then PHP's version_compare, as Composer compares.
import { describe, expect, it } from 'vitest';
import { VersionError } from '../../../src/advisories/versions/comparator.js';
import { packagist } from '../../../src/advisories/versions/packagist.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  packagist,
  `
  2.4.6             < 2.4.6-p1          # a patch release after the release
  2.4.6-p1          < 2.4.6-p9
  2.4.6-p9          < 2.4.6-p10
  2.4.6-p10         < 2.4.7-alpha
  2.4.7-alpha       < 2.4.7-beta
  2.4.7-beta        < 2.4.7-RC
  2.4.7-RC          < 2.4.7
  2.4.7-rc1         = 2.4.7-RC1
  2.4.7-b2          = 2.4.7-beta2
  2.4.7-a2          = 2.4.7-alpha.2
  2.4.7-BETA2       > 2.4.7-alpha3      # stabilities are read without regard to case
  2.4.6-patch3      = 2.4.6-p3
  2.4.6pl3          = 2.4.6-p3
  v2.4.6            = 2.4.6
  V2.4.6            = 2.4.6
  1.0               = 1.0.0.0           # padded to four numbers
  1.0.0.1           > 1.0.0
  2.4.7-dev         < 2.4.7-alpha       # -dev before every pre-release
  2.4.7-beta1-dev   < 2.4.7-beta1
  2.4.7-beta.2.1    = 2.4.7-b2.1
  1.0.0-stable      = 1.0.0
  1.0.0+build.7     = 1.0.0             # build metadata stripped
  2.4.x-dev         > 2.4.99            # a numeric branch: 2.4.9999999.9999999-dev
  2.4.x-dev         < 2.5.0
  20210101          > 2021.1            # a date-based version
  dev-main          = dev-main          # a branch equals only itself
  `,
);

describeUnreadable(packagist, '2.4.6', ['', '4.3-2RC1', '1.2.3.4.5', '3.0.0b1.post1', 'foo-dev', 'latest', '1.0 as 2.0', '1.0@dev', '999999999999999999999999999991']);

describe('Packagist branches', () => {
  it('a dev- branch is never placed inside or outside a range', () => {
    for (const version of ['1.0.0', '0', '9999999']) {
      expect(() => packagist.compare('dev-main', version)).toThrow(VersionError);
      expect(() => packagist.compare(version, 'dev-main')).toThrow(VersionError);
    }
    expect(() => packagist.compare('dev-main', 'dev-develop')).toThrow(VersionError);
  });
});
