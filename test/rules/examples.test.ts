// One generic test per example row of every built-in rule (STYLE lesson 4): the data fits the rule's input
// shape, and the compiled rule gives the expected value. The title cites the rule's behaviour IDs.
import { describe, expect, it } from 'vitest';
import { builtinRuleFiles } from '../../rules/index.ts';
import { compileLogic } from '../../src/rules/compile.ts';
import { ruleOperations } from '../../src/rules/registry.ts';
import { conformance, getShape } from '../../src/rules/shapes.ts';

describe('built-in rule examples', () => {
  it('every built-in rule has at least one example', () => {
    expect(builtinRuleFiles.filter((r) => !Array.isArray(r.examples) || r.examples.length === 0).map((r) => r.id)).toEqual([]);
  });

  for (const rule of builtinRuleFiles) {
    // Compiled here rather than through the registry, so that one broken rule fails only its own rows.
    const evaluate = () => compileLogic(rule.logic, { operations: ruleOperations, ruleId: rule.id, path: '$.logic' });
    for (const [exampleName, data, expected] of rule.examples) {
      it(`${rule.id}: ${exampleName} (${rule.behaviours.join(', ')})`, () => {
        const shape = getShape(rule.input);
        expect(shape, `input shape "${rule.input}" is not defined`).toBeDefined();
        if (shape) expect(conformance(shape, data)).toEqual([]);
        expect(evaluate()(data)).toEqual(expected);
      });
    }
  }
});
