// Debian: dpkg's order.
import { debian } from '../../../src/advisories/versions/debian.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  debian,
  `
  1.0~rc1           < 1.0               # ~ before the end of the string
  1.0~~             < 1.0~
  1.0~              < 1.0
  1.0               < 1.0a              # the end before letters
  1.0a              < 1.0+              # letters before everything else
  1.0               < 1.0+dfsg
  1.0+dfsg          < 1.0.1
  1:0.9             > 2.0               # the epoch first
  2:1.0             > 1:9.9
  0:1.0             = 1.0
  1.0               = 1.0-0
  1.0-1             < 1.0-1ubuntu1
  1.2.3-1~deb7u1    < 1.2.3-1
  2.7.4+reloaded2-13ubuntu1 < 2.7.4+reloaded2-13+deb9u1
  1.0.9             < 1.0.10
  1.0.010           = 1.0.10
  1.0-1-2           < 1.0-1-3           # the revision follows the last hyphen
  1:2:3-1           < 1:2:4-1           # colons in the upstream version after an epoch
  1.0-a             < 1.0-b
  99999999999999999999 < 100000000000000000000
  `,
);

describeUnreadable(debian, '1.0-1', ['', ' ', '1:', ':1.0', 'a:1.0', '-1:1.0', '2147483648:1.0', '1.0-', '-1', '1 0']);
