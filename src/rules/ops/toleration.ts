// json-logic operations for taints and tolerations (SCHED-09..SCHED-13, DS-04, DS-05), e.g. the scheduler's
// filter {"untolerated_taints": [{"var": "node.spec.taints"}, {"var": "pod.spec.tolerations"}, ["NoSchedule", "NoExecute"]]}.
// Missing (null) lists count as empty. Gt/Lt tolerations follow the default of feature gate
// TaintTolerationComparisonOperators (off): they never match.
import { InputError } from '../../errors.ts';
import { tolerationsTolerateTaint, toleratesTaint, untoleratedTaints, type TolerationLike } from '../../k8s/taint.ts';
import type { Taint } from '../../k8s/types.ts';
import type { CustomOperation } from './index.ts';

function object<T>(op: string, what: string, v: unknown): T {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(`${op}: expected a ${what} object, got ${JSON.stringify(v)}`);
  return v as T;
}

function list<T>(op: string, what: string, v: unknown): T[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new InputError(`${op}: expected a list of ${what}, got ${JSON.stringify(v)}`);
  return v.map((item) => object<T>(op, what, item));
}

function effects(v: unknown): Taint['effect'][] | undefined {
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((e) => typeof e !== 'string')) {
    throw new InputError(`untolerated_taints: expected a list of effects, got ${JSON.stringify(v)}`);
  }
  return v as Taint['effect'][];
}

export const tolerationOperations: Readonly<Record<string, CustomOperation>> = {
  tolerates: (toleration, taint) =>
    toleratesTaint(object<TolerationLike>('tolerates', 'toleration', toleration), object<Taint>('tolerates', 'taint', taint)),
  tolerations_tolerate: (tolerations, taint) =>
    tolerationsTolerateTaint(list<TolerationLike>('tolerations_tolerate', 'tolerations', tolerations), object<Taint>('tolerations_tolerate', 'taint', taint)),
  /** The taints no toleration tolerates, optionally only those with the listed effects (SCHED-10). */
  untolerated_taints: (taints, tolerations, effectList) =>
    untoleratedTaints(
      list<Taint>('untolerated_taints', 'taints', taints),
      list<TolerationLike>('untolerated_taints', 'tolerations', tolerations),
      effects(effectList),
    ),
};
