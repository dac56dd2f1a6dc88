// NuGet: NuGetVersion, up to four numbers, labels without regard to case, metadata ignored.
import { nuget } from '../../../src/advisories/versions/nuget.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  nuget,
  `
  1.0.0-BETA        = 1.0.0-beta        # labels without regard to case
  1.0.0-A           < 1.0.0-b
  1.0               = 1.0.0.0
  1                 = 1.0.0
  1.0.01            = 1.0.1             # leading zeros in the numbers
  1.0.0+metadata    = 1.0.0
  1.0.0-beta+a      = 1.0.0-beta+b
  1.0.0.1           > 1.0.0             # a fourth number
  1.0.0.1-alpha     > 1.0.0
  1.0.0-beta2       > 1.0.0-beta
  1.0.0-beta.2      < 1.0.0-beta.10     # numeric labels by value
  1.0.0-beta.2      > 1.0.0-beta.1.9
  1.0.0-1           < 1.0.0-alpha       # numeric labels first
  1.0.0-alpha       < 1.0.0
  1.0.0-rc.1        > 1.0.0-beta.9
  1.0.0-a.2147483648 > 1.0.0-a.2147483647   # past Int32 a label is text, after the numbers
  1.0.0-a.2147483648 < 1.0.0-a.z
  2147483647.0.0    > 2147483646.0.0
  1.999.9999        < 2.1.1
  `,
);

describeUnreadable(nuget, '1.0.0', ['', '1.0.0.0.0', '2147483648.0.0', '1.0.0-01', '1.0.0-', '1.0.0+', 'v1.0.0', '1.0.0-beta_1', 'a.b']);
