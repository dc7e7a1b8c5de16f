// The rules under rules/network/cluster load against their shapes and give every example row's value. Once
// rules/index.ts spreads networkClusterRuleFiles, test/rules/examples.test.ts covers the rows as well.
import { describe, expect, it } from 'vitest';
import { networkClusterRuleFiles } from '../../../rules/network/cluster/index.ts';
import '../../../src/rules/shapes-network-cluster.ts';
import { compileLogic } from '../../../src/rules/compile.ts';
import { loadRules } from '../../../src/rules/load.ts';
import { ruleOperations } from '../../../src/rules/registry.ts';
import { conformance, getShape } from '../../../src/rules/shapes.ts';

describe('network/cluster rules', () => {
  it('NET-SVC-07, DNS-01: every rule file loads without errors under its id', () => {
    const { errors, rules } = loadRules(
      networkClusterRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content })),
      ruleOperations,
    );
    expect(errors.map((e) => `${e.file} ${e.jsonPath}: ${e.message}`)).toEqual([]);
    expect(rules.size).toBe(networkClusterRuleFiles.length);
  });

  for (const rule of networkClusterRuleFiles) {
    const evaluate = compileLogic(rule.logic, { operations: ruleOperations, ruleId: rule.id, path: '$.logic' });
    for (const [name, data, expected] of rule.examples) {
      it(`${rule.id}: ${name} (${rule.behaviours.join(', ')})`, () => {
        const shape = getShape(rule.input);
        expect(shape, `input shape "${rule.input}" is not defined`).toBeDefined();
        if (shape) expect(conformance(shape, data)).toEqual([]);
        expect(evaluate(data)).toEqual(expected);
      });
    }
  }
});
