// Random storage clusters: one or two nodes, the CSI and local classes of examples/storage, a few volumes of
// every kind (NFS, CSI, local on node01), claims of every class choice, and Pods using the claims.
import fc from 'fast-check';
import type { KubeObject, PersistentVolume, PersistentVolumeAccessMode, PersistentVolumeClaim, Pod } from '../../src/k8s/types.ts';

const node = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
});

const csiClass = (mode: 'Immediate' | 'WaitForFirstConsumer', policy: 'Delete' | 'Retain'): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'csi', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'hostpath.csi.k8s.io',
  reclaimPolicy: policy,
  volumeBindingMode: mode,
});

const localClass: KubeObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'local' },
  provisioner: 'kubernetes.io/no-provisioner',
  volumeBindingMode: 'WaitForFirstConsumer',
};

const arbModes = fc.constantFrom<PersistentVolumeAccessMode[]>(['ReadWriteOnce'], ['ReadWriteMany'], ['ReadWriteOnce', 'ReadOnlyMany'], ['ReadOnlyMany']);
const arbSize = fc.constantFrom('1Gi', '2Gi', '5Gi');

const arbVolume = (i: number, claims: number) =>
  fc.record({ kind: fc.constantFrom('nfs', 'csi', 'local'), size: arbSize, modes: arbModes, policy: fc.constantFrom('Retain', 'Delete', 'Recycle'), preBound: fc.option(fc.nat(Math.max(claims - 1, 0)), { nil: undefined }) }).map(
    (v): PersistentVolume => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `pv${i}` },
      spec: {
        capacity: { storage: v.size },
        accessModes: v.modes,
        persistentVolumeReclaimPolicy: v.kind === 'local' && v.policy === 'Recycle' ? 'Retain' : (v.policy as 'Retain'),
        storageClassName: v.kind === 'csi' ? 'csi' : v.kind === 'local' ? 'local' : '',
        ...(v.preBound !== undefined ? { claimRef: { namespace: 'default', name: `claim${v.preBound}` } } : {}),
        ...(v.kind === 'nfs' ? { nfs: { server: '10.0.0.2', path: `/exports/pv${i}` } } : {}),
        ...(v.kind === 'csi' ? { csi: { driver: 'hostpath.csi.k8s.io', volumeHandle: `handle-${i}` } } : {}),
        ...(v.kind === 'local'
          ? {
              local: { path: `/mnt/disks/vol${i}` },
              nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: ['node01'] }] }] } },
            }
          : {}),
      },
    }),
  );

const arbClaim = (i: number) =>
  fc.record({ cls: fc.constantFrom<string | undefined>(undefined, '', 'csi', 'local'), size: arbSize, modes: arbModes }).map(
    (c): PersistentVolumeClaim => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: `claim${i}`, namespace: 'default' },
      spec: { accessModes: c.modes, resources: { requests: { storage: c.size } }, ...(c.cls !== undefined ? { storageClassName: c.cls } : {}) },
    }),
  );

const pod = (i: number, claim: number): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `pod${i}`, namespace: 'default' },
  spec: {
    containers: [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `claim${claim}` } }],
  },
});

/** The objects of a random storage cluster. */
export const arbStorageCluster: fc.Arbitrary<KubeObject[]> = fc
  .record({ nodes: fc.integer({ min: 1, max: 2 }), claims: fc.integer({ min: 1, max: 2 }), volumes: fc.integer({ min: 0, max: 2 }), pods: fc.integer({ min: 0, max: 2 }) })
  .chain((n) =>
    fc.record({
      nodes: fc.constant(Array.from({ length: n.nodes }, (_, i) => node(`node0${i + 1}`))),
      csi: fc.option(fc.tuple(fc.constantFrom<'Immediate' | 'WaitForFirstConsumer'>('Immediate', 'WaitForFirstConsumer'), fc.constantFrom<'Delete' | 'Retain'>('Delete', 'Retain')), { nil: undefined }),
      volumes: fc.tuple(...Array.from({ length: n.volumes }, (_, i) => arbVolume(i, n.claims))),
      claims: fc.tuple(...Array.from({ length: n.claims }, (_, i) => arbClaim(i))),
      pods: fc.tuple(...Array.from({ length: n.pods }, () => fc.nat(n.claims - 1))),
    }),
  )
  .map((c) => [
    ...c.nodes,
    ...(c.csi ? [csiClass(c.csi[0], c.csi[1])] : []),
    localClass,
    ...c.volumes,
    ...c.claims,
    ...c.pods.map((claim, i) => pod(i, claim)),
  ]);
