// One volume of one Pod on its node as kubelet's VolumeManager reconciler mounts and unmounts it
// (pkg/kubelet/volumemanager, current release; VOL-04). It waits until the Pod is bound to a reachable node,
// the claim is bound and, for attachable volumes, the volume is attached to that node; then MountDevice
// (CSI NodeStageVolume to the global staging path, only for plugins with a device-mount phase) and SetUp
// (CSI NodePublishVolume to /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~<plugin>/<name>). kubelet
// creates the Pod's sandbox only when every volume is mounted (WaitForAttachAndMount), so containers stay
// ContainerCreating until then. A ConfigMap or Secret that does not exist makes SetUp fail (FailedMount,
// CFG-02). Teardown runs in reverse once the Pod's containers have stopped: TearDown (NodeUnpublishVolume),
// then UnmountDevice (NodeUnstageVolume); the Pod object is removed only after that (VOL-05).
// Covers VOL-01, VOL-02, VOL-04, VOL-05, VOL-11, CFG-02.

export interface VolumeContext {
  /** `namespace/pod/volume`. */
  name: string;
  /** Where kubelet mounted it, recorded by the first mount step: it outlives the Pod object during teardown. */
  node: string | null;
  /** The PersistentVolume behind a claim, or null for ConfigMap/Secret volumes. */
  pv: string | null;
}

export type VolumeEvent =
  | { type: 'MOUNT_DEVICE'; node?: string; pv?: string | null }
  | { type: 'SET_UP'; node?: string; pv?: string | null }
  | { type: 'SET_UP_FAILED'; node?: string; pv?: string | null }
  | { type: 'MOUNT_FAILED' }
  | { type: 'TEAR_DOWN' }
  | { type: 'UNMOUNT_DEVICE' };

export const bindings = { guards: {}, actions: { recordTarget: 'volume-manager/record-target' } } as const;

export const volumeMachineConfig = {
  id: 'volume',
  initial: 'Unmounted',
  states: {
    Unmounted: {
      on: {
        MOUNT_DEVICE: { target: 'DeviceMounted', actions: 'recordTarget' },
        SET_UP: { target: 'Mounted.Direct', actions: 'recordTarget' },
        SET_UP_FAILED: { target: 'SetUpFailed', actions: 'recordTarget' },
        // A transient mount error (FailedMount): kubelet's reconciler retries on its next pass.
        MOUNT_FAILED: {},
      },
    },
    DeviceMounted: {
      on: {
        SET_UP: { target: 'Mounted.Staged' },
        MOUNT_FAILED: {},
        UNMOUNT_DEVICE: { target: 'Unmounted' },
      },
    },
    // FailedMount until the missing ConfigMap/Secret exists.
    SetUpFailed: { on: { SET_UP: { target: 'Mounted.Direct', actions: 'recordTarget' } } },
    // Which way down depends on which way up: a staged volume is unpublished back to its device mount.
    Mounted: {
      initial: 'Direct',
      states: {
        Direct: { on: { TEAR_DOWN: { target: '#volume.Unmounted' } } },
        Staged: { on: { TEAR_DOWN: { target: '#volume.DeviceMounted' } } },
      },
    },
  },
} as const;

export const volumeEvents: VolumeEvent[] = [
  { type: 'MOUNT_DEVICE', node: 'node01', pv: 'pv0001' },
  { type: 'SET_UP', node: 'node01', pv: 'pv0001' },
  { type: 'SET_UP_FAILED', node: 'node01', pv: null },
  { type: 'MOUNT_FAILED' },
  { type: 'TEAR_DOWN' },
  { type: 'UNMOUNT_DEVICE' },
];

/** Who sends each event and when (rules over the volume's view, src/system/storage.ts); the interpreter adds node and pv. */
export const volumeOffers = [
  { event: { type: 'MOUNT_DEVICE' }, actor: 'kubelet', when: 'volume-manager/may-mount-device' },
  { event: { type: 'SET_UP' }, actor: 'kubelet', when: 'volume-manager/may-set-up' },
  { event: { type: 'SET_UP_FAILED' }, actor: 'kubelet', when: 'volume-manager/set-up-fails' },
  { event: { type: 'MOUNT_FAILED' }, actor: 'env', fault: true, when: 'volume-manager/may-mount' },
  { event: { type: 'TEAR_DOWN' }, actor: 'kubelet', when: 'volume-manager/may-tear-down' },
  { event: { type: 'UNMOUNT_DEVICE' }, actor: 'kubelet', when: 'volume-manager/may-unmount-device' },
] as const;

export function volumeContext(name: string): VolumeContext {
  return { name, node: null, pv: null };
}
