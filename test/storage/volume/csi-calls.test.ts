import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CSIDriver, PersistentVolume } from '../../../src/k8s/types.ts';
import { csiCallSequence, formatCsiCall } from '../../../src/storage/volume/csi-calls.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const uid = 'pod-uid-1';
const pv: PersistentVolume = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pvc-0a1b' },
  spec: { persistentVolumeReclaimPolicy: 'Delete', csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } },
};
const noAttach: CSIDriver = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'ebs.csi.aws.com' }, spec: { attachRequired: false } };
const rpcs = (calls: { caller: string; rpc: string }[]) => calls.map((c) => `${c.caller}:${c.rpc}`);
const target = `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~csi/pvc-0a1b/mount`;
const staging = `/var/lib/kubelet/plugins/kubernetes.io/csi/ebs.csi.aws.com/${sha('vol-1')}/globalmount`;

describe('csiCallSequence', () => {
  it.each([
    [
      'VOL-09, VOL-10, VOL-11: attachable, staging driver makes all eight calls, teardown mirrored (VOL-05)',
      { context: { csiStageUnstage: ['ebs.csi.aws.com'] } },
      ['external-provisioner:CreateVolume', 'external-attacher:ControllerPublishVolume', 'kubelet:NodeStageVolume', 'kubelet:NodePublishVolume', 'kubelet:NodeUnpublishVolume', 'kubelet:NodeUnstageVolume', 'external-attacher:ControllerUnpublishVolume', 'external-provisioner:DeleteVolume'],
    ],
    [
      'VOL-10, VOL-11: attachRequired false and no STAGE_UNSTAGE_VOLUME leaves only provision, publish and delete',
      { context: { csiDrivers: [noAttach] } },
      ['external-provisioner:CreateVolume', 'kubelet:NodePublishVolume', 'kubelet:NodeUnpublishVolume', 'external-provisioner:DeleteVolume'],
    ],
    [
      'VOL-10: no CSIDriver object means ControllerPublishVolume happens; no staging without the capability',
      {},
      ['external-provisioner:CreateVolume', 'external-attacher:ControllerPublishVolume', 'kubelet:NodePublishVolume', 'kubelet:NodeUnpublishVolume', 'external-attacher:ControllerUnpublishVolume', 'external-provisioner:DeleteVolume'],
    ],
    [
      'VOL-06, VOL-09: a pre-provisioned PV is neither created nor deleted by the provisioner',
      { dynamicallyProvisioned: false, context: { csiDrivers: [noAttach] } },
      ['kubelet:NodePublishVolume', 'kubelet:NodeUnpublishVolume'],
    ],
  ])('%s', (_n, extra, expected) => {
    expect(rpcs(csiCallSequence({ pv, podUid: uid, nodeName: 'node-1', ...extra }))).toEqual(expected);
  });

  it('VOL-09: reclaim policy Retain keeps the volume: no DeleteVolume', () => {
    const retained = { ...pv, spec: { ...pv.spec, persistentVolumeReclaimPolicy: 'Retain' as const } };
    expect(rpcs(csiCallSequence({ pv: retained, podUid: uid, nodeName: 'node-1' })).at(-1)).toBe('external-attacher:ControllerUnpublishVolume');
  });

  it('VOL-10, VOL-11: calls carry the VolumeAttachment name, staging and target paths', () => {
    const calls = csiCallSequence({ pv, podUid: uid, nodeName: 'node-1', context: { csiStageUnstage: ['ebs.csi.aws.com'] } });
    const publish = calls.find((c) => c.rpc === 'ControllerPublishVolume');
    expect(publish?.volumeAttachment).toBe(`csi-${sha('vol-1ebs.csi.aws.comnode-1')}`);
    expect(publish?.nodeName).toBe('node-1');
    expect(calls.find((c) => c.rpc === 'NodeStageVolume')?.stagingTargetPath).toBe(staging);
    const nodePublish = calls.find((c) => c.rpc === 'NodePublishVolume');
    expect(nodePublish).toMatchObject({ service: 'Node', targetPath: target, stagingTargetPath: staging, volumeHandle: 'vol-1' });
  });

  it('VOL-11: in 1.23 the staging path is the per-PV one', () => {
    const calls = csiCallSequence({ pv, podUid: uid, nodeName: 'n', context: { csiStageUnstage: ['ebs.csi.aws.com'] }, kubernetesVersion: '1.23' });
    expect(calls.find((c) => c.rpc === 'NodeStageVolume')?.stagingTargetPath).toBe('/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pvc-0a1b/globalmount');
  });

  it('VOL-09: formatCsiCall prints caller, service.rpc, volume and paths on one line', () => {
    const [, , publish] = csiCallSequence({ pv, podUid: uid, nodeName: 'node-1', context: { csiDrivers: [noAttach] } }).map(formatCsiCall);
    expect(publish).toBe(`kubelet → Node.NodeUnpublishVolume volume=vol-1 target=${target}`);
  });

  it('rejected, VOL-09: a PV without a csi source', () => {
    const nfs: PersistentVolume = { ...pv, spec: { nfs: { server: 's', path: '/' } } };
    expect(() => csiCallSequence({ pv: nfs, podUid: uid, nodeName: 'n' })).toThrow(/no csi source/);
  });
});
