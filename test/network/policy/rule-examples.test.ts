// Every example row of the NetworkPolicy rules (until rules/index.ts lists them, test/rules/examples.test.ts
// does not see them): the data fits the input shape and the compiled rule gives the expected value.
import { describe, expect, it } from 'vitest';
import { networkPolicyRuleFiles } from '../../../rules/network/policy/index.ts';
import { compileLogic } from '../../../src/rules/compile.ts';
import { ruleErrors } from '../../../src/rules/check.ts';
import { customOperations } from '../../../src/rules/ops/index.ts';
import '../../../src/rules/shapes-network-policy.ts';
import { conformance, getShape } from '../../../src/rules/shapes.ts';

describe('network/policy rule examples', () => {
  for (const rule of networkPolicyRuleFiles) {
    it(`${rule.id} passes the load-time check (${rule.behaviours.join(', ')})`, () => {
      expect(ruleErrors(rule, { fileName: `rules/${rule.id}.json`, operations: customOperations }).map((e) => `${e.jsonPath}: ${e.message}`)).toEqual([]);
    });
    const evaluate = compileLogic(rule.logic, { operations: customOperations, ruleId: rule.id, path: '$.logic' });
    for (const [name, data, expected] of rule.examples) {
      it(`${rule.id}: ${name}`, () => {
        const shape = getShape(rule.input);
        expect(shape).toBeDefined();
        if (shape) expect(conformance(shape, data)).toEqual([]);
        expect(evaluate(data)).toEqual(expected);
      });
    }
  }
});
