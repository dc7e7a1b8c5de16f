// The garbage collector's and the DELETE handler's decisions are the built-in rules under
// rules/garbage-collector/ (registered in rules/index.ts); this module evaluates them by short name.
import { getRule } from '../rules/registry.ts';

/** Evaluates `garbage-collector/<name>`; the caller states the type the rule's examples show it returns. */
export function gcDecide<T>(name: string, data: unknown): T {
  return getRule(`garbage-collector/${name}`).evaluate(data) as T;
}
