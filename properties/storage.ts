// Invariants of storage: binding (PersistentVolumeController and the scheduler's volume binder), attach and
// detach (AttachDetachController) and mount (kubelet's VolumeManager). They read a view of a state that
// src/checker/storage-view.ts builds: claims and volumes as stored, attachments, and each Pod volume's mount.

export interface StorageModelView {
  claims: {
    name: string;
    phase: 'Pending' | 'Bound' | 'Lost';
    volumeName: string | null;
    /** The claim's class binds with WaitForFirstConsumer (PVC-10). */
    delayBinding: boolean;
    /** Annotation volume.kubernetes.io/selected-node. */
    selectedNode: string | null;
    /** Bound to a volume whose claimRef the user wrote (pre-binding), not the controller or scheduler. */
    userPreBound: boolean;
    terminating: boolean;
  }[];
  volumes: {
    name: string;
    phase: string;
    claim: string | null;
    reclaimPolicy: string;
    /** No ReadWriteMany or ReadOnlyMany mode: one node at a time. */
    exclusive: boolean;
    attachable: boolean;
  }[];
  attachments: { volume: string; node: string; state: string }[];
  /** One per Pod volume kubelet waits for; `state` is the volume machine's state path. */
  mounts: { pod: string; volume: string; pv: string | null; node: string | null; state: string }[];
  pods: { key: string; anyRunning: boolean; terminating: boolean; scheduled: boolean; reachable: boolean }[];
}

export interface StorageStateProperty {
  id: string;
  description: string;
  behaviours: string[];
  holds: (view: StorageModelView) => boolean;
}

export interface StorageStepProperty {
  id: string;
  description: string;
  behaviours: string[];
  holds: (before: StorageModelView, action: { actor: string; event: { type: string } }, after: StorageModelView) => boolean;
}

const up = (state: string) => state === 'DeviceMounted' || state.startsWith('Mounted');
const attachmentOf = (v: StorageModelView, volume: string, node: string | null) => v.attachments.find((a) => a.volume === volume && a.node === node);
const attachable = (v: StorageModelView, pv: string | null) => pv !== null && v.volumes.find((x) => x.name === pv)?.attachable === true;

export const storageInvariants: StorageStateProperty[] = [
  {
    id: 'claim-and-volume-agree',
    description: "a volume is bound to at most one claim, and a Bound claim's spec.volumeName and its volume's spec.claimRef name each other",
    behaviours: ['PVC-02'],
    holds: (v) => {
      const bound = v.claims.filter((c) => c.phase === 'Bound');
      if (new Set(bound.map((c) => c.volumeName)).size !== bound.length) return false;
      for (const c of bound) {
        const pv = v.volumes.find((x) => x.name === c.volumeName);
        if (pv && pv.claim !== c.name) return false;
      }
      for (const pv of v.volumes) {
        if (pv.phase !== 'Bound') continue;
        const c = v.claims.find((x) => x.name === pv.claim);
        if (c && c.phase === 'Bound' && c.volumeName !== pv.name) return false;
      }
      return true;
    },
  },
  {
    id: 'mounted-only-where-attached',
    description: 'an attachable volume is staged or mounted on a node only while it is attached to that node',
    behaviours: ['VOL-01', 'VOL-03', 'VOL-04'],
    holds: (v) => v.mounts.every((m) => !up(m.state) || !attachable(v, m.pv) || ['Attached', 'Detaching'].includes(attachmentOf(v, m.pv!, m.node)?.state ?? '')),
  },
  {
    id: 'never-detached-while-mounted',
    description: 'the attach/detach controller never starts detaching a volume from a node where it is still staged or mounted',
    behaviours: ['VOL-05'],
    holds: (v) => v.mounts.every((m) => !up(m.state) || !attachable(v, m.pv) || attachmentOf(v, m.pv!, m.node)?.state !== 'Detaching'),
  },
  {
    id: 'exclusive-volume-on-one-node',
    description: 'a volume without ReadWriteMany or ReadOnlyMany (e.g. ReadWriteOnce) is attached to at most one node at a time',
    behaviours: ['VOL-03', 'PVC-01'],
    holds: (v) =>
      v.volumes.every((pv) => !pv.exclusive || v.attachments.filter((a) => a.volume === pv.name && ['Attaching', 'Attached', 'Detaching'].includes(a.state)).length <= 1),
  },
  {
    id: 'no-container-before-volumes-mounted',
    description: "no container of a Pod runs before all of the Pod's volumes are mounted",
    behaviours: ['VOL-04', 'CFG-02'],
    holds: (v) => v.pods.every((p) => !p.anyRunning || p.terminating || v.mounts.filter((m) => m.pod === p.key).every((m) => m.state.startsWith('Mounted'))),
  },
];

export const storageStepInvariants: StorageStepProperty[] = [
  {
    id: 'retained-volume-not-reused',
    description: 'a Released volume with reclaim policy Retain is never handed to a new claim unless an administrator cleared its claimRef',
    behaviours: ['PVC-14'],
    holds: (before, action, after) =>
      before.volumes.every((b) => {
        if (b.reclaimPolicy !== 'Retain' || (b.phase !== 'Released' && b.phase !== 'Failed')) return true;
        const a = after.volumes.find((x) => x.name === b.name);
        return !a || a.claim === b.claim || action.actor === 'admin';
      }),
  },
  {
    id: 'wait-for-first-consumer',
    // A volume the user pre-bound by claimRef wins before any class or delay check (FindMatchingVolume).
    description:
      "a WaitForFirstConsumer claim is bound only by the scheduler's choice for a Pod using it, after provisioning for the node it selected, or to a volume the user pre-bound to it",
    behaviours: ['PVC-10', 'PVC-11'],
    holds: (before, action, after) =>
      after.claims.every((c) => {
        if (!c.delayBinding || c.phase !== 'Bound') return true;
        const b = before.claims.find((x) => x.name === c.name);
        return b?.phase === 'Bound' || action.actor === 'scheduler' || c.selectedNode !== null || c.userPreBound;
      }),
  },
];

export const storageStableInvariants: StorageStateProperty[] = [
  {
    id: 'claims-bound-when-settled',
    description: 'once the controllers have nothing left to do, every claim that is not being deleted is Bound',
    behaviours: ['PVC-04', 'PVC-09'],
    holds: (v) => v.claims.every((c) => c.phase === 'Bound' || c.terminating),
  },
  {
    id: 'volumes-mounted-when-settled',
    description: 'once settled, every scheduled Pod that is not being deleted and whose node is reachable has all its volumes mounted',
    behaviours: ['VOL-04'],
    holds: (v) => v.pods.every((p) => !p.scheduled || p.terminating || !p.reachable || v.mounts.filter((m) => m.pod === p.key).every((m) => m.state.startsWith('Mounted'))),
  },
];
