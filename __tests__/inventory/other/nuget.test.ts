import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nugetDepsJsonExtractor } from '../../../src/inventory/extractors/dotnet/nuget-deps-json.js';
import { nugetPackagesLockExtractor } from '../../../src/inventory/extractors/dotnet/nuget-packages-lock.js';
import { extract, FIXTURES, ids } from './build.js';

describe('packages.lock.json', () => {
  it('reads every framework and runtime, once per package (ids are case-insensitive), skipping projects', () => {
    const found = extract(nugetPackagesLockExtractor, 'src/Shop.Api/packages.lock.json', readFileSync(join(FIXTURES, 'packages.lock.json')));
    expect(ids(found)).toEqual(['Newtonsoft.Json@13.0.1', 'System.Text.Json@8.0.4', 'runtime.linux-x64.Microsoft.NETCore.ILAsm@8.0.0']);
    expect(found.every((p) => p.ecosystem === 'NuGet')).toBe(true);
  });

  it('yields nothing for an empty lock file', () => {
    expect(extract(nugetPackagesLockExtractor, 'packages.lock.json', '{"version": 1, "dependencies": {}}')).toEqual([]);
  });

  it('throws on what NuGet does not write', () => {
    const broken: [string, RegExp][] = [
      ['this is not json!', /not JSON/],
      ['[]', /not an object/],
      ['{"version": 0, "dependencies": {}}', /its version is 0, not one this reads/],
      ['{"dependencies": {}}', /its version is missing, not one this reads/],
      ['{"version": 1}', /no dependencies object/],
      ['{"version": 1, "dependencies": {"net8.0": []}}', /dependencies of framework 1 are not an object/],
      ['{"version": 1, "dependencies": {"net8.0": {"A": {"type": "Direct"}}}}', /package 1 of framework 1 has no resolved version/],
      ['{"version": 1, "dependencies": {"net8.0": {"A": "1.0.0"}}}', /package 1 of framework 1 is not an object/],
    ];
    for (const [text, error] of broken) expect(() => extract(nugetPackagesLockExtractor, 'packages.lock.json', text), text).toThrow(error);
  });
});

describe('.deps.json', () => {
  it('reads packages and the runtime pack of a self-contained app, not projects or references', () => {
    expect(extract(nugetDepsJsonExtractor, 'app/Shop.Api.deps.json', readFileSync(join(FIXTURES, 'Shop.Api.deps.json')))).toEqual([
      { ecosystem: 'NuGet', name: 'Microsoft.NETCore.App.Runtime.linux-x64', version: '8.0.6' },
      { ecosystem: 'NuGet', name: 'Serilog', version: '3.1.1' },
    ]);
  });

  it('throws on what the SDK does not write', () => {
    const broken: [string, RegExp][] = [
      ['{', /not JSON/],
      ['{"runtimeTarget": {}}', /no libraries object/],
      ['{"libraries": {"Serilog": {"type": "package"}}}', /library 1 is not named Name\/Version/],
      ['{"libraries": {"/1.0": {"type": "package"}}}', /not named Name\/Version/],
      ['{"libraries": {"Serilog/3.1.1": {}}}', /library 1 has no type/],
      ['{"libraries": {"Serilog/3.1.1": true}}', /not an object/],
    ];
    for (const [text, error] of broken) expect(() => extract(nugetDepsJsonExtractor, 'a.deps.json', text), text).toThrow(error);
  });

  it('matches packages.lock.json and *.deps.json only', () => {
    expect(nugetPackagesLockExtractor.matches('x/packages.lock.json', 'packages.lock.json')).toBe(true);
    expect(nugetPackagesLockExtractor.matches('x/package-lock.json', 'package-lock.json')).toBe(false);
    expect(nugetDepsJsonExtractor.matches('bin/App.deps.json', 'App.deps.json')).toBe(true);
    expect(nugetDepsJsonExtractor.matches('bin/App.runtimeconfig.json', 'App.runtimeconfig.json')).toBe(false);
  });
});
