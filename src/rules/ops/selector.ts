// json-logic operation for label selectors (ROLL-01, NET-SVC-01, SCHED-07, SCHED-16, NETPOL-05):
// {"selector_matches": [{"var": "rs.spec.selector"}, {"var": "pod.metadata.labels"}]}.
// The selector is the string syntax ("app=web,tier in (a,b)") or a LabelSelector object taken from data
// (a literal object in the rule would be read as an operation by json-logic). A missing (null) selector is
// a nil LabelSelector and matches nothing; {} matches everything; missing labels are no labels.
import { InputError } from '../../errors.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import type { LabelSelector } from '../../k8s/types.ts';
import type { CustomOperation } from './index.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const selectorOperations: Readonly<Record<string, CustomOperation>> = {
  selector_matches: (selector, labels) => {
    if (selector !== null && selector !== undefined && typeof selector !== 'string' && !isRecord(selector)) {
      throw new InputError(`selector_matches: expected a selector string or LabelSelector object, got ${JSON.stringify(selector)}`);
    }
    if (labels !== null && labels !== undefined && !isRecord(labels)) {
      throw new InputError(`selector_matches: expected a labels object, got ${JSON.stringify(labels)}`);
    }
    try {
      return matchesSelector(selector as string | LabelSelector | null | undefined, (labels ?? undefined) as Record<string, string> | undefined);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`selector_matches: ${e.message}`);
      throw e;
    }
  },
};
