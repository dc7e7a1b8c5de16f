// The built-in rules, loaded from rules/index.ts, checked and compiled once on first use.
// (Provisional implementation: evaluates with json-logic-js until the compiler lands; the API stays.)
import jsonLogic from 'json-logic-js';
import { builtinRuleFiles } from '../../rules/index.ts';
import { customOperations } from './ops/index.ts';
import type { CompiledRule, RuleFile } from './types.ts';
import { RuleError } from '../errors.ts';

let compiled: Map<string, CompiledRule> | undefined;

function load(): Map<string, CompiledRule> {
  for (const [name, op] of Object.entries(customOperations)) jsonLogic.add_operation(name, op);
  // `{"rule": [id, data]}` evaluates another built-in rule, so shared decisions are written once.
  jsonLogic.add_operation('rule', (id: unknown, data: unknown) => getRule(String(id)).evaluate(data));
  const map = new Map<string, CompiledRule>();
  for (const file of builtinRuleFiles) {
    map.set(file.id, { id: file.id, file, evaluate: (data) => jsonLogic.apply(file.logic as never, data) });
  }
  return map;
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
