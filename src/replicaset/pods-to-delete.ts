// Which Pods a ReplicaSet deletes when it has too many (ROLL-01): getPodsToDelete and
// getPodsRankedByRelatedPodsOnSameNode (pkg/controller/replicaset/replica_set.go) sort the owned active
// Pods with ActivePodsWithRanks.Less (pkg/controller/controller_utils.go) and take the first `diff`.
// The comparison itself is rule replicaset-controller/deletion-order; this module gathers each Pod's facts
// once and sorts. Example: replicas 3 → 1 with Pods {Pending, Running not ready, Running ready} deletes the
// Pending Pod and the not-ready one, and keeps the ready Pod.
// Ties keep the input order (Kubernetes' sort.Sort leaves them unspecified).
import type { Pod } from '../k8s/types.ts';
import { getRule } from '../rules/registry.ts';
import { deletionCost, epochMs, isPodActive, isPodReady, maxContainerRestarts, readySince } from './facts.ts';

/** One Pod as the comparison sees it (shape ReplicaSetDeletionPair). Times in epoch milliseconds. */
export interface DeletionFacts {
  assigned: boolean;
  phase: string;
  ready: boolean;
  deletionCost: number;
  /** Active related Pods on the same node (this Pod included when it is among them). */
  rank: number;
  readySince: number | null;
  readyBucket: number;
  restarts: number;
  created: number | null;
  createdBucket: number;
  uid: string;
}

/** -1 when `a` is deleted before `b`, 1 after, 0 tied. */
export type DeletionComparator = (a: DeletionFacts, b: DeletionFacts, logarithmic: boolean) => number;

export interface DeletionOptions {
  /** The controller's clock (metav1.Now() when it sorts). */
  now: string;
  /**
   * getIndirectlyRelatedPods: every Pod of every ReplicaSet with the same controlling owner (the
   * Deployment's old and new ReplicaSets alike). Kubernetes finds none for a ReplicaSet without a
   * controller, so the default [] gives every Pod rank 0.
   */
  relatedPods?: readonly Pod[];
  /** LogarithmicScaleDown: beta on since 1.22, GA and locked on since 1.31; false gives the 1.21 order. */
  logarithmicScaleDown?: boolean;
}

/**
 * logarithmicRankDiff's bucket: floor(log2(age in nanoseconds)), -1 for a time at or after `now`.
 * Examples: 60 s → 35, 100 s and 120 s → 36, 600 s and 1000 s → 39, 3600 s → 41.
 */
export function logBucket(sinceMs: number | null, nowMs: number): number {
  if (sinceMs === null) return -1;
  const nanos = (nowMs - sinceMs) * 1e6;
  return nanos > 0 ? Math.floor(Math.log2(nanos)) : -1;
}

/** podsOnNode: how many active related Pods each node name (the empty name included) holds. */
export function activePodsPerNode(relatedPods: readonly Pod[]): Map<string, number> {
  const perNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? '';
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  return perNode;
}

/** The facts of one Pod, its rank taken from `perNode`. */
export function deletionFacts(pod: Pod, perNode: ReadonlyMap<string, number>, nowMs: number): DeletionFacts {
  const node = pod.spec.nodeName ?? '';
  const since = readySince(pod);
  const created = epochMs(pod.metadata.creationTimestamp);
  return {
    assigned: node !== '',
    phase: pod.status?.phase ?? '',
    ready: isPodReady(pod),
    deletionCost: deletionCost(pod),
    rank: perNode.get(node) ?? 0,
    readySince: since,
    readyBucket: logBucket(since, nowMs),
    restarts: maxContainerRestarts(pod),
    created,
    createdBucket: logBucket(created, nowMs),
    uid: pod.metadata.uid ?? '',
  };
}

/** Rule replicaset-controller/deletion-order. */
export const compareForDeletion: DeletionComparator = (a, b, logarithmic) =>
  getRule('replicaset-controller/deletion-order').evaluate({ a, b, logarithmic }) as number;

/**
 * getPodsToDelete: the first `diff` of `pods` (the ReplicaSet's owned active Pods) in deletion order.
 * When every Pod goes, Kubernetes skips the sort and so does this. `compare` exists for tests that must
 * show a wrong comparator gets caught.
 */
export function podsToDelete(pods: readonly Pod[], diff: number, opts: DeletionOptions, compare: DeletionComparator = compareForDeletion): Pod[] {
  if (diff <= 0) return [];
  if (diff >= pods.length) return [...pods];
  const nowMs = epochMs(opts.now) ?? 0;
  const perNode = activePodsPerNode(opts.relatedPods ?? []);
  const logarithmic = opts.logarithmicScaleDown ?? true;
  const ranked = pods.map((pod) => ({ pod, facts: deletionFacts(pod, perNode, nowMs) }));
  ranked.sort((x, y) => compare(x.facts, y.facts, logarithmic));
  return ranked.slice(0, diff).map((x) => x.pod);
}
