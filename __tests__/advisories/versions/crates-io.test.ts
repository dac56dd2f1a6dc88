// crates.io: SemVer 2.0.0 as the semver crate reads it, each number a u64.
import { cratesIo } from '../../../src/advisories/versions/crates-io.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  cratesIo,
  `
  0.1.0                 < 0.1.1
  0.9.0                 < 0.10.0
  1.0.0-alpha           < 1.0.0-alpha.1
  1.0.0-alpha.1         < 1.0.0-alpha.beta
  1.0.0-alpha.beta      < 1.0.0-beta
  1.0.0-beta.2          < 1.0.0-beta.11
  1.0.0-rc.1            < 1.0.0
  1.0.0-1               < 1.0.0-alpha       # numeric identifiers below the others
  1.0.0-99              < 1.0.0-1a          # whatever their text
  1.0.0-alpha-1         > 1.0.0-alpha.1     # a hyphen belongs to the identifier: 'alpha-1' > 'alpha'
  1.0.0-x-y-z.--        < 1.0.0
  1.0.0-00a             < 1.0.0-0a          # leading zeros are fine in an alphanumeric identifier
  1.0.0+20130313144700  = 1.0.0             # build metadata takes no part
  1.0.0-beta+exp.sha.5114f85 = 1.0.0-beta
  1.0.0+001             = 1.0.0+1
  18446744073709551615.0.0 > 18446744073709551614.99.99   # u64::MAX, past JavaScript's 2^53
  1.0.0-alpha.99999999999999999999 > 1.0.0-alpha.9999999999999999999
  2.0.0                 > 1.99.99-rc.1
  0.0.1                 > 0.0.0
  1.2.3-rc.1            < 1.2.3-rc.1.0
  1.2.3-rc.10           > 1.2.3-rc.9
  `,
);

describeUnreadable(cratesIo, '1.0.0', ['', 'v1.0.0', '=1.0.0', '1.0', '1.0.0.0', '01.0.0', '1.0.0-01', '1.0.0-', '1.0.0+', '1.0.0-a..b', '^1.0', '18446744073709551616.0.0']);
