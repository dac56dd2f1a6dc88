import { describe, expect, it } from 'vitest';
import { gemfileLockExtractor } from '../../../src/inventory/extractors/ruby/gemfile-lock.js';
import { installedGemspecExtractor } from '../../../src/inventory/extractors/ruby/installed-gemspec.js';
import { extract, fixture, ids } from './helpers.js';

describe('Gemfile.lock', () => {
  const packages = extract(gemfileLockExtractor, 'Gemfile.lock', fixture('Gemfile.lock'));

  it('reads GEM, GIT and PATH specs; platform gems are their version; a gem’s own dependencies are not specs', () => {
    expect(ids(packages)).toEqual([
      'airbrussh@1.5.0',
      'capistrano-magento2@0.9.2',
      'capistrano@3.17.3',
      'concurrent-ruby@1.2.2',
      'deploy-helpers@0.1.0',
      'i18n@1.14.1',
      'mini_portile2@2.8.4',
      'nokogiri@1.15.4',
      'racc@1.7.1',
      'rake@13.0.6',
      'sshkit@1.21.5',
    ]);
    expect(packages.every((p) => p.ecosystem === 'RubyGems')).toBe(true);
  });

  it('the same gem for three platforms is one package; CHECKSUMS lines are not specs', () => {
    expect(packages.filter((p) => p.name === 'nokogiri')).toHaveLength(1);
  });

  it('a lock without gems is empty', () => {
    expect(extract(gemfileLockExtractor, 'Gemfile.lock', 'GEM\n  remote: https://rubygems.org/\n  specs:\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n')).toEqual([]);
  });

  it('refuses what is not a Gemfile.lock', () => {
    expect(() => extract(gemfileLockExtractor, 'Gemfile.lock', '')).toThrow(/no sections/);
    expect(() => extract(gemfileLockExtractor, 'Gemfile.lock', 'GEM\n  specs:\n    rack (2.2.3)\n<<<<<<< HEAD\n    rack (2.2.4)\n')).toThrow(/line 4 is not a Gemfile.lock section/);
    expect(() => extract(gemfileLockExtractor, 'Gemfile.lock', 'GEM\n  specs:\n    rack 2.2.3\n')).toThrow(/line 3 is not a gem and version/);
    expect(() => extract(gemfileLockExtractor, 'Gemfile.lock', '    rack (2.2.3)\n')).toThrow(/before any section/);
  });
});

describe('installed gemspecs', () => {
  const read = (name: string): string[] => ids(extract(installedGemspecExtractor, `vendor/bundle/ruby/3.2.0/${name}`, fixture(`gems/${name}`)));

  it('reads the name and version RubyGems wrote, whatever the block variable and string form', () => {
    expect(read('specifications/nokogiri-1.15.4-x86_64-linux.gemspec')).toEqual(['nokogiri@1.15.4']);
    expect(read('specifications/default/json-2.6.3.gemspec')).toEqual(['json@2.6.3']);
    expect(read('specifications/rack-1.6.4.gemspec')).toEqual(['rack@1.6.4']);
  });

  it('reads the constructor form', () => {
    expect(ids(extract(installedGemspecExtractor, 'specifications/x.gemspec', 'Gem::Specification.new("rails", "7.0.8")'))).toEqual(['rails@7.0.8']);
  });

  it('refuses Ruby it cannot read without running it', () => {
    const source = 'Gem::Specification.new do |spec|\n  spec.name = "foo"\n  spec.version = Foo::VERSION\nend\n';
    expect(() => extract(installedGemspecExtractor, 'specifications/foo.gemspec', source)).toThrow(/sets no version to a string/);
    expect(() => extract(installedGemspecExtractor, 'specifications/foo.gemspec', 'puts "hello"\n')).toThrow(/no Gem::Specification.new/);
  });

  it('offers only gemspecs in a specifications folder', () => {
    const offered = (path: string): boolean => installedGemspecExtractor.matches(path, path.slice(path.lastIndexOf('/') + 1));
    expect(offered('vendor/bundle/ruby/3.2.0/specifications/rack-2.2.8.gemspec')).toBe(true);
    expect(offered('specifications/default/json-2.6.3.gemspec')).toBe(true);
    expect(offered('vendor/bundle/ruby/3.2.0/gems/rack-2.2.8/rack.gemspec')).toBe(false);
    expect(offered('vendor/bundle/ruby/3.2.0/specifications/README')).toBe(false);
  });
});
