// The decisions of the cluster network model are rules (rules/network/cluster/*.json). They are loaded here,
// checked against src/rules/shapes-network-cluster.ts, until rules/index.ts spreads networkClusterRuleFiles;
// after that, getRule() from src/rules/registry.ts serves the same files and this module can defer to it.
import { networkClusterRuleFiles } from '../../../rules/network/cluster/index.ts';
import { RuleError } from '../../errors.ts';
import { loadRules } from '../../rules/load.ts';
import { ruleOperations } from '../../rules/registry.ts';
import '../../rules/shapes-network-cluster.ts';
import type { CompiledRule } from '../../rules/types.ts';

let compiled: Map<string, CompiledRule> | undefined;

function load(): Map<string, CompiledRule> {
  const sources = networkClusterRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content }));
  const { rules, errors } = loadRules(sources, ruleOperations);
  const [first] = errors;
  if (first) throw new RuleError(first.ruleId, first.jsonPath, errors.map((e) => `${e.file ?? e.ruleId}: ${e.message}`).join('\n'), first.file);
  return rules;
}

/** Evaluates the rule `network/cluster/<name>` on `data`. */
export function decide(name: string, data: unknown): unknown {
  compiled ??= load();
  const rule = compiled.get(`network/cluster/${name}`);
  if (!rule) throw new RuleError(`network/cluster/${name}`, '$', `no rule with id "network/cluster/${name}"`);
  return rule.evaluate(data);
}

export const decideBoolean = (name: string, data: unknown): boolean => decide(name, data) === true;
