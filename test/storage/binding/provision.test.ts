// The PV an external CSI provisioner creates for a claim (PVC-09, PVC-11, VOL-09), and the provisioner's Events.
import { describe, expect, it } from 'vitest';
import { provisionedVolume, provisioningStarted, provisioningSucceeded, syncClaim, syncVolume } from '../../../src/storage/binding/index.ts';
import { pvc, sc } from './fixtures.ts';

describe('provisionedVolume', () => {
  const claim = pvc('data', { cls: 'standard', size: '1Gi', uid: '6f1c', modes: ['ReadWriteOnce'] });

  it('PVC-09: named pvc-<claim uid>, the requested size, the claim modes, pre-bound with uid, class policy, CSI source', () => {
    expect(provisionedVolume(claim, sc('standard', { provisioner: 'hostpath.csi.k8s.io', reclaimPolicy: 'Retain' }), { uid: 'pv-uid' })).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pvc-6f1c', uid: 'pv-uid', annotations: { 'pv.kubernetes.io/provisioned-by': 'hostpath.csi.k8s.io' } },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Filesystem',
        storageClassName: 'standard',
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: 'data', uid: '6f1c' },
        csi: { driver: 'hostpath.csi.k8s.io', volumeHandle: 'pvc-6f1c' },
      },
      status: { phase: 'Pending' },
    });
  });

  it('PVC-14: a class without reclaimPolicy gives Delete, the API default for StorageClasses', () =>
    expect(provisionedVolume(claim, sc('standard'), { uid: 'x' }).spec.persistentVolumeReclaimPolicy).toBe('Delete'));

  it('PVC-11: with a selected node the PV is pinned to it', () =>
    expect(provisionedVolume(claim, sc('standard', { wffc: true }), { uid: 'x', selectedNode: 'node01' }).spec.nodeAffinity).toEqual({
      required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node01'] }] }] },
    }));

  it('PVC-09: the provisioned PV then binds: syncVolume hands it to the claim, syncClaim binds it', () => {
    const volume = provisionedVolume(claim, sc('standard'), { uid: 'x' });
    expect(syncVolume(volume, [claim]).kind).toBe('claim-sync');
    expect(syncClaim(claim, [volume], [sc('standard')])).toMatchObject({ kind: 'bind', volume: 'pvc-6f1c' });
  });

  it('VOL-09: external-provisioner records Provisioning, then ProvisioningSucceeded', () => {
    expect([provisioningStarted(claim).message, provisioningSucceeded(claim, 'pvc-6f1c').message]).toEqual([
      'External provisioner is provisioning volume for claim "default/data"',
      'Successfully provisioned volume pvc-6f1c',
    ]);
  });
});
