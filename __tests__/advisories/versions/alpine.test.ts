// Alpine: apk-tools' order.
import { alpine } from '../../../src/advisories/versions/alpine.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  alpine,
  `
  1.0_alpha         < 1.0_beta          # the pre-release suffixes
  1.0_beta          < 1.0_pre
  1.0_pre           < 1.0_rc
  1.0_rc1           < 1.0
  1.0               < 1.0_cvs           # and those after the release
  1.0_cvs           < 1.0_svn
  1.0_svn           < 1.0_git
  1.0_git           < 1.0_hg
  1.0_hg            < 1.0_p1
  1.0_p1            < 1.0.1
  1.0_alpha         < 1.0_alpha2
  1.0_alpha_pre2    < 1.0_alpha         # a second pre-release suffix is earlier still
  1.0               < 1.0-r1
  1.0-r1            < 1.0-r10
  1.0-r1            = 1.0-r01
  1.0a              < 1.0b
  1.0               < 1.0a
  1.0z              < 1.0.1
  8.2.0             < 8.2.001           # a part with a leading zero compares as text
  1.02              < 1.1
  006               > 1.0.0             # but the first number always by value
  1.0~1234          < 1.0~2345
  1.0~1234-r1       < 1.0~2345-r0       # the hash before the revision
  1.9.5p1-r1        < 1.9.5p2-r1        # apk-tools 2's digits after a letter
  6.6.2_p1          < 6.6.2p1
  2.0               > 1.99
  `,
);

describeUnreadable(alpine, '1.0-r0', ['', 'a', '.1', '1.0bc', '1.0A', '1_foo', '1.0_', '1-r', '1.0-r1-r2', '1.0-r1.1', '1.0~', '1.0~xyz', '1.0_p1_1']);
