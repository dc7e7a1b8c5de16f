// The leader-election rules load against their shapes and give every example row's value. Once
// rules/index.ts spreads leaderElectionRuleFiles, test/rules/examples.test.ts covers the rows as well.
import { describe, expect, it } from 'vitest';
import { leaderElectionRuleFiles } from '../../rules/leader-election/index.ts';
import '../../src/rules/shapes-leader-election.ts';
import { compileLogic } from '../../src/rules/compile.ts';
import { loadRules } from '../../src/rules/load.ts';
import { ruleOperations } from '../../src/rules/registry.ts';
import { conformance, getShape } from '../../src/rules/shapes.ts';

describe('leader-election rules', () => {
  it('LEAD-03: every rule file loads without errors under its id', () => {
    const { errors, rules } = loadRules(
      leaderElectionRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content })),
      ruleOperations,
    );
    expect(errors.map((e) => `${e.file} ${e.jsonPath}: ${e.message}`)).toEqual([]);
    expect(rules.size).toBe(leaderElectionRuleFiles.length);
  });

  for (const rule of leaderElectionRuleFiles) {
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
