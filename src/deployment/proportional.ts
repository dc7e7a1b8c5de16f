// Scaling a Deployment that is mid-rollout or paused (ROLL-07, ROLL-08): DeploymentController.scale in
// pkg/controller/deployment/sync.go. A lone active ReplicaSet simply takes spec.replicas; a saturated new
// ReplicaSet drops the old ones to 0; otherwise the Pods added or removed are spread over the active
// ReplicaSets in proportion to their size (rules/deployment/proportion.json), so a resize neither hastens
// nor reverses the rollout. Rounding leftovers go to the first ReplicaSet in scaling order.
import type { Deployment } from '../k8s/types.ts';
import { deploymentDefaults } from './defaults.ts';
import { maxSurgeOf, replicasAnnotations } from './fenceposts.ts';
import { activeReplicaSets, byCreation, bySizeNewer, bySizeOlder, sumOf, type ReplicaSetState, type ScaleOp } from './replica-sets.ts';
import { decide } from './rules.ts';

/** FindActiveOrLatest: the only active ReplicaSet, or the newest one when none is active; null when several are. */
export function findActiveOrLatest(newRS: ReplicaSetState | null, oldRSes: readonly ReplicaSetState[]): ReplicaSetState | null {
  const newestFirst = [...oldRSes].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets(newRS ? [...newestFirst, newRS] : newestFirst);
  if (active.length === 0) return newRS ?? newestFirst[0] ?? null;
  return active.length === 1 ? (active[0] as ReplicaSetState) : null;
}

/** isScalingEvent: some active ReplicaSet's desired-replicas annotation differs from spec.replicas (ROLL-04, ROLL-07). */
export function isScalingEvent(d: Deployment, newRS: ReplicaSetState | null, oldRSes: readonly ReplicaSetState[]): boolean {
  const { replicas } = deploymentDefaults(d);
  return activeReplicaSets(newRS ? [...oldRSes, newRS] : oldRSes).some((rs) => rs.desiredReplicas !== undefined && rs.desiredReplicas !== replicas);
}

/**
 * The scale ops of one `scale` call. Worked examples (test/deployment/proportional.test.ts reuses them):
 *
 * - The Kubernetes documentation's case: 10 replicas, maxSurge 3, maxUnavailable 2; a rollout stuck at old 8
 *   / new 5 (both annotated max-replicas 13) is scaled to 15 (allowed 15 + 3 = 18, so 5 to add). Larger
 *   first: old gets round(8 × 18 / 13) − 8 = 3, new round(5 × 18 / 13) − 5 = 2 → old 11, new 7.
 * - A paused rollout at old 5 / new 5 (max-replicas 13) scaled to 15: 8 to add; equal sizes put the newer
 *   first: new +2, old +2, and the 4 left over by rounding go to the first → new 11, old 7.
 * - The same 5 / 5 scaled down to 5 (allowed 5 + 3 = 8, so 2 to remove): equal sizes put the older first,
 *   which gives round(5 × 8 / 13) − 5 = −2 → old 3, new 5.
 */
export function proportionalScale(d: Deployment, newRS: ReplicaSetState | null, oldRSes: readonly ReplicaSetState[]): ScaleOp[] {
  const { replicas, strategyType } = deploymentDefaults(d);
  const surge = maxSurgeOf(d);
  const annotations = replicasAnnotations(d);
  const scaleTo = (rs: ReplicaSetState, to: number): ScaleOp[] => (rs.replicas === to ? [] : [{ name: rs.name, to, ...annotations }]);

  const lone = findActiveOrLatest(newRS, oldRSes);
  if (lone) return scaleTo(lone, replicas);

  const saturated =
    newRS !== null &&
    decide<boolean>('deployment/is-saturated', {
      deploymentReplicas: replicas,
      replicas: newRS.replicas,
      desiredReplicas: newRS.desiredReplicas ?? null,
      availableReplicas: newRS.availableReplicas,
    });
  if (saturated) return activeReplicaSets(oldRSes).flatMap((rs) => scaleTo(rs, 0));
  if (strategyType !== 'RollingUpdate') return [];

  const all = activeReplicaSets(newRS ? [...oldRSes, newRS] : [...oldRSes]);
  const allowed = replicas > 0 ? replicas + surge : 0;
  const toAdd = allowed - sumOf(all, 'replicas');
  if (toAdd > 0) all.sort(bySizeNewer);
  if (toAdd < 0) all.sort(bySizeOlder);

  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return rs.replicas;
    const proportion = decide<number>('deployment/proportion', {
      deploymentReplicas: replicas,
      maxSurge: surge,
      rsReplicas: rs.replicas,
      annotatedReplicas: rs.maxReplicas ?? d.status?.replicas ?? 0,
      toAdd,
      added,
    });
    added += proportion;
    return rs.replicas + proportion;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, (sizes[0] as number) + toAdd - added);

  // scaleReplicaSet writes when the size or the desired/max-replicas annotations differ.
  return all.flatMap((rs, i) => {
    const to = sizes[i] as number;
    const same = rs.replicas === to && rs.desiredReplicas === annotations.desiredReplicas && rs.maxReplicas === annotations.maxReplicas;
    return same ? [] : [{ name: rs.name, to, ...annotations }];
  });
}
