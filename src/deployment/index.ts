// The Deployment controller's arithmetic and decisions (kubemodel issue #5, groundwork): pure functions over
// a Deployment and its ReplicaSets, each decision a rule in rules/deployment/. Not yet wired into the
// transition system.
export { deploymentDefaults, withDeploymentDefaults, MAX_INT32, type DefaultedSpec } from './defaults.ts';
export { resolveFenceposts, maxSurgeOf, maxUnavailableOf, replicasAnnotations } from './fenceposts.ts';
export {
  replicaSetState, applyScale, activeReplicaSets, byCreation, byRevision, bySizeNewer, bySizeOlder,
  REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL,
  type ReplicaSetState, type ScaleOp,
} from './replica-sets.ts';
export { reconcileRolling, rollingView, type RollingRound } from './rolling.ts';
export { reconcileRecreate, type RecreateRound } from './recreate.ts';
export { proportionalScale, findActiveOrLatest, isScalingEvent } from './proportional.ts';
export { calculateStatus, syncRolloutStatus, type DeploymentStatus } from './status.ts';
export {
  availableCondition, progressingCondition, applyProgressing, newReplicaSetCondition, pausedCondition, setCondition,
  type ConditionBody, type ProgressingDecision,
} from './conditions.ts';
export {
  maxRevision, lastRevision, nextRevision, newReplicaSetRevisionAnnotations, cleanupOldReplicaSets, rollbackTarget, rollbackDeployment,
  type RollbackTarget, type RollbackResult,
} from './revision.ts';
export { podTemplateHash, safeEncodeString, decodePodTemplateHash, fnv32a, canonicalJson, equalIgnoreHash, replicaSetName, type PodTemplate } from './pod-template-hash.ts';
export { rolloutStatusMessage, type RolloutStatus } from './rollout-status.ts';
export { validateDeployment, formatFieldError } from './validation.ts';
export { deploymentRule } from './rules.ts';
export { deploymentRound, rolloutStep, newReplicaSetFor, isEmptyRound, type DeploymentRound, type RoundInput } from './round.ts';
