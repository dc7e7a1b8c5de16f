// The snapshot's Pods grouped by spec.nodeName, for the score plugins that look beyond the feasible nodes
// (InterPodAffinity, PodTopologySpread: SCHED-18). kube-scheduler keeps this grouping in its cache and updates
// it per bind; kubemodel's snapshot is a plain Pod list, so the grouping is kept per list object and extended
// when the list grew by appending, the way a scheduler run binds Pods (bench/scheduler.ts: 10,000 cycles, one
// more Pod each). Any other change to the list (a Pod replaced, removed or reordered) regroups it from scratch,
// so the result always equals grouping the list afresh. Pod objects are taken as immutable: a changed Pod is a
// new object, as everywhere in kubemodel.
// The grouping keeps what the score plugins have always counted: every Pod naming a node, terminal ones too.
import type { Pod } from '../../k8s/types.ts';

export interface BoundPods {
  /** spec.nodeName → the Pods naming it, in list order. */
  readonly byNode: ReadonlyMap<string, readonly Pod[]>;
  /**
   * The same, only Pods whose own terms can score the incoming Pod (InterPodAffinity: required podAffinity,
   * preferred podAffinity or podAntiAffinity); empty when no Pod has any, which lets the plugin skip.
   */
  readonly withAffinityTerms: ReadonlyMap<string, readonly Pod[]>;
}

interface Grouping {
  readonly seen: Pod[];
  readonly byNode: Map<string, Pod[]>;
  readonly withAffinityTerms: Map<string, Pod[]>;
}

const groupings = new WeakMap<readonly Pod[], Grouping>();

/** Whether the Pod's own affinity carries a term that InterPodAffinity's score matches against the incoming Pod. */
export function hasScoringAffinityTerms(pod: Pod): boolean {
  const a = pod.spec.affinity;
  return (
    (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
    (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
    (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0
  );
}

function push(into: Map<string, Pod[]>, key: string, pod: Pod): void {
  const list = into.get(key);
  if (list) list.push(pod);
  else into.set(key, [pod]);
}

function startsWith(pods: readonly Pod[], seen: readonly Pod[]): boolean {
  if (seen.length > pods.length) return false;
  for (let i = 0; i < seen.length; i++) if (pods[i] !== seen[i]) return false;
  return true;
}

/** The grouping of `pods`; O(new Pods) when `pods` only grew since the last call, one identity pass to check. */
export function boundPods(pods: readonly Pod[]): BoundPods {
  let g = groupings.get(pods);
  if (g === undefined || !startsWith(pods, g.seen)) {
    g = { seen: [], byNode: new Map(), withAffinityTerms: new Map() };
    groupings.set(pods, g);
  }
  for (let i = g.seen.length; i < pods.length; i++) {
    const pod = pods[i] as Pod;
    g.seen.push(pod);
    const node = pod.spec.nodeName;
    if (node === undefined) continue;
    push(g.byNode, node, pod);
    if (hasScoringAffinityTerms(pod)) push(g.withAffinityTerms, node, pod);
  }
  return g;
}
