// A deliberately broken RollingUpdate controller, selected only by a model file's constants
// (controller: "broken-ignores-max-unavailable", properties/models/rollout-broken.json): it sizes the new
// ReplicaSet as the real controller does but scales old ReplicaSets down by whatever exceeds spec.replicas,
// without asking how many Pods are available. With 3 replicas, maxSurge 1, maxUnavailable 0 it creates the new
// ReplicaSet at 1 and drops the old one to 2 in the same round, before the new Pod is available, so the next
// Pod deletion takes availability to 2 < 3 (ROLL-05). The checker must find that in two steps.
import type { Deployment } from '../k8s/types.ts';
import { deploymentDefaults } from '../deployment/defaults.ts';
import { replicasAnnotations } from '../deployment/fenceposts.ts';
import { activeReplicaSets, byCreation, sumOf, type ReplicaSetState } from '../deployment/replica-sets.ts';
import { reconcileRolling, type RollingRound } from '../deployment/rolling.ts';

export function brokenReconcileRolling(d: Deployment, newRS: ReplicaSetState | null, oldRSes: readonly ReplicaSetState[]): RollingRound {
  const round = reconcileRolling(d, newRS, oldRSes);
  const newSize = round.newRSReplicas ?? newRS?.replicas ?? 0;
  const { replicas } = deploymentDefaults(d);
  const annotations = replicasAnnotations(d);
  let excess = sumOf(oldRSes, 'replicas') + newSize - replicas;
  const oldRSScaleDowns = [];
  for (const rs of activeReplicaSets(oldRSes).sort(byCreation)) {
    if (excess <= 0) break;
    const n = Math.min(excess, rs.replicas);
    excess -= n;
    oldRSScaleDowns.push({ name: rs.name, to: rs.replicas - n, ...annotations });
  }
  return { ...round, oldRSScaleDowns };
}
