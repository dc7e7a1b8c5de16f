// Builders for binding tests: PVs, claims and StorageClasses with only the fields a row cares about.
import type {
  Node,
  PersistentVolume,
  PersistentVolumeAccessMode,
  PersistentVolumeClaim,
  PersistentVolumeMode,
  StorageClass,
} from '../../../src/k8s/types.ts';

export interface PvOpts {
  size?: string;
  modes?: PersistentVolumeAccessMode[];
  cls?: string;
  mode?: PersistentVolumeMode;
  phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed' | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  claimRef?: { name: string; namespace?: string; uid?: string };
  node?: string;
  policy?: 'Retain' | 'Delete' | 'Recycle';
  deleting?: boolean;
  source?: Partial<PersistentVolume['spec']>;
}

export function pv(name: string, o: PvOpts = {}): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      capacity: { storage: o.size ?? '10Gi' },
      accessModes: o.modes ?? ['ReadWriteOnce'],
      ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
      ...(o.mode ? { volumeMode: o.mode } : {}),
      ...(o.policy ? { persistentVolumeReclaimPolicy: o.policy } : {}),
      ...(o.claimRef ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', ...o.claimRef } } : {}),
      ...(o.node
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: [o.node] }] }] } } }
        : {}),
      ...(o.source ?? { nfs: { server: 'nfs.example', path: `/exports/${name}` } }),
    },
    ...(o.phase === null ? {} : { status: { phase: o.phase ?? 'Available' } }),
  };
}

export interface PvcOpts {
  size?: string;
  modes?: PersistentVolumeAccessMode[];
  /** undefined: no storageClassName at all; "": explicitly none. */
  cls?: string;
  mode?: PersistentVolumeMode;
  selector?: PersistentVolumeClaim['spec']['selector'];
  volumeName?: string;
  uid?: string;
  annotations?: Record<string, string>;
  phase?: 'Pending' | 'Bound' | 'Lost';
  namespace?: string;
  deleting?: boolean;
}

export function pvc(name: string, o: PvcOpts = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}`,
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.size ?? '5Gi' } },
      ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
      ...(o.mode ? { volumeMode: o.mode } : {}),
      ...(o.selector ? { selector: o.selector } : {}),
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
    },
    status: { phase: o.phase ?? 'Pending' },
  };
}

export interface ScOpts {
  provisioner?: string;
  wffc?: boolean;
  isDefault?: boolean;
  created?: string;
  reclaimPolicy?: 'Retain' | 'Delete';
  zones?: string[];
}

export function sc(name: string, o: ScOpts = {}): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      ...(o.isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
      ...(o.created ? { creationTimestamp: o.created } : {}),
    },
    provisioner: o.provisioner ?? 'hostpath.csi.k8s.io',
    volumeBindingMode: o.wffc ? 'WaitForFirstConsumer' : 'Immediate',
    ...(o.reclaimPolicy ? { reclaimPolicy: o.reclaimPolicy } : {}),
    ...(o.zones ? { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: o.zones }] }] } : {}),
  };
}

export function node(name: string, labels: Record<string, string> = {}): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } } };
}

/** A claim that the controller has bound to `volume` (bind-completed annotation, phase Bound). */
export function boundPvc(name: string, volume: string, o: PvcOpts = {}): PersistentVolumeClaim {
  return pvc(name, { ...o, volumeName: volume, phase: o.phase ?? 'Bound', annotations: { 'pv.kubernetes.io/bind-completed': 'yes', ...o.annotations } });
}
