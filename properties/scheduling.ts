// Invariants of scheduling, checked on every reachable state of a model with Nodes: they read the cluster
// as the scheduler's snapshot shows it (Nodes with their current taints, every Pod).
import type { Node, Pod } from '../src/k8s/types.ts';
import { podRequests, nodeAllocatable } from '../src/scheduler/resources.ts';
import { untoleratedTaints } from '../src/k8s/taint.ts';
import type { ClusterSnapshot } from '../src/scheduler/types.ts';
import type { StateProperty } from './types.ts';

// Pods are immutable in the store, so their requests are computed once per Pod object.
const requestsOf = new WeakMap<Pod, Map<string, bigint>>();
function requests(p: Pod): Map<string, bigint> {
  let r = requestsOf.get(p);
  if (!r) {
    r = podRequests(p);
    requestsOf.set(p, r);
  }
  return r;
}

// Allocatable lists are shared by every copy of a Node the states make, so they are parsed once each.
const allocatableOf = new WeakMap<object, Map<string, bigint>>();
function allocatable(node: Node): Map<string, bigint> {
  const list = node.status?.allocatable ?? {};
  let a = allocatableOf.get(list);
  if (!a) {
    a = nodeAllocatable(list);
    allocatableOf.set(list, a);
  }
  return a;
}

const implicit = (n: Node) => n.metadata.annotations?.['kubemodel.io/implicit'] === 'true';
const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export const schedulingInvariants: StateProperty<ClusterSnapshot>[] = [
  {
    id: 'allocated-within-allocatable',
    description: "the requests of the Pods bound to a node never exceed its allocatable, for every resource, and its Pod count stays within allocatable pods",
    behaviours: ['SCHED-04', 'SCHED-22', 'RES-01'],
    holds: (snapshot) =>
      snapshot.nodes.every((node) => {
        if (implicit(node)) return true;
        const pods = snapshot.pods.filter((p) => p.spec.nodeName === node.metadata.name && !terminal(p));
        const used = new Map<string, bigint>([['pods', BigInt(pods.length)]]);
        for (const p of pods) for (const [k, v] of requests(p)) used.set(k, (used.get(k) ?? 0n) + v);
        for (const [k, v] of used) {
          const cap = allocatable(node).get(k);
          if (v > 0n && (cap === undefined || v > cap)) return false;
        }
        return true;
      }),
  },
];

export interface BindingStep {
  /** The snapshot the scheduler judged the Pod against. */
  before: ClusterSnapshot;
  /** Set when the step bound a Pod: which and where. */
  binding?: { pod: Pod; node: string };
}

/** Checked on every step that binds a Pod (a step invariant over the state before and the binding). */
export const schedulingStepInvariants: StateProperty<BindingStep>[] = [
  {
    id: 'bound-only-where-tolerated',
    description: 'a Pod is only bound to a node whose NoSchedule and NoExecute taints it tolerates at bind time',
    behaviours: ['SCHED-10', 'SCHED-11', 'SCHED-12'],
    holds: (step) => {
      if (!step.binding) return true;
      const node = step.before.nodes.find((n) => n.metadata.name === step.binding!.node);
      if (!node) return false;
      return untoleratedTaints(node.spec?.taints ?? [], step.binding.pod.spec.tolerations ?? [], ['NoSchedule', 'NoExecute']).length === 0;
    },
  },
];
