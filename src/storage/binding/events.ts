// The Events the PersistentVolumeController and external provisioners record, worded as the current release
// words them (pkg/controller/volume/persistentvolume/pv_controller.go, pkg/controller/volume/events,
// sig-storage-lib-external-provisioner controller.go). Each builder is one Event; the decision modules pick.
import type { PersistentVolume, PersistentVolumeClaim } from '../../k8s/types.ts';

export interface StorageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The object the Event is recorded on. */
  involved: { kind: 'PersistentVolumeClaim' | 'PersistentVolume'; name: string; namespace?: string };
}

export const claimKey = (c: PersistentVolumeClaim): string => `${c.metadata.namespace ?? 'default'}/${c.metadata.name}`;

const onClaim = (c: PersistentVolumeClaim, type: StorageEvent['type'], reason: string, message: string): StorageEvent => ({
  type,
  reason,
  message,
  involved: { kind: 'PersistentVolumeClaim', name: c.metadata.name, namespace: c.metadata.namespace ?? 'default' },
});

const onVolume = (v: PersistentVolume, type: StorageEvent['type'], reason: string, message: string): StorageEvent => ({
  type,
  reason,
  message,
  involved: { kind: 'PersistentVolume', name: v.metadata.name },
});

// --- claims (syncUnboundClaim, syncBoundClaim, provisionClaim) ----------------------------------------------

/** PVC-08: no PV matches and no class names a provisioner; Normal, repeated every resync. */
export const failedBindingNoClass = (c: PersistentVolumeClaim): StorageEvent =>
  onClaim(c, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');

/** PVC-02: spec.volumeName names a PV another claim holds. */
export const failedBindingTaken = (c: PersistentVolumeClaim, volume: string): StorageEvent =>
  onClaim(c, 'Warning', 'FailedBinding', `volume "${volume}" already bound to a different claim.`);

/** PVC-02: spec.volumeName names a free PV that does not satisfy the claim (checkVolumeSatisfyClaim). */
export const volumeMismatch = (c: PersistentVolumeClaim, volume: string, why: string): StorageEvent =>
  onClaim(c, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volume}": ${why}`);

/**
 * PVC-10: emitEventForUnboundDelayBindingClaim. With unscheduled Pods using the claim the reason becomes
 * WaitForPodScheduled and names them (Pod names only, comma-joined, in the Pod indexer's order).
 */
export function waitForConsumer(c: PersistentVolumeClaim, unscheduledPods: readonly string[]): StorageEvent {
  if (unscheduledPods.length === 0) return onClaim(c, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
  const message = unscheduledPods.length > 1 ? `waiting for pods ${unscheduledPods.join(',')} to be scheduled` : `waiting for pod ${unscheduledPods[0]} to be scheduled`;
  return onClaim(c, 'Normal', 'WaitForPodScheduled', message);
}

/** PVC-09: provisionClaimOperationExternal, once the claim carries the storage-provisioner annotation. */
export const externalProvisioning = (c: PersistentVolumeClaim, provisioner: string): StorageEvent =>
  onClaim(
    c,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );

/** PVC-09: findProvisionablePlugin failed (class missing, or an in-tree provisioner without a plugin). */
export const provisioningFailed = (c: PersistentVolumeClaim, error: string): StorageEvent => onClaim(c, 'Warning', 'ProvisioningFailed', error);

/** VOL-09: external-provisioner starts CreateVolume for the claim. */
export const provisioningStarted = (c: PersistentVolumeClaim): StorageEvent =>
  onClaim(c, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${claimKey(c)}"`);

/** VOL-09: external-provisioner created the PV object. */
export const provisioningSucceeded = (c: PersistentVolumeClaim, volume: string): StorageEvent =>
  onClaim(c, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volume}`);

/** PVC-14: the claim's PV vanished or its volumeName was cleared; recorded only when the phase changes. */
export const claimLost = (c: PersistentVolumeClaim, how: 'reference' | 'volume'): StorageEvent =>
  onClaim(
    c,
    'Warning',
    'ClaimLost',
    how === 'reference' ? 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!' : 'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
  );

export const claimMisbound = (c: PersistentVolumeClaim): StorageEvent =>
  onClaim(c, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');

// --- volumes (syncVolume, reclaimVolume) --------------------------------------------------------------------

/** PVC-13: a claim pointed at a PV of another volumeMode; one Event on each object. */
export const volumeModeMismatch = (v: PersistentVolume, c: PersistentVolumeClaim): StorageEvent[] => [
  onVolume(v, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${c.metadata.name}" due to incompatible volumeMode.`),
  onClaim(c, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${v.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`),
];

export const volumeFailedDelete = (v: PersistentVolume, error: string): StorageEvent => onVolume(v, 'Warning', 'VolumeFailedDelete', error);

export const volumeRecycled = (v: PersistentVolume): StorageEvent => onVolume(v, 'Normal', 'VolumeRecycled', 'Volume recycled');

export const recycleNoPlugin = (v: PersistentVolume): StorageEvent => onVolume(v, 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');

/** Recycling waits for the Pods (namespace/name, sorted as sets.String.List does). */
export const recycleInUse = (v: PersistentVolume, pods: readonly string[]): StorageEvent =>
  onVolume(v, 'Normal', 'VolumeFailedRecycle', `Volume is used by pods: ${pods.join(',')}`);

export const unknownReclaimPolicy = (v: PersistentVolume): StorageEvent =>
  onVolume(v, 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
