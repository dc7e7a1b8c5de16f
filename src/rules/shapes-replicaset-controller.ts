// Input shapes of the rules under rules/replicaset-controller/: the facts the ReplicaSet controller
// (pkg/controller/replicaset, pkg/controller/controller_utils.go) reads from a Pod and its ReplicaSet.
// src/replicaset/ gathers them; times are epoch milliseconds, null where Kubernetes has a zero metav1.Time.
import { defineShape, type Shape } from './shapes.ts';

const numberOrNull: Shape = { oneOf: ['number', 'null'] };

/**
 * One Pod as ActivePodsWithRanks.Less sees it. `readyBucket` and `createdBucket` are the LogarithmicScaleDown
 * buckets, floor(log2(age in nanoseconds)), -1 for an age of zero or less (a time in the future).
 */
const deletionSide: Shape = {
  object: {
    assigned: 'boolean',
    phase: 'string',
    ready: 'boolean',
    deletionCost: 'number',
    rank: 'number',
    readySince: numberOrNull,
    readyBucket: 'number',
    restarts: 'number',
    created: numberOrNull,
    createdBucket: 'number',
    uid: 'string',
  },
};

/** Two Pods compared for deletion, and whether the LogarithmicScaleDown comparison applies. */
defineShape('ReplicaSetDeletionPair', { object: { a: deletionSide, b: deletionSide, logarithmic: 'boolean' } });

/** A Pod's phase and whether metadata.deletionTimestamp is set (FilterActivePods, FilterTerminatingPods). */
defineShape('ReplicaSetPodLiveness', { object: { phase: 'string', deleting: 'boolean' } });

/** podutil.IsPodAvailable: Ready, when Ready became True (null: zero time), spec.minReadySeconds, now. */
defineShape('ReplicaSetPodAvailability', {
  object: { ready: 'boolean', readySince: numberOrNull, minReadySeconds: 'number', now: 'number' },
});

/**
 * claimObject for one Pod: the UID of the Pod's controller (null for an orphan), whether the Pod is being
 * deleted, the ReplicaSet's UID and deletion state, its spec.selector and the Pod's labels.
 */
defineShape('ReplicaSetClaim', {
  object: {
    controllerUid: { oneOf: ['string', 'null'] },
    podDeleting: 'boolean',
    rsUid: 'string',
    rsDeleting: 'boolean',
    selector: 'any',
    labels: { map: 'string' },
  },
});

/** manageReplicas: owned active Pods, spec.replicas and the controller's burstReplicas. */
defineShape('ReplicaSetManage', { object: { active: 'number', replicas: 'number', burstReplicas: 'number' } });

/** The Event RealPodControl records for one create or delete call: its outcome and the Pod name or error. */
defineShape('ReplicaSetPodEvent', {
  object: {
    action: 'string',
    ok: 'boolean',
    podName: 'string',
    error: 'string',
    namespaceTerminating: 'boolean',
    notFound: 'boolean',
  },
});

/** calculateStatus' ReplicaFailure reason: owned active Pods against spec.replicas. */
defineShape('ReplicaSetFailureReason', { object: { active: 'number', replicas: 'number' } });
