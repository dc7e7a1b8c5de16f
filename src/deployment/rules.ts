// The Deployment controller's decisions are the built-in rules under rules/deployment/ (registered in
// rules/index.ts); this module names them for the controller's functions.
import { getRule } from '../rules/registry.ts';
import type { CompiledRule } from '../rules/types.ts';

/** A rule under rules/deployment/ (any built-in rule id works). */
export function deploymentRule(id: string): CompiledRule {
  return getRule(id);
}

/** Evaluates a deployment rule; the caller states the type the rule's examples show it returns. */
export function decide<T>(id: string, data: unknown): T {
  return deploymentRule(id).evaluate(data) as T;
}
