// What the ReplicaSet controller reads off a Pod (pkg/api/v1/pod/util.go, pkg/controller/controller_utils.go):
// readiness and since when, restarts, the pod-deletion-cost annotation, the controller reference, and
// whether the Pod is active, terminating or finished (rule replicaset-controller/pod-liveness; ROLL-01,
// POD-13: a Pod being deleted stops counting, so its replacement is created at once). Times are
// epoch milliseconds; null stands for Kubernetes' zero metav1.Time.
import type { OwnerReference, Pod, ReplicaSet } from '../k8s/types.ts';
import { getRule } from '../rules/registry.ts';

export type PodLiveness = 'active' | 'terminating' | 'finished';

/** An RFC 3339 time in epoch milliseconds; null when absent or unreadable (a zero metav1.Time). */
export function epochMs(time: string | undefined): number | null {
  if (time === undefined) return null;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : ms;
}

/** podutil.IsPodReady: the first Ready condition has status True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** podReadyTime: when a Ready Pod's Ready condition last turned True; null when not Ready or unrecorded. */
export function readySince(pod: Pod): number | null {
  if (!isPodReady(pod)) return null;
  return epochMs(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
}

/** maxContainerRestarts: the highest restartCount among the app containers (init containers do not count). */
export function maxContainerRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount));
}

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/**
 * GetDeletionCostFromPodAnnotations: the annotation as an int32, 0 when absent or invalid. "+10" and "008"
 * are invalid (a leading plus or zero), "-5" is -5, "0" is 0, "3000000000" overflows int32 and is 0.
 */
export function deletionCost(pod: Pod): number {
  const value = pod.metadata.annotations?.[POD_DELETION_COST];
  if (value === undefined || !/^(-|0$|[1-9])/.test(value) || !/^[-+]?\d+$/.test(value)) return 0;
  const n = Number(value);
  return n >= INT32_MIN && n <= INT32_MAX && n !== 0 ? n : 0;
}

/** metav1.GetControllerOf: the owner reference with controller: true, if any. */
export function controllerOf(pod: Pod): OwnerReference | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.IsControlledBy: the Pod's controller reference names this ReplicaSet's UID. */
export function isControlledBy(pod: Pod, rs: ReplicaSet): boolean {
  return controllerOf(pod)?.uid === rsUid(rs);
}

/** The ReplicaSet's UID; the caller is expected to have assigned one (the API server always does). */
export function rsUid(rs: ReplicaSet): string {
  return rs.metadata.uid ?? '';
}

/** Rule replicaset-controller/pod-liveness: IsPodActive versus FilterTerminatingPods. */
export function podLiveness(pod: Pod): PodLiveness {
  const facts = { phase: pod.status?.phase ?? '', deleting: pod.metadata.deletionTimestamp !== undefined };
  return getRule('replicaset-controller/pod-liveness').evaluate(facts) as PodLiveness;
}

/** controller.IsPodActive. */
export function isPodActive(pod: Pod): boolean {
  return podLiveness(pod) === 'active';
}

/** controller.FilterActivePods: the Pods that are neither finished nor being deleted, in input order. */
export function filterActivePods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodActive);
}
