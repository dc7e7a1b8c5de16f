// A PersistentVolume as the PersistentVolumeController drives it (pkg/controller/volume/persistentvolume,
// current release): created Pending, made Available by the controller's first sync, Bound to one claim
// (spec.claimRef, written in the same step as the claim's spec.volumeName), Released when that claim is
// deleted, then per persistentVolumeReclaimPolicy: Retain keeps it Released (its claimRef still set, so no
// new claim can have it) until an administrator removes the claimRef; Delete has the provisioner delete the
// backing storage and the object; Recycle scrubs it and makes it Available again. A failed reclaim is
// Failed. A volume pre-bound by claimRef stays Available until its claim binds.
// Covers PVC-02, PVC-03, PVC-14.

export interface PersistentVolumeContext {
  name: string;
  /** spec.claimRef as `namespace/name`, or null. */
  claim: string | null;
}

export type PersistentVolumeEvent =
  | { type: 'AVAILABLE' }
  | { type: 'BIND'; claim: string }
  | { type: 'RELEASE' }
  | { type: 'RECYCLE' }
  | { type: 'DELETE_VOLUME' }
  | { type: 'RECLAIM_FAILED' }
  | { type: 'CLEAR_CLAIM_REF' };

export const bindings = {
  guards: {},
  actions: { recordClaim: 'persistentvolume/record-claim', clearClaim: 'persistentvolume/clear-claim' },
} as const;

export const persistentVolumeMachineConfig = {
  id: 'persistentvolume',
  initial: 'Pending',
  states: {
    Pending: { on: { AVAILABLE: { target: 'Available' } } },
    Available: { on: { BIND: { target: 'Bound', actions: 'recordClaim' } } },
    Bound: { on: { RELEASE: { target: 'Released' } } },
    Released: {
      on: {
        RECYCLE: { target: 'Available', actions: 'clearClaim' },
        DELETE_VOLUME: { target: 'Deleted' },
        RECLAIM_FAILED: { target: 'Failed' },
        CLEAR_CLAIM_REF: { target: 'Available', actions: 'clearClaim' },
      },
    },
    Failed: { on: { CLEAR_CLAIM_REF: { target: 'Available', actions: 'clearClaim' } } },
    Deleted: { type: 'final' },
  },
} as const;

export const persistentVolumeEvents: PersistentVolumeEvent[] = [
  { type: 'AVAILABLE' },
  { type: 'BIND', claim: 'default/claim' },
  { type: 'RELEASE' },
  { type: 'RECYCLE' },
  { type: 'DELETE_VOLUME' },
  { type: 'RECLAIM_FAILED' },
  { type: 'CLEAR_CLAIM_REF' },
];

/** Who sends each event and when (rules over the volume's view, src/system/storage.ts). */
export const persistentVolumeOffers = [
  { event: { type: 'AVAILABLE' }, actor: 'pv-controller', when: 'pv-controller/volume-may-become-available' },
  { event: { type: 'RELEASE' }, actor: 'pv-controller', when: 'pv-controller/volume-released' },
  { event: { type: 'RECYCLE' }, actor: 'pv-controller', when: 'pv-controller/may-recycle' },
  { event: { type: 'DELETE_VOLUME' }, actor: 'provisioner', when: 'pv-controller/may-delete-volume' },
  { event: { type: 'RECLAIM_FAILED' }, actor: 'env', fault: true, when: 'pv-controller/reclaim-may-fail' },
  { event: { type: 'CLEAR_CLAIM_REF' }, actor: 'admin', when: 'persistentvolume/admin-may-clear-claim-ref' },
] as const;

export function persistentVolumeContext(name: string, claim?: string): PersistentVolumeContext {
  return { name, claim: claim ?? null };
}
