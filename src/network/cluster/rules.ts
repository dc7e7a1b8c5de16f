// The decisions of the cluster network model are rules (rules/network/cluster/*.json), served by the shared
// registry like every built-in rule.
import { getRule } from '../../rules/registry.ts';

/** Evaluates the rule `network/cluster/<name>` on `data`. */
export function decide(name: string, data: unknown): unknown {
  return getRule(`network/cluster/${name}`).evaluate(data);
}

export const decideBoolean = (name: string, data: unknown): boolean => decide(name, data) === true;
