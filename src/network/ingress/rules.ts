// The ingress-nginx canary rules (rules/network/ingress/), checked and compiled once on first use; loaded
// here until rules/index.ts lists them (the shapes module registers their inputs as a side effect).
import { networkIngressRuleFiles } from '../../../rules/network/ingress/index.ts';
import { RuleError } from '../../errors.ts';
import { loadRules } from '../../rules/load.ts';
import { customOperations } from '../../rules/ops/index.ts';
import '../../rules/shapes-network-ingress.ts';
import type { CompiledRule } from '../../rules/types.ts';

export type IngressRuleId = 'network/ingress/canary-decision' | 'network/ingress/canary-weight';

let compiled: Map<string, CompiledRule> | undefined;

function load(): Map<string, CompiledRule> {
  const sources = networkIngressRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content }));
  const { rules, errors } = loadRules(sources, customOperations);
  const [first] = errors;
  if (first) throw new RuleError(first.ruleId, first.jsonPath, errors.map((e) => `${e.file ?? e.ruleId}: ${e.message}`).join('\n'), first.file);
  return rules;
}

export function ingressRule(id: IngressRuleId, data: unknown): unknown {
  compiled ??= load();
  const rule = compiled.get(id);
  if (!rule) throw new RuleError(id, '$', `no rule with id "${id}"`);
  return rule.evaluate(data);
}
