// DefaultTolerationSeconds (SCHED-13, NODE-04): plugin/pkg/admission/defaulttolerationseconds/admission.go.
// On Pod CREATE and UPDATE, a Pod that does not already tolerate node.kubernetes.io/not-ready:NoExecute
// (rule admission/tolerates-node-lifecycle-taint) gets {key, operator: Exists, effect: NoExecute,
// tolerationSeconds: 300} appended, and likewise for node.kubernetes.io/unreachable, in that order: a Pod on
// a node that stops reporting is evicted 300 s after the taint appears. 300 is the default of the API
// server flags --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds.
import { getRule } from '../rules/registry.ts';
import type { Pod, Toleration } from '../k8s/types.ts';
import type { Attributes, MutationStep } from './types.ts';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

export function toleratesNodeLifecycleTaint(tolerations: readonly Toleration[], taintKey: string): boolean {
  const rule = getRule('admission/tolerates-node-lifecycle-taint');
  return tolerations.some((toleration) => rule.evaluate({ toleration, taintKey }) === true);
}

export function defaultTolerationSeconds(attrs: Attributes): MutationStep {
  if (attrs.kind !== 'Pod' || attrs.operation === 'DELETE') return { object: attrs.object };
  const pod = attrs.object as Pod;
  const tolerations = pod.spec.tolerations ?? [];
  const added: Toleration[] = [NOT_READY_TAINT, UNREACHABLE_TAINT]
    .filter((key) => !toleratesNodeLifecycleTaint(tolerations, key))
    .map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS }));
  if (added.length === 0) return { object: pod };
  return { object: { ...pod, spec: { ...pod.spec, tolerations: [...tolerations, ...added] } } };
}
