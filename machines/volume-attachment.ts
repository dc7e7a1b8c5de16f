// One PersistentVolume's attachment to one node as the AttachDetachController drives it
// (pkg/controller/volume/attachdetach, current release; VOL-03). The controller's desired state has the
// (volume, node) pair while a scheduled, not yet terminated Pod on the node uses the volume; it attaches
// what is desired and detaches what is not, but only once kubelet no longer reports the volume in use
// (VOL-05: never detached while mounted). For CSI the attach step only creates the VolumeAttachment object;
// external-attacher calls ControllerPublishVolume and sets status.attached (VOL-10), which is ATTACHED here.
// A ReadWriteOnce volume already attached to another node is not attached again: the controller records the
// Multi-Attach error Event and retries every reconcile (MultiAttachBlocked). Volumes without an attach
// phase (NFS, hostPath, local, CSI drivers with attachRequired: false) have no instance of this machine.
// Leaves out: the 6-minute force detach from unhealthy nodes (maxWaitForUnmountDuration).
// Covers VOL-01, VOL-03, VOL-05, VOL-08, VOL-10.

export interface VolumeAttachmentContext {
  volume: string;
  node: string;
}

export type VolumeAttachmentEvent =
  | { type: 'ATTACH' }
  | { type: 'MULTI_ATTACH_BLOCKED' }
  | { type: 'ATTACHED' }
  | { type: 'ATTACH_FAILED' }
  | { type: 'DETACH' }
  | { type: 'DETACHED' };

export const bindings = { guards: {}, actions: {} } as const;

export const volumeAttachmentMachineConfig = {
  id: 'volume-attachment',
  initial: 'Detached',
  states: {
    Detached: { on: { ATTACH: { target: 'Attaching' }, MULTI_ATTACH_BLOCKED: { target: 'MultiAttachBlocked' } } },
    MultiAttachBlocked: { on: { ATTACH: { target: 'Attaching' } } },
    // VolumeAttachment created (CSI) or the plugin's Attach running; FailedAttachVolume returns it to Detached.
    Attaching: { on: { ATTACHED: { target: 'Attached' }, ATTACH_FAILED: { target: 'Detached' } } },
    Attached: { on: { DETACH: { target: 'Detaching' } } },
    Detaching: { on: { DETACHED: { target: 'Detached' } } },
  },
} as const;

export const volumeAttachmentEvents: VolumeAttachmentEvent[] = [
  { type: 'ATTACH' },
  { type: 'MULTI_ATTACH_BLOCKED' },
  { type: 'ATTACHED' },
  { type: 'ATTACH_FAILED' },
  { type: 'DETACH' },
  { type: 'DETACHED' },
];

/** Who sends each event and when (rules over the attachment's view, src/system/storage.ts). */
export const volumeAttachmentOffers = [
  { event: { type: 'ATTACH' }, actor: 'attach-detach-controller', when: 'attach-detach/may-attach' },
  { event: { type: 'MULTI_ATTACH_BLOCKED' }, actor: 'attach-detach-controller', when: 'attach-detach/multi-attach-blocked' },
  { event: { type: 'ATTACHED' }, actor: 'external-attacher', when: 'attach-detach/attacher-may-finish' },
  { event: { type: 'ATTACH_FAILED' }, actor: 'env', fault: true, when: 'attach-detach/attacher-may-finish' },
  { event: { type: 'DETACH' }, actor: 'attach-detach-controller', when: 'attach-detach/may-detach' },
  { event: { type: 'DETACHED' }, actor: 'external-attacher', when: 'attach-detach/detacher-may-finish' },
] as const;

export function volumeAttachmentContext(volume: string, node: string): VolumeAttachmentContext {
  return { volume, node };
}
