// Go: x/mod/semver's order, with or without the `v` OSV drops; pseudo-versions and
// +incompatible as Go orders them.
import { go } from '../../../src/advisories/versions/go.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  go,
  `
  v1.0.0-alpha    < v1.0.0-alpha.1
  v1.0.0-beta.2   < v1.0.0-beta.11
  v1.0.0-rc.1     < v1
  v1              = v1.0.0                # shorthands
  v1.2            = v1.2.0
  1.2.3           = v1.2.3                # OSV writes Go versions without the v
  0               = v0.0.0                # and "introduced": "0"
  v1.2.3-456      < v1.2.3-456a
  v1.2.3-9        < v1.2.3-1a             # numeric identifiers below the others, whatever their text
  v1.2.3-pre      = v1.2.3-pre+meta
  v1.9.0          < v1.10.0
  v0.0.0-20210101000000-abcdef123456 < v0.0.1                                  # a pseudo-version before any release
  v0.0.0-20210101000000-abcdef123456 < v0.0.0-20210102000000-123456abcdef      # the later commit later
  v1.2.3          < v1.2.4-0.20210101000000-abcdef123456                       # after its base
  v1.2.4-0.20210101000000-abcdef123456 < v1.2.4                                # before the release it leads to
  v1.2.4-pre      < v1.2.4-pre.0.20210101000000-abcdef123456                   # after a pre-release base
  v1.2.4-pre.0.20210101000000-abcdef123456 < v1.2.4-pre.1
  v2.0.0+incompatible = v2.0.0                                                # build metadata
  v2.0.0+incompatible < v2.0.1-0.20210101000000-abcdef123456+incompatible
  v2.3.0+incompatible > v2.2.9+incompatible
  v99999999999999999999999.0.0 > v9999999999999999999999.0.0                   # no size limit
  `,
);

describeUnreadable(go, 'v1.2.3', ['', 'v1.2.3.4', 'v01.2.3', 'v1.02.3', 'v1.2-pre', 'v1.2.3-01', 'V1.2.3', 'vv1.2.3', 'v1.2.3+', 'v1.2.3-', 'master']);
