// The PV/PVC binding library: the PersistentVolumeController's decisions for one claim or one PV, the
// matching the scheduler's volume binder shares with it, and the PV an external provisioner creates
// (PVC-02..PVC-14, VOL-09). Pure functions over Kubernetes objects; the interpreter applies the decisions.
export { findMatchingVolume, volumeVerdict, type CandidateVerdict, type MatchOptions } from './match.ts';
export { accessModeGroups, accessModesKey, accessModesSatisfied } from './access-modes.ts';
export { claimClass, claimHasClass, defaultClasses, defaultStorageClass, isDefaultClass, findClass, isDelayBinding, volumeClass } from './classes.ts';
export { syncClaim, volumeSatisfyError, type ClaimDecision, type SyncClaimOptions } from './sync-claim.ts';
export { syncVolume, type SyncVolumeOptions, type VolumeDecision } from './sync-volume.ts';
export { statefulSetClaim, statefulSetClaimName } from './statefulset-claims.ts';
export { provisionedVolume, provisionerFor, type ProvisionerLookup, type ProvisionOptions } from './provision.ts';
export { allowedTopologiesMatch, volumeNodeAffinityMatches } from './topology.ts';
export { claimKey, provisioningStarted, provisioningSucceeded, type StorageEvent } from './events.ts';
export {
  ANN_BETA_STORAGE_CLASS,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DEFAULT_CLASS,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  NO_PROVISIONER,
} from './constants.ts';
