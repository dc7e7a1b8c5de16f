// One Recreate reconcile round (ROLL-06), as rolloutRecreate in pkg/controller/deployment/recreate.go runs
// it: scale every active old ReplicaSet to 0 and stop; while any old Pod is still running (an old
// ReplicaSet's status still counts replicas, or one of its Pods is not Succeeded or Failed: the gate in
// rules/deployment/old-pods-running.json), wait; only then create the new ReplicaSet at full size, or scale
// it to spec.replicas. The new ReplicaSet is never created before the old Pods are gone.
import type { Deployment } from '../k8s/types.ts';
import { deploymentDefaults } from './defaults.ts';
import { replicasAnnotations } from './fenceposts.ts';
import { activeReplicaSets, sumOf, type ReplicaSetState, type ScaleOp } from './replica-sets.ts';
import { decide } from './rules.ts';

export interface RecreateRound {
  /** Active old ReplicaSets set to 0 this round (all of them at once). */
  oldRSScaleDowns: ScaleOp[];
  /** Old Pods still running: nothing else happens this round. */
  waitingForOldPods: boolean;
  createdNewRS: boolean;
  /** The new ReplicaSet's size when it is created or scaled this round. */
  newRSReplicas?: number;
}

/**
 * One round. `oldActivePods` counts the Pods owned by old ReplicaSets whose phase is not Succeeded or
 * Failed (Unknown counts: the Pod might still run). Worked example, 3 replicas, old RS 3/3:
 *
 *     round 1: old RS → 0                            { oldRSScaleDowns: [{ to: 0 }] }
 *     round 2: status still 3, 3 Pods terminating    { waitingForOldPods: true }
 *     round 3: status 0, no Pods left                { createdNewRS: true, newRSReplicas: 3 }
 */
export function reconcileRecreate(d: Deployment, newRS: ReplicaSetState | null, oldRSes: readonly ReplicaSetState[], oldActivePods: number): RecreateRound {
  const { replicas } = deploymentDefaults(d);
  const annotations = replicasAnnotations(d);
  const round: RecreateRound = { oldRSScaleDowns: [], waitingForOldPods: false, createdNewRS: false };

  const scaleDowns = activeReplicaSets(oldRSes).map((rs) => ({ name: rs.name, to: 0, ...annotations }));
  if (scaleDowns.length > 0) return { ...round, oldRSScaleDowns: scaleDowns };

  const running = decide<boolean>('deployment/old-pods-running', { oldStatusReplicas: sumOf(oldRSes, 'statusReplicas'), oldActivePods });
  if (running) return { ...round, waitingForOldPods: true };

  if (newRS === null) return { ...round, createdNewRS: true, newRSReplicas: replicas };
  return newRS.replicas === replicas ? round : { ...round, newRSReplicas: replicas };
}
