// One RollingUpdate reconcile round (ROLL-05), as rolloutRolling in pkg/controller/deployment/rolling.go
// runs it: create the new ReplicaSet if missing, then either scale the new ReplicaSet (and stop there) or
// scale old ReplicaSets down: unhealthy replicas first (cleanupUnhealthyReplicas), then as far as
// availability allows (scaleDownOldReplicaSetsForRollingUpdate), both oldest ReplicaSet first. Every
// number comes from a rule in rules/deployment/; this module sums the ReplicaSets and walks them.
//
// Availability is what the ReplicaSets' status reports (status.availableReplicas), exactly the data the
// controller reads; Pods becoming available show up there once the ReplicaSet controller has counted them.
import type { Deployment } from '../k8s/types.ts';
import { deploymentDefaults } from './defaults.ts';
import { maxUnavailableOf, replicasAnnotations, resolveFenceposts } from './fenceposts.ts';
import { activeReplicaSets, byCreation, sumOf, type ReplicaSetState, type ScaleOp } from './replica-sets.ts';
import { decide } from './rules.ts';

export interface RollingRound {
  /** Set when the new ReplicaSet was created this round (with this many replicas) or scaled to this size. */
  newRSReplicas?: number;
  /**
   * True when there was no new ReplicaSet and this round creates it: named <deployment>-<pod-template-hash>,
   * annotated with replicasAnnotations(d) and the next revision (newReplicaSetRevisionAnnotations).
   */
  createdNewRS: boolean;
  /** Old ReplicaSets scaled down, in the order the controller writes them; one may appear twice (cleanup, then scale-down). */
  oldRSScaleDowns: ScaleOp[];
}

/** The numbers rules/deployment/*.json read for a rolling round (shape DeploymentRolling). */
export function rollingView(d: Deployment, newRS: Pick<ReplicaSetState, 'replicas' | 'availableReplicas'>, oldRSes: readonly ReplicaSetState[]) {
  const s = deploymentDefaults(d);
  const active = activeReplicaSets(oldRSes);
  return {
    replicas: s.replicas,
    maxSurge: resolveFenceposts(s.maxSurge ?? 0, s.maxUnavailable ?? 0, s.replicas).surge,
    maxUnavailable: maxUnavailableOf(d),
    allReplicas: sumOf(oldRSes, 'replicas') + newRS.replicas,
    oldReplicas: sumOf(active, 'replicas'),
    // reconcileOldReplicaSets counts availability over the active old ReplicaSets and the new one only.
    totalAvailable: sumOf(active, 'availableReplicas') + newRS.availableReplicas,
    newRS: { replicas: newRS.replicas, availableReplicas: newRS.availableReplicas },
  };
}

/**
 * One reconcile round. Worked examples (each is a test row in test/deployment/rolling.test.ts):
 *
 * - 3 replicas, maxSurge 1, maxUnavailable 0; old RS 3/3 available, no new RS → the new RS is created with
 *   1 replica; nothing old may go (available 3 is the minimum 3) → { createdNewRS, newRSReplicas: 1 }.
 * - same, new RS 1 replica now available → new RS stays (4 Pods = replicas + surge); available 4 − 3 → the old
 *   RS goes to 2.
 * - 10 replicas, 25%/25% (surge 3, unavailable 2); old RS 10/10, no new RS → new RS created with 3; then
 *   available 10 − minimum 8 → old RS to 8, in the same round.
 */
export function reconcileRolling(d: Deployment, newRS: ReplicaSetState | null, oldRSes: readonly ReplicaSetState[]): RollingRound {
  const annotations = replicasAnnotations(d);
  const round: RollingRound = { createdNewRS: false, oldRSScaleDowns: [] };

  let current = newRS ?? { replicas: 0, availableReplicas: 0 };
  if (newRS === null) {
    // getNewReplicaSet creates it already sized by NewRSNewReplicas; the round then goes on with it.
    const size = decide<number>('deployment/new-rs-replicas', rollingView(d, current, oldRSes));
    round.createdNewRS = true;
    round.newRSReplicas = size;
    current = { replicas: size, availableReplicas: 0 };
  } else {
    const target = decide<number>('deployment/new-rs-replicas', rollingView(d, current, oldRSes));
    if (target !== current.replicas) return { ...round, newRSReplicas: target };
  }

  const view = rollingView(d, current, oldRSes);
  const maxScaledDown = decide<number>('deployment/max-scaled-down', view);
  if (maxScaledDown <= 0) return round;

  const old = activeReplicaSets(oldRSes).sort(byCreation).map((rs) => ({ ...rs }));
  let cleaned = 0;
  for (const rs of old) {
    const n = decide<number>('deployment/cleanup-unhealthy-step', { remaining: maxScaledDown - cleaned, replicas: rs.replicas, availableReplicas: rs.availableReplicas });
    // A negative count is Kubernetes' "invalid request to scale down": the round ends, earlier writes stand.
    if (n < 0) return round;
    if (n === 0) continue;
    rs.replicas -= n;
    cleaned += n;
    round.oldRSScaleDowns.push({ name: rs.name, to: rs.replicas, ...annotations });
  }

  const budget = decide<number>('deployment/old-scale-down-budget', view);
  let removed = 0;
  for (const rs of old) {
    const n = decide<number>('deployment/old-rs-scale-down-step', { remaining: budget - removed, replicas: rs.replicas, availableReplicas: rs.availableReplicas });
    if (n <= 0) continue;
    rs.replicas -= n;
    removed += n;
    round.oldRSScaleDowns.push({ name: rs.name, to: rs.replicas, ...annotations });
  }
  return round;
}
