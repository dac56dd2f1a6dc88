// Maven: ComparableVersion as Maven 3.9 orders versions.
import { maven } from '../../../src/advisories/versions/maven.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  maven,
  `
  1                 < 1.1               # number padding
  1-snapshot        < 1                 # qualifier padding
  1                 < 1-sp
  1-foo2            < 1-foo10           # digits inside a qualifier by value
  1.foo             = 1-foo
  1-foo             < 1-1
  1-1               < 1.1
  1.ga              = 1                 # trailing null values trimmed
  1-final           = 1
  1-0               = 1
  1.0.0             = 1
  5.2.0.RELEASE     = 5.2.0
  4.1.108.Final     = 4.1.108
  1-sp              > 1-ga
  1-sp.1            > 1-ga.1
  1-sp-1            < 1-ga-1
  1-a1              = 1-alpha-1         # a, b, m before a number
  1b2               = 1-beta-2
  1m3               = 1-milestone-3
  1-a               > 1                 # but a lone 'a' is an unknown qualifier
  1-alpha           < 1-beta
  1-beta            < 1-milestone
  1-milestone       < 1-rc
  1-rc              = 1-CR
  1-rc              < 1-snapshot
  1-sp              < 1-abc             # unknown qualifiers after sp, alphabetically
  1-abc             < 1-abd
  2.0.1             < 2.0.1-xyz
  1.0-alpha-1-SNAPSHOT < 1.0-alpha-1
  1.0.0.RC1         < 1.0.0-RC2         # MNG-7644: .RC like -RC
  1.5.9-RC0         < 1.5.9.RC1
  1.1               = 1.01
  20190126.230843   < 1234567890.12345
  12345678901234567890 > 1234567890123456789
  1-1               > 1-ga-1            # Maven 3.9's result (its documentation says equal)
  `,
);

// ComparableVersion reads any string; an empty one is a reading error here
describeUnreadable(maven, '1.0', ['', '   ', '١.٠']);
