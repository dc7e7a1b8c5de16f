// The NetworkPolicy rules (rules/network/policy/), checked and compiled once on first use. They are
// loaded here rather than through src/rules/registry.ts until rules/index.ts lists them; the shapes
// module is imported for its defineShape side effect so the checker knows the inputs.
import { networkPolicyRuleFiles } from '../../../rules/network/policy/index.ts';
import { RuleError } from '../../errors.ts';
import { loadRules } from '../../rules/load.ts';
import { customOperations } from '../../rules/ops/index.ts';
import '../../rules/shapes-network-policy.ts';
import type { CompiledRule } from '../../rules/types.ts';

export type PolicyRuleId =
  | 'network/policy/enforced'
  | 'network/policy/isolated'
  | 'network/policy/peer-matches'
  | 'network/policy/port-matches'
  | 'network/policy/rule-matches'
  | 'network/policy/direction-allowed'
  | 'network/policy/connection-allowed';

let compiled: Map<string, CompiledRule> | undefined;

function load(): Map<string, CompiledRule> {
  const sources = networkPolicyRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content }));
  const { rules, errors } = loadRules(sources, customOperations);
  const [first] = errors;
  if (first) throw new RuleError(first.ruleId, first.jsonPath, errors.map((e) => `${e.file ?? e.ruleId}: ${e.message}`).join('\n'), first.file);
  return rules;
}

/** Evaluates one NetworkPolicy rule; the rules are boolean-valued. */
export function policyRule(id: PolicyRuleId, data: unknown): boolean {
  compiled ??= load();
  const rule = compiled.get(id);
  if (!rule) throw new RuleError(id, '$', `no rule with id "${id}"`);
  return rule.evaluate(data) === true;
}
