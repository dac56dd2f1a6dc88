// Every rule of the malicious-code family is data with an id, a family, a description,
// a reference and its own examples: each positive is found by its rule, each negative
// by no rule at all.
import { describe, expect, it } from 'vitest';
import { RULES, scanText } from '../../../src/checks/malicious-code/engine.js';
import { EXAMPLES } from './examples.js';

const ids = (text: string, lang: Parameters<typeof scanText>[1]): string[] => scanText(Buffer.from(text, 'latin1'), lang).map((hit) => hit.rule.id);

describe('the malicious-code rules', () => {
  it('each have a unique id, a family, a description, a reference, literals and examples', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id, rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(['shells', 'loaders', 'skimmers', 'exfiltration'], rule.id).toContain(rule.family);
      expect(rule.description.length, rule.id).toBeGreaterThan(20);
      expect(rule.reference.length, rule.id).toBeGreaterThan(10);
      expect(rule.literals.length, rule.id).toBeGreaterThan(0);
      expect(EXAMPLES[rule.id], `examples for ${rule.id}`).toBeDefined();
    }
    expect(Object.keys(EXAMPLES).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  for (const rule of RULES) {
    const examples = EXAMPLES[rule.id];
    if (!examples) continue;
    it(`${rule.id}: finds its positives, and nothing in its negatives`, () => {
      for (const positive of examples.pos) expect(ids(positive, examples.lang), positive.slice(0, 80)).toContain(rule.id);
      for (const negative of examples.neg) expect(ids(negative, examples.lang), negative.slice(0, 80)).toEqual([]);
    });
  }
});
