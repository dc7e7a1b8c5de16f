// The ingress-nginx canary rules (rules/network/ingress/), served by the shared registry.
import { getRule } from '../../rules/registry.ts';

export type IngressRuleId = 'network/ingress/canary-decision' | 'network/ingress/canary-weight';

export function ingressRule(id: IngressRuleId, data: unknown): unknown {
  return getRule(id).evaluate(data);
}
