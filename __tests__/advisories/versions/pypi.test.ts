// PyPI: PEP 440 as pypa/packaging orders it, numbers exact at any length; strings that
// are not PEP 440 as packaging's old LegacyVersion, before all PEP 440 versions.
import { pypi } from '../../../src/advisories/versions/pypi.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  pypi,
  `
  1.0.dev0          < 1.0a0             # a dev release before the pre-releases
  1.0a0             < 1.0a1
  1.0a1.dev1        < 1.0a1
  1.0a1             < 1.0b0
  1.0b0             < 1.0rc0
  1.0rc1            = 1.0c1             # alternative spellings
  1.0rc1            = 1.0-RC-1
  1.0.Alpha1        = 1.0a1
  1.0rc1            < 1.0
  1.0               = 1.0.0             # trailing zeros do not count
  v1.0              = 1.0
  1.0               < 1.0.post0.dev0
  1.0.post0.dev0    < 1.0.post0
  1.0.post1         = 1.0-1             # the implicit post release
  1.0.post1         = 1.0_post_1
  1.0               < 1.0+local         # a local version after the public one
  1.0+abc           < 1.0+1             # numeric local segments above the others
  1.0+1.2           < 1.0+1.10
  1.0+1e3           < 1.0+2             # '1e3' is text to packaging, not a thousand
  1.0+0x10          < 1.0+2
  1.0+local.0       < 1.0+local.0.1
  1!0.1             > 2.0               # the epoch first
  1.0.9007199254740993 > 1.0.9007199254740992   # exact past 2^53
  2.0.0a1           < 2.0.0rc1
  1.2.post3.dev4    > 1.2b3.dev4
  0.9-doduo         < 0.1               # not PEP 440: a legacy version, before every PEP 440 one
  0.1-bulbasaur     < 0.1-charmander    # legacy versions in setuptools' old order
  0.9-ivysaur       < 0.9-jigglypuff
  `,
);

// LegacyVersion reads every other string, so only an empty one is unreadable
describeUnreadable(pypi, '1.0', ['', '   ']);
