// A PersistentVolumeClaim as the PersistentVolumeController and the API server drive it
// (pkg/controller/volume/persistentvolume, current release). The phase is a state: Pending until the
// controller (or, under WaitForFirstConsumer, the scheduler's volume binder) binds it by writing
// spec.volumeName, Bound from then on, Lost when the bound PersistentVolume disappears. Deleting a claim that
// a Pod still uses leaves it Terminating: the kubernetes.io/pvc-protection finalizer holds it until no Pod
// uses it (StorageObjectInUseProtection). Which volume to bind is src/storage/binding (findMatchingVolume);
// when each event may happen is rules/pv-controller/.
// Leaves out: expansion (resize conditions), data sources, the bind-completed annotations of the two-write
// bind (the model writes both sides in one step). Covers PVC-01, PVC-02, PVC-04, PVC-14.

export interface PersistentVolumeClaimContext {
  /** `namespace/name`. */
  name: string;
  volumeName: string | null;
  /** Annotation volume.kubernetes.io/selected-node, set by the scheduler under WaitForFirstConsumer (PVC-11). */
  selectedNode: string | null;
}

export type PersistentVolumeClaimEvent =
  | { type: 'BIND'; volumeName: string }
  | { type: 'PROVISIONED' }
  | { type: 'NODE_SELECTED'; nodeName: string }
  | { type: 'LOSE' }
  | { type: 'DELETE' }
  | { type: 'FINALIZED' };

export const bindings = {
  guards: {},
  actions: { recordVolume: 'persistentvolumeclaim/record-volume', recordSelectedNode: 'persistentvolumeclaim/record-selected-node' },
} as const;

export const persistentVolumeClaimMachineConfig = {
  id: 'persistentvolumeclaim',
  type: 'parallel',
  states: {
    phase: {
      initial: 'Pending',
      states: {
        // PROVISIONED: the provisioner created a volume pre-bound to this claim; the controller binds it next.
        // NODE_SELECTED: the scheduler chose the node for a Pod using this WaitForFirstConsumer claim.
        Pending: {
          on: {
            BIND: { target: 'Bound', actions: 'recordVolume' },
            PROVISIONED: {},
            NODE_SELECTED: { actions: 'recordSelectedNode' },
          },
        },
        Bound: { on: { LOSE: { target: 'Lost' } } },
        // A Lost claim keeps its volumeName; the data is gone for it, and Pods using it cannot start.
        Lost: {},
      },
    },
    lifecycle: {
      initial: 'Active',
      states: {
        Active: { on: { DELETE: { target: 'Terminating' } } },
        // kubernetes.io/pvc-protection: removed by the pvc-protection controller once no Pod uses the claim.
        Terminating: { on: { FINALIZED: { target: 'Gone' } } },
        Gone: { type: 'final' },
      },
    },
  },
} as const;

export const persistentVolumeClaimEvents: PersistentVolumeClaimEvent[] = [
  { type: 'BIND', volumeName: 'pv-1' },
  { type: 'PROVISIONED' },
  { type: 'NODE_SELECTED', nodeName: 'node01' },
  { type: 'LOSE' },
  { type: 'DELETE' },
  { type: 'FINALIZED' },
];

/** Who sends each event and when (rules over the claim's view, src/system/storage.ts); BIND is computed. */
export const persistentVolumeClaimOffers = [
  { event: { type: 'PROVISIONED' }, actor: 'external-provisioner', when: 'pv-controller/may-provision' },
  { event: { type: 'LOSE' }, actor: 'pv-controller', when: 'pv-controller/claim-lost' },
  { event: { type: 'DELETE' }, actor: 'user', when: 'persistentvolumeclaim/may-delete' },
  { event: { type: 'FINALIZED' }, actor: 'pvc-protection', when: 'persistentvolumeclaim/may-finalize' },
] as const;

export function persistentVolumeClaimContext(name: string, volumeName?: string, selectedNode?: string): PersistentVolumeClaimContext {
  return { name, volumeName: volumeName ?? null, selectedNode: selectedNode ?? null };
}
