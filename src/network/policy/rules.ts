// The NetworkPolicy rules (rules/network/policy/), served by the shared registry.
import { getRule } from '../../rules/registry.ts';

export type PolicyRuleId =
  | 'network/policy/enforced'
  | 'network/policy/isolated'
  | 'network/policy/peer-matches'
  | 'network/policy/port-matches'
  | 'network/policy/rule-matches'
  | 'network/policy/direction-allowed'
  | 'network/policy/connection-allowed';

/** Evaluates one NetworkPolicy rule (served by the shared registry); the rules are boolean-valued. */
export function policyRule(id: PolicyRuleId, data: unknown): boolean {
  return getRule(id).evaluate(data) === true;
}
