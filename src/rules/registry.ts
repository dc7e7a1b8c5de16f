// The built-in rules (rules/index.ts), checked and compiled once on first use. A built-in rule that fails
// its check is a bug in this repository: loading throws, and test/rules/registry.test.ts names it.
import { builtinRuleFiles } from '../../rules/index.ts';
import { RuleError } from '../errors.ts';
import { loadRules } from './load.ts';
import { customOperations, type CustomOperation } from './ops/index.ts';
import './model-shapes.ts';
import './shapes-scheduler.ts';
import './shapes-scheduler-score.ts';
import './shapes-admission.ts';
import './shapes-eviction.ts';
import './shapes-leader-election.ts';
import './shapes-deployment.ts';
import './shapes-storage.ts';
import './shapes-network-cluster.ts';
import './shapes-network-netfilter.ts';
import './shapes-network-policy.ts';
import './shapes-network-ingress.ts';
import './shapes-network-datapath.ts';
import './shapes-garbage-collector.ts';
import './shapes-replicaset-controller.ts';
import './shapes-volume.ts';
import type { CompiledRule, RuleFile } from './types.ts';

let compiled: Map<string, CompiledRule> | undefined;

/** What built-in rules may call: the custom operations, plus `rule`, which evaluates another built-in rule. */
export const ruleOperations: Readonly<Record<string, CustomOperation>> = {
  ...customOperations,
  // `{"rule": [id, data]}` evaluates another built-in rule, so a shared decision is written once.
  rule: (id, data) => getRule(String(id)).evaluate(data),
};

function load(): Map<string, CompiledRule> {
  // rules/index.ts carries no file names; the id names the file, and registry.test.ts checks that it does.
  const sources = builtinRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content }));
  const { rules, errors } = loadRules(sources, ruleOperations);
  const [first] = errors;
  if (first) {
    const all = errors.map((e) => `${e.file ?? e.ruleId}: ${e.message}`).join('\n');
    throw new RuleError(first.ruleId, first.jsonPath, `${errors.length} built-in rule problem(s):\n${all}`, first.file);
  }
  return rules;
}

/** The built-in rule with this id; throws RuleError for an unknown id. */
export function getRule(id: string): CompiledRule {
  compiled ??= load();
  const rule = compiled.get(id);
  if (!rule) throw new RuleError(id, '$', `no rule with id "${id}"`);
  return rule;
}

export function allRules(): CompiledRule[] {
  compiled ??= load();
  return [...compiled.values()];
}

export type { RuleFile };
