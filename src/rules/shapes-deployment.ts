// Input shapes of the rules under rules/deployment/: the numbers the Deployment controller
// (pkg/controller/deployment) computes from a Deployment and its ReplicaSets. src/deployment/ builds them;
// every count is already summed there, so a rule reads plain numbers, as the Go code reads int32s.
import { defineShape, type Shape } from './shapes.ts';

const intOrString: Shape = { oneOf: ['number', 'string'] };
const numberOrNull: Shape = { oneOf: ['number', 'null'] };

/** spec.strategy.rollingUpdate as the user wrote it (5 or "25%") and spec.replicas. */
defineShape('DeploymentFenceposts', { object: { maxSurge: intOrString, maxUnavailable: intOrString, replicas: 'number' } });

/** MaxUnavailable(d): the strategy type, spec.replicas and the resolved maxUnavailable fencepost. */
defineShape('DeploymentMaxUnavailable', { object: { rollingUpdate: 'boolean', replicas: 'number', unavailable: 'number' } });

/**
 * One rolling reconcile round: fenceposts resolved, ReplicaSet counts summed. `allReplicas` sums
 * spec.replicas over every ReplicaSet (new included), `oldReplicas` over the old ones, `totalAvailable`
 * sums status.availableReplicas over every ReplicaSet.
 */
defineShape('DeploymentRolling', {
  object: {
    replicas: 'number',
    maxSurge: 'number',
    maxUnavailable: 'number',
    allReplicas: 'number',
    oldReplicas: 'number',
    totalAvailable: 'number',
    newRS: { object: { replicas: 'number', availableReplicas: 'number' } },
  },
});

/** One old ReplicaSet in a scale-down walk: what may still be removed this round, and the RS's counts. */
defineShape('DeploymentScaleDownStep', { object: { remaining: 'number', replicas: 'number', availableReplicas: 'number' } });

/** Recreate's gate: old ReplicaSets' status.replicas summed, and their Pods not yet Succeeded or Failed. */
defineShape('DeploymentRecreate', { object: { oldStatusReplicas: 'number', oldActivePods: 'number' } });

/** IsSaturated: the new ReplicaSet against spec.replicas; desiredReplicas is its annotation, null when unreadable. */
defineShape('DeploymentSaturation', {
  object: { deploymentReplicas: 'number', replicas: 'number', desiredReplicas: numberOrNull, availableReplicas: 'number' },
});

/**
 * GetReplicaSetProportion for one active ReplicaSet: `annotatedReplicas` is its max-replicas annotation,
 * or the Deployment's status.replicas when the annotation is missing.
 */
defineShape('DeploymentProportion', {
  object: {
    deploymentReplicas: 'number',
    maxSurge: 'number',
    rsReplicas: 'number',
    annotatedReplicas: 'number',
    toAdd: 'number',
    added: 'number',
  },
});

const statusCounts: Shape = {
  object: { replicas: 'number', updatedReplicas: 'number', readyReplicas: 'number', availableReplicas: 'number', observedGeneration: 'number' },
};

/**
 * syncRolloutStatus: the stored status (`oldStatus`), the status just calculated (`newStatus`), the stored
 * Progressing condition (times in seconds), spec.replicas, metadata.generation, the progress deadline
 * (null when absent or math.MaxInt32) and the current time in seconds.
 */
defineShape('DeploymentProgress', {
  object: {
    deadline: numberOrNull,
    now: 'number',
    generation: 'number',
    replicas: 'number',
    oldStatus: statusCounts,
    newStatus: statusCounts,
    condition: { oneOf: ['null', { object: { status: 'string', reason: 'string', lastUpdateTime: 'number' } }] },
  },
});

/** calculateStatus' Available condition: available Pods against spec.replicas − MaxUnavailable. */
defineShape('DeploymentAvailability', { object: { availableReplicas: 'number', replicas: 'number', maxUnavailable: 'number' } });

/** cleanupDeployment: old ReplicaSets not being deleted, and spec.revisionHistoryLimit (null: keep all). */
defineShape('DeploymentHistory', { object: { cleanable: 'number', revisionHistoryLimit: numberOrNull } });

/** cleanupDeployment's per-ReplicaSet guard. */
defineShape('DeploymentCleanupCandidate', {
  object: { replicas: 'number', statusReplicas: 'number', generation: 'number', observedGeneration: 'number', terminating: 'boolean' },
});

/** kubectl rollout status: the Deployment's generation, status counts and Progressing reason (null if none). */
defineShape('DeploymentRolloutStatus', {
  object: {
    generation: 'number',
    observedGeneration: 'number',
    replicas: numberOrNull,
    updatedReplicas: 'number',
    statusReplicas: 'number',
    availableReplicas: 'number',
    progressingReason: { oneOf: ['string', 'null'] },
  },
});
