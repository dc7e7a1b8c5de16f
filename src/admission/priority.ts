// Priority admission (SCHED-23, SCHED-24): plugin/pkg/admission/priority/admission.go.
// Mutating, Pods: on CREATE spec.priority is resolved from spec.priorityClassName (rule
// admission/priority-value): a named class gives its value, an unknown name is rejected with
// `pods "x" is forbidden: no PriorityClass with name x was found`, no name takes the global default class
// (its name is written into the Pod) or 0. A spec.priority the user set that differs is rejected (rule
// admission/priority-conflict); so is a conflicting preemptionPolicy. The class's preemptionPolicy
// (PriorityClass defaulting: PreemptLowerPriority) is copied into the Pod from 1.19, when
// NonPreemptingPriority became beta and on by default. On UPDATE the stored priority is carried over.
// Validating, PriorityClasses: a second globalDefault class is rejected.
// The API server creates system-node-critical (2000001000) and system-cluster-critical (2000000000) at
// start-up, so they exist even when the cluster view does not list them.
import { getRule } from '../rules/registry.ts';
import type { Pod, PriorityClass } from '../k8s/types.ts';
import { forbidden, type AdmissionStatus, type Attributes, type ClusterState, type MutationStep } from './types.ts';

const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;
const BUILT_IN_CLASSES: readonly PriorityClass[] = [
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: SYSTEM_CRITICAL_PRIORITY + 1000 },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: SYSTEM_CRITICAL_PRIORITY },
];
const PREEMPTION_POLICY_SINCE_MINOR = 19;

export function priorityClasses(cluster: ClusterState): PriorityClass[] {
  const listed = new Set(cluster.priorityClasses.map((pc) => pc.metadata.name));
  return [...cluster.priorityClasses, ...BUILT_IN_CLASSES.filter((pc) => !listed.has(pc.metadata.name))];
}

/** getDefaultPriorityClass: if a race left several globalDefault classes, the lowest value wins. */
export function globalDefaultClass(classes: readonly PriorityClass[]): PriorityClass | undefined {
  return classes.filter((pc) => pc.globalDefault === true).reduce<PriorityClass | undefined>((low, pc) => (low && low.value <= pc.value ? low : pc), undefined);
}

const ref = (pc: PriorityClass | undefined) => (pc ? { name: pc.metadata.name, value: pc.value } : null);

function admitPodCreate(attrs: Attributes, pod: Pod, cluster: ClusterState): MutationStep {
  const classes = priorityClasses(cluster);
  const name = pod.spec.priorityClassName ?? '';
  const named = name ? classes.find((pc) => pc.metadata.name === name) : undefined;
  const fallback = globalDefaultClass(classes);
  const value = getRule('admission/priority-value').evaluate({ priorityClassName: name, namedClass: ref(named), defaultClass: ref(fallback) });
  if (value === null) return { status: forbidden('Pod', attrs.name, `no PriorityClass with name ${name} was found`) };
  const computed = value as number;
  if (getRule('admission/priority-conflict').evaluate({ provided: pod.spec.priority ?? null, computed })) {
    const detail = `the integer value of priority (${pod.spec.priority}) must not be provided in pod spec; priority admission controller computed ${computed} from the given PriorityClass name`;
    return { status: forbidden('Pod', attrs.name, detail) };
  }
  const spec = { ...pod.spec, priority: computed, ...(name === '' && fallback ? { priorityClassName: fallback.metadata.name } : {}) };
  if (attrs.minor >= PREEMPTION_POLICY_SINCE_MINOR) {
    const policy = (name ? named?.preemptionPolicy : fallback?.preemptionPolicy) ?? 'PreemptLowerPriority';
    if (pod.spec.preemptionPolicy !== undefined && pod.spec.preemptionPolicy !== policy) {
      const detail = `the string value of PreemptionPolicy (${pod.spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`;
      return { status: forbidden('Pod', attrs.name, detail) };
    }
    spec.preemptionPolicy = policy;
  }
  return { object: { ...pod, spec } };
}

export function priorityMutate(attrs: Attributes, cluster: ClusterState): MutationStep {
  if (attrs.kind !== 'Pod') return { object: attrs.object };
  const pod = attrs.object as Pod;
  if (attrs.operation === 'CREATE') return admitPodCreate(attrs, pod, cluster);
  const old = attrs.oldObject as Pod | undefined;
  if (attrs.operation !== 'UPDATE' || !old) return { object: pod };
  const spec = { ...pod.spec };
  if (spec.priority === undefined && old.spec.priority !== undefined) spec.priority = old.spec.priority;
  if (spec.preemptionPolicy === undefined && old.spec.preemptionPolicy !== undefined) spec.preemptionPolicy = old.spec.preemptionPolicy;
  return { object: { ...pod, spec } };
}

export function priorityValidate(attrs: Attributes, cluster: ClusterState): AdmissionStatus | undefined {
  if (attrs.kind !== 'PriorityClass' || attrs.operation === 'DELETE') return undefined;
  const pc = attrs.object as PriorityClass;
  if (pc.globalDefault !== true) return undefined;
  const current = globalDefaultClass(cluster.priorityClasses);
  if (!current || (attrs.operation === 'UPDATE' && current.metadata.name === pc.metadata.name)) return undefined;
  return forbidden('PriorityClass', attrs.name, `PriorityClass ${current.metadata.name} is already marked as default. Only one default can exist`);
}
