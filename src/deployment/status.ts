// The status the Deployment controller writes (CTRL-01): calculateStatus in pkg/controller/deployment/sync.go
// (counts summed over the ReplicaSets, the Available condition) and syncRolloutStatus in progress.go (the
// Progressing condition during a rollout).
import type { Deployment } from '../k8s/types.ts';
import { applyProgressing, availableCondition, progressingCondition, setCondition } from './conditions.ts';
import { sumOf, type ReplicaSetState } from './replica-sets.ts';

export type DeploymentStatus = NonNullable<Deployment['status']>;

/**
 * calculateStatus. Replicas, ready and available sum the ReplicaSets' status; updatedReplicas is the new
 * ReplicaSet's status.replicas; unavailableReplicas is spec.replicas summed minus available, never below 0
 * (scaling down briefly leaves more available than wanted). Example: old RS spec 2 (status 3, 3 available),
 * new RS spec 2 (status 2, 1 available) → replicas 5, updated 2, available 4, unavailable 0.
 */
export function calculateStatus(d: Deployment, allRSes: readonly ReplicaSetState[], newRS: ReplicaSetState | null, now: string): DeploymentStatus {
  const available = sumOf(allRSes, 'availableReplicas');
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: sumOf(allRSes, 'statusReplicas'),
    updatedReplicas: newRS?.statusReplicas ?? 0,
    readyReplicas: sumOf(allRSes, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumOf(allRSes, 'replicas') - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = setCondition(d.status?.conditions ?? [], availableCondition(d, available), now);
  return status;
}

/**
 * syncRolloutStatus: calculateStatus, then the Progressing condition (see progressingCondition). `allRSes`
 * includes the new ReplicaSet. ReplicaSet ReplicaFailure conditions are not modelled.
 */
export function syncRolloutStatus(d: Deployment, allRSes: readonly ReplicaSetState[], newRS: ReplicaSetState | null, now: string): DeploymentStatus {
  const status = calculateStatus(d, allRSes, newRS, now);
  const decision = progressingCondition(d, status, newRS?.name ?? null, now);
  return { ...status, conditions: applyProgressing(status.conditions ?? [], decision, now) };
}
