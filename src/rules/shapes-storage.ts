// Input shapes of the rules under rules/storage/ (the PersistentVolumeController's and the scheduler volume
// binder's decisions), registered with defineShape (imported by the registry). src/storage/binding/ and
// src/scheduler/filters/volume-binding.ts build every one of these views: Kubernetes data already looked up
// (a claim's class with the beta annotation applied, a PV's claimRef compared with the claim), never a verdict.
import { defineShape, type Shape } from './shapes.ts';

const strings: Shape = { array: 'string' };
const ref: Shape = { object: { name: 'string', namespace: 'string', uid: 'string' } };

/** GetPersistentVolumeClaimClass against GetPersistentVolumeClass (PVC-06, PVC-08). */
const classMatch = defineShape('StorageClassMatch', { object: { claimClass: 'string', volumeClass: 'string' } });

/** CheckAccessModes: the claim's spec.accessModes against the PV's. */
const accessModes = defineShape('StorageAccessModes', { object: { requested: strings, offered: strings } });

/** The claim's storage request and the PV's capacity, "0" where absent (Go's zero Quantity). */
const capacity = defineShape('StorageCapacity', { object: { request: 'string', capacity: 'string' } });

/** CheckVolumeModeMismatches: null is an unset volumeMode, which counts as Filesystem. */
const volumeMode = defineShape('StorageVolumeMode', {
  object: { claimMode: { oneOf: ['string', 'null'] }, volumeMode: { oneOf: ['string', 'null'] } },
});

/** IsVolumeBoundToClaim: the PV's claimRef (null when unset, "" for absent fields) and the claim. */
const boundToClaim = defineShape('StorageBoundToClaim', { object: { claimRef: { oneOf: [ref, 'null'] }, claim: ref } });

/** The claim's spec.selector (null when unset) and the PV's labels. */
const selector = defineShape('StorageSelector', { object: { selector: 'any', labels: { map: 'string' } } });

/** One PV seen by FindMatchingVolume for one claim. */
defineShape('StorageVolumeCandidate', {
  object: {
    excluded: 'boolean',
    boundToClaim,
    capacity,
    volumeMode,
    deleting: 'boolean',
    /** The scheduler path (a node is given): access modes and node affinity are checked here. */
    scheduler: 'boolean',
    /** CheckNodeAffinity against the node; true on the controller path. */
    nodeAffinityOk: 'boolean',
    delayBinding: 'boolean',
    /** status.phase, "" when unset. */
    phase: 'string',
    selector,
    classes: classMatch,
    accessModes,
  },
});

/** What syncClaim looks at for one claim in one reconcile. */
defineShape('StorageClaimSync', {
  object: {
    /** Annotation pv.kubernetes.io/bind-completed: syncBoundClaim instead of syncUnboundClaim. */
    bindCompleted: 'boolean',
    volumeName: 'string',
    /** The PV spec.volumeName names exists. */
    volumeFound: 'boolean',
    /** That PV's claimRef: unset, pointing at this claim (IsVolumeBoundToClaim), or at another. */
    claimRef: 'string',
    /** That PV's claimRef.uid equals the claim's uid. */
    refUidMatches: 'boolean',
    /** checkVolumeSatisfyClaim's complaint about the requested PV, null when it fits. */
    satisfyError: { oneOf: ['string', 'null'] },
    /** findBestMatchForClaim found a PV. */
    matchFound: 'boolean',
    /** PersistentVolumeClaimHasClass: spec.storageClassName set (even "") or the beta annotation. */
    hasClass: 'boolean',
    hasDefaultClass: 'boolean',
    delayBinding: 'boolean',
    /** Annotation volume.kubernetes.io/selected-node is set. */
    selectedNode: 'boolean',
    claimClass: 'string',
  },
});

/** What syncVolume looks at for one PV in one reconcile. */
defineShape('StorageVolumeSync', {
  object: {
    hasClaimRef: 'boolean',
    refUid: 'string',
    /** The claimRef's claim exists with the claimRef's uid. */
    claimFound: 'boolean',
    /** That claim's spec.volumeName. */
    claimVolumeName: 'string',
    volumeName: 'string',
    modeMismatch: 'boolean',
    boundByController: 'boolean',
    /** Annotation pv.kubernetes.io/provisioned-by is set. */
    provisioned: 'boolean',
    policy: 'string',
  },
});

/** reclaimVolume for a released PV: the policy and what the deleter and recycler lookups would find. */
defineShape('StorageReclaim', {
  object: {
    policy: 'string',
    /** Deletion is left to an external deleter (CSI source, or provisioned by a non-"kubernetes.io/" provisioner). */
    externalDeleter: 'boolean',
    /** The PV's source: csi, hostPath, nfs, local or other. */
    source: 'string',
    /** hostPath's deleter only removes paths matching /tmp/.+ (unanchored). */
    hostPathUnderTmp: 'boolean',
    /** Non-terminated Pods use the claim and no claim of that name exists any more. */
    usedByPods: 'boolean',
  },
});

/** StorageClass.allowedTopologies against a node's labels (MatchTopologySelectorTerms). */
defineShape('StorageAllowedTopologies', {
  object: { terms: { array: { object: { expressions: { array: { object: { has: 'boolean', value: 'string', values: strings } } } } } } },
});
