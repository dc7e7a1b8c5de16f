// The claim-binding model: can a PersistentVolumeClaim (or each claim of a StatefulSet) ever bind, and the
// PV controller's Event text when it cannot. Rows state the verdict and the reason; the cluster is the bundled
// one (default class standard via CSI, WaitForFirstConsumer; local-storage with one 100Gi PV on worker01)
// unless a row brings its own.
import { describe, expect, it } from 'vitest';
import { ask, claim, node, statefulSet, storageClass, volume, type Obj } from './fixtures.ts';

const workers = [node('worker01', '4', '8Gi', { labels: { 'topology.kubernetes.io/zone': 'zone-a' } }), node('worker02', '4', '8Gi', { labels: { 'topology.kubernetes.io/zone': 'zone-b' } })];

type Row = [name: string, objects: Obj[], expected: Record<string, unknown>, opts?: { kind?: string; name?: string; cluster?: Obj[] }];

const rows: Row[] = [
  ['PVC-07: binds: no class named, the default class standard is written in and provisions on first use', [claim('data')], { binds: true, reason: 'WaitForFirstConsumer', waitsForConsumer: true }],
  [
    'PVC-08: never binds: storageClassName "" and no PV of class ""',
    [claim('legacy', { cls: '' })],
    { binds: false, reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set', path: 'spec.storageClassName' },
  ],
  ['PVC-03/PVC-08: binds: storageClassName "" with a large enough PV of class ""', [claim('legacy', { cls: '', size: '5Gi' }), volume('nfs-1', { size: '20Gi' })], { binds: true, reason: 'Bound', volume: 'nfs-1' }],
  [
    'PVC-03: never binds: the only PV of class "" offers ReadWriteOnce, the claim wants ReadWriteMany',
    [claim('shared', { cls: '', modes: ['ReadWriteMany'] }), volume('nfs-1')],
    { binds: false, reason: 'FailedBinding' },
  ],
  ['PVC-09: never binds: the class named does not exist (ProvisioningFailed)', [claim('data', { cls: 'fast-ssd' })], { binds: false, reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "fast-ssd" not found' }],
  ['PVC-06: binds: a class that does not exist still pairs with a PV of that class name', [claim('data', { cls: 'manual' }), volume('pv-manual', { cls: 'manual' })], { binds: true, reason: 'Bound', volume: 'pv-manual' }],
  ['PVC-13: binds once used: local-storage and the 100Gi local PV on worker01 fits 50Gi', [claim('cache', { cls: 'local-storage', size: '50Gi' })], { binds: true, reason: 'WaitForFirstConsumer' }],
  [
    'PVC-13: never binds: 200Gi is more than the only local PV offers and local-storage provisions nothing',
    [claim('scratch', { cls: 'local-storage', size: '200Gi' })],
    { binds: false, reason: 'WaitForFirstConsumer', path: 'spec.resources.requests.storage' },
  ],
  [
    'PVC-13: never binds: the second claim on local-storage finds the only local PV promised to the first',
    [claim('a', { cls: 'local-storage' }), claim('b', { cls: 'local-storage' })],
    { binds: false, claim: 'b' },
    { name: 'b' },
  ],
  ['PVC-02: never binds: spec.volumeName names a PV that does not exist', [claim('pinned', { volumeName: 'nfs-gone' })], { binds: false, reason: 'Pending', message: 'volume "nfs-gone" requested and not found', path: 'spec.volumeName' }],
  [
    'PVC-02: never binds: spec.volumeName names a PV too small for the claim (VolumeMismatch)',
    [claim('pinned', { cls: '', size: '50Gi', volumeName: 'nfs-small' }), volume('nfs-small', { size: '10Gi' })],
    { binds: false, reason: 'VolumeMismatch', message: 'Cannot bind to requested volume "nfs-small": requested PV is too small' },
  ],
  [
    'PVC-09: never binds: an Immediate class with kubernetes.io/no-provisioner and no PV (ProvisioningFailed)',
    [claim('data', { cls: 'manual-local' }), storageClass('manual-local', 'kubernetes.io/no-provisioner')],
    { binds: false, reason: 'ProvisioningFailed', message: 'no volume plugin matched name: kubernetes.io/no-provisioner' },
  ],
  [
    'PVC-09: binds: an Immediate CSI class provisions at once (ExternalProvisioning)',
    [claim('data', { cls: 'ebs' }), storageClass('ebs', 'ebs.csi.aws.com')],
    { binds: true, reason: 'ExternalProvisioning', volume: 'pvc-kubemodel-default-data' },
  ],
  [
    'PVC-11: never binds: a WaitForFirstConsumer class whose allowedTopologies name a zone no node is in',
    [claim('data', { cls: 'zonal' }), storageClass('zonal', 'pd.csi.storage.gke.io', { wffc: true, zones: ['zone-c'] })],
    { binds: false, reason: 'WaitForFirstConsumer' },
  ],
  [
    'PVC-08: never binds: no class on the claim and the cluster has no default class',
    [claim('data')],
    { binds: false, reason: 'FailedBinding' },
    { cluster: [...workers, storageClass('standard', 'hostpath.csi.k8s.io')] },
  ],
  ['STS-05: binds: one ordinal takes the one local PV', [statefulSet('db', 1, 'local-storage')], { binds: true, claim: 'data-db-0' }],
  [
    'STS-05/PVC-12: never binds: ordinal 1 needs a second local PV and there is only one',
    [statefulSet('db', 2, 'local-storage')],
    { binds: false, claim: 'data-db-1', path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage' },
  ],
  ['STS-05: binds: every ordinal gets its own volume from the CSI default class', [statefulSet('db', 3, 'standard')], { binds: true, claim: 'data-db-0' }],
];

describe('claim-binding model', () => {
  for (const [name, objects, expected, opts] of rows) {
    it(name, () => expect(ask('claim-binding', objects, opts)).toMatchObject(expected));
  }

  it('PVC-10/PVC-12: the static-PV failure names why each candidate PV does not fit and the scheduler reason consumers get', () => {
    const answer = ask('claim-binding', [claim('scratch', { cls: 'local-storage', size: '200Gi' })]);
    expect(answer?.['message']).toBe(
      'waiting for first consumer to be created before binding, but no node offers a volume: PersistentVolume "local-worker01": requested PV is too small and class "local-storage" provisions none (provisioner kubernetes.io/no-provisioner); every Pod using the claim fails scheduling with "node(s) didn\'t find available persistent volumes to bind"',
    );
  });

  it('PVC-02: claims are settled in manifest order: the first claim takes the PV, the second finds none', () => {
    const objects = [claim('first', { cls: '' }), claim('second', { cls: '' }), volume('nfs-1')];
    expect(ask('claim-binding', objects, { name: 'first' })).toMatchObject({ binds: true, volume: 'nfs-1' });
    expect(ask('claim-binding', objects, { name: 'second' })).toMatchObject({ binds: false, reason: 'FailedBinding' });
  });

  it('does not answer for a claim the API server would refuse, nor for a StatefulSet without volumeClaimTemplates', () => {
    expect(ask('claim-binding', [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'bad' }, spec: { resources: { requests: { storage: 'lots' } } } }])).toBeUndefined();
    const plain = statefulSet('web', 2, 'standard');
    delete (plain['spec'] as Obj)['volumeClaimTemplates'];
    expect(ask('claim-binding', [plain])).toBeUndefined();
  });
});
