// RubyGems: Gem::Version's order, numbers exact at any length, names compared bytewise.
import { rubygems } from '../../../src/advisories/versions/rubygems.js';
import { describeOrder, describeUnreadable } from './order-table.js';

describeOrder(
  rubygems,
  `
  1.0.a             < 1.0.b
  1.0.a9            < 1.0.a10
  1.0.a.9           < 1.0.a10
  1.0.a2            = 1.0.a.2
  1.0.b1            < 1.0               # a name makes a prerelease
  1.2.4.beta        < 1.2.4
  1.0               = 1.0.0             # trailing zeros do not count
  1                 = 1.0
  1.a.0             = 1.a               # nor after a name
  1.0.0.1           > 1.0
  3.10              > 3.2
  1.0.RC1           < 1.0.beta          # bytewise: capitals first
  2.0.0.rc1         > 2.0.0.pre1
  1.0-rc1           = 1.0.pre.rc1       # a hyphen reads as .pre.
  1.0-rc1           < 1.0
  0.0.0.1           > 0
  1.0.a             > 0.9
  1.0.0.a           < 1.0
  5.0.0.beta1       < 5.0.0.beta2
  6.0.0.rc2         < 6.0.0
  999999999999999999999999999991 < 999999999999999999999999999999   # exact past 2^53
  `,
);

// Gem::Version.new('') is 0; an empty version here is a reading error instead
describeUnreadable(rubygems, '1.0', ['', '1beta', 'junk', '1..2', '1.0 beta', 'v1.0', '-1', '1.0-']);
