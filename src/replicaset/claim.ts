// ControllerRefManager.ClaimPods for a ReplicaSet (ROLL-01, GC-01; pkg/controller/controller_ref_manager.go):
// membership is by label, so the ReplicaSet adopts orphans its selector matches and releases the Pods it
// controls whose labels stopped matching. The per-Pod decision is rule replicaset-controller/claim.
// syncReplicaSet claims only active Pods (FilterActivePods first); pass those, as the controller does.
// Adoption assumes the patch succeeds; the live re-check that the ReplicaSet is not being deleted
// (RecheckDeletionTimestamp) reads the same deletionTimestamp here.
import type { OwnerReference, Pod, ReplicaSet } from '../k8s/types.ts';
import { getRule } from '../rules/registry.ts';
import { controllerOf, rsUid } from './facts.ts';

export type ClaimDecision = 'owned' | 'adopt' | 'release' | 'ignore';

export interface ClaimResult {
  /** Orphans to patch with this ReplicaSet's controller reference. */
  adopt: Pod[];
  /** Controlled Pods whose labels no longer match: patch their reference away. */
  release: Pod[];
  /** What ClaimPods returns: the Pods the ReplicaSet controls after the claim, adopted ones included. */
  owned: Pod[];
}

/** Rule replicaset-controller/claim for one Pod. */
export function claimDecision(rs: ReplicaSet, pod: Pod): ClaimDecision {
  const facts = {
    controllerUid: controllerOf(pod)?.uid ?? null,
    podDeleting: pod.metadata.deletionTimestamp !== undefined,
    rsUid: rsUid(rs),
    rsDeleting: rs.metadata.deletionTimestamp !== undefined,
    selector: rs.spec.selector,
    labels: pod.metadata.labels ?? {},
  };
  return getRule('replicaset-controller/claim').evaluate(facts) as ClaimDecision;
}

/**
 * Example: selector app=web; Pods {orphan app=web, owned app=web, owned app=debug, owned-by-other app=web}
 * → adopt the orphan, release the app=debug Pod, owned = [orphan, owned app=web] in input order.
 */
export function claimPods(rs: ReplicaSet, pods: readonly Pod[]): ClaimResult {
  const result: ClaimResult = { adopt: [], release: [], owned: [] };
  for (const pod of pods) {
    const decision = claimDecision(rs, pod);
    if (decision === 'adopt') result.adopt.push(pod);
    if (decision === 'release') result.release.push(pod);
    if (decision === 'adopt' || decision === 'owned') result.owned.push(pod);
  }
  return result;
}

/** AdoptPod's patch: the ReplicaSet as controller, blocking its foreground deletion until the Pod is gone. */
export function adoptionReference(rs: ReplicaSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rsUid(rs), controller: true, blockOwnerDeletion: true };
}

/** The Pod after AdoptPod's strategic merge patch: ownerReferences merge by UID. */
export function adopt(pod: Pod, rs: ReplicaSet): Pod {
  const others = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rsUid(rs));
  return { ...pod, metadata: { ...pod.metadata, ownerReferences: [...others, adoptionReference(rs)] } };
}

/** The Pod after ReleasePod's patch ({"$patch": "delete", "uid": …}): every reference to this UID removed. */
export function release(pod: Pod, rs: ReplicaSet): Pod {
  const { ownerReferences, ...metadata } = pod.metadata;
  const rest = (ownerReferences ?? []).filter((r) => r.uid !== rsUid(rs));
  return { ...pod, metadata: rest.length > 0 ? { ...metadata, ownerReferences: rest } : metadata };
}
