// The ReplicaSet controller's decisions (pkg/controller/replicaset, Kubernetes 1.35): which Pods to delete,
// which to adopt or release, what to create, the Events it records and the status it writes. Pure
// functions; the decisions are rules under rules/replicaset-controller/.
export { claimDecision, claimPods, adopt, adoptionReference, release, type ClaimDecision, type ClaimResult } from './claim.ts';
export { podEvent, successfulCreate, successfulDelete, type PodCallOutcome, type ReplicaSetEvent, type ReplicaSetEventReason } from './events.ts';
export {
  controllerOf,
  deletionCost,
  filterActivePods,
  isControlledBy,
  isPodActive,
  isPodReady,
  maxContainerRestarts,
  podLiveness,
  POD_DELETION_COST,
  readySince,
  type PodLiveness,
} from './facts.ts';
export {
  BURST_REPLICAS,
  manageReplicas,
  SLOW_START_INITIAL_BATCH_SIZE,
  slowStart,
  slowStartBatches,
  type ManageOptions,
  type ManageReplicasResult,
} from './manage.ts';
export {
  activePodsPerNode,
  compareForDeletion,
  deletionFacts,
  logBucket,
  podsToDelete,
  type DeletionComparator,
  type DeletionFacts,
  type DeletionOptions,
} from './pods-to-delete.ts';
export {
  isPodAvailable,
  replicaSetStatus,
  type ReplicaSetCondition,
  type ReplicaSetStatusView,
  type ReplicaSetWithStatus,
  type StatusOptions,
} from './status.ts';
