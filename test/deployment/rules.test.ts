// The deployment rules are built in (their example rows run in test/rules/examples.test.ts).
import { describe, expect, it } from 'vitest';
import { deploymentRuleFiles } from '../../rules/deployment/index.ts';
import { allRules } from '../../src/rules/registry.ts';

describe('deployment rules', () => {
  it('ROLL-05: every rule under rules/deployment/ is registered and checked at load', () => {
    const ids = new Set(allRules().map((r) => r.id));
    expect(deploymentRuleFiles.map((r) => r.id).filter((id) => !ids.has(id))).toEqual([]);
    expect(deploymentRuleFiles.length).toBeGreaterThan(15);
  });
});
