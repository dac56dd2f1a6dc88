// npm: node-semver's order, strict SemVer read the way npm cleans it (a leading `v` or
// `=`), never coerced.
import { npm } from '../../../src/advisories/versions/npm.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  npm,
  `
  1.0.0-alpha       < 1.0.0-alpha.1
  1.0.0-alpha.1     < 1.0.0-alpha.beta
  1.0.0-alpha.beta  < 1.0.0-beta
  1.0.0-beta        < 1.0.0-beta.2
  1.0.0-beta.2      < 1.0.0-beta.11     # numeric identifiers by value
  1.0.0-beta.11     < 1.0.0-rc.1
  1.0.0-rc.1        < 1.0.0             # a release after its pre-releases
  1.0.0             < 1.0.1
  1.9.0             < 1.10.0
  0.0.0-0           < 0.0.0
  1.2.3-4           < 1.2.3-a           # numeric identifiers below the others
  1.2.3-r100        < 1.2.3-r2          # alphanumeric ones in ASCII order
  1.2.3-R2          < 1.2.3-r1          # where capitals come first
  1.2.3-a           < 1.2.3-a.0         # more identifiers, later
  1.2.3-alpha.9     < 1.2.3-alpha.10
  1.99.99           < 2.0.0-rc.1
  1.2.3+build.1     = 1.2.3+build.2     # build metadata takes no part
  1.2.3-beta+exp.1  = 1.2.3-beta
  v1.2.3            = 1.2.3             # the leading v npm drops
  =1.2.3            = 1.2.3             # and the leading =
  =v1.2.3-beta      = 1.2.3-beta
  9007199254740991.0.0 > 9007199254740990.999.999
  1.0               = 1.0.0             # advisory bounds written short, as npm ranges read them
  1                 = 1.0.0
  1.0               < 1.0.1
  2                 > 1.99.99
  `,
);

describeUnreadable(npm, '1.2.3', ['', '1.2.3.4', '01.2.3', '1.2.3-01', 'V1.2.3', '1.2.3beta', '^1.2.3', '1.x', 'latest', '9007199254740992.0.0']);
