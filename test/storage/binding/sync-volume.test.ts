// syncVolume: the PersistentVolumeController's decision for one PV, reclaim policies included (PVC-02, PVC-14).
// Each row names the verdict and the reason.
import { describe, expect, it } from 'vitest';
import { syncVolume, type VolumeDecision } from '../../../src/storage/binding/index.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../src/k8s/types.ts';
import { boundPvc, pv, pvc } from './fixtures.ts';

type Row = [name: string, volume: PersistentVolume, claims: PersistentVolumeClaim[], expected: Record<string, unknown>, pods?: Pod[]];

const mine = { name: 'c', uid: 'uid-c' };
const byController = { 'pv.kubernetes.io/bound-by-controller': 'yes' };
const user: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'writer', namespace: 'default' },
  spec: { containers: [{ name: 'app' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'c' } }] },
  status: { phase: 'Running' },
};
const ev = (type: string, reason: string, message: string) => [type, reason, message];

function summary(d: VolumeDecision): Record<string, unknown> {
  const { events, ...rest } = d;
  return { ...rest, events: events.map((e) => [e.type, e.reason, e.message]) };
}

const rows: Row[] = [
  ['PVC-14: available: no claimRef', pv('pv-1', { phase: 'Pending' }), [], { kind: 'available', phase: 'Available', events: [] }],
  ['PVC-02: available: pre-bound by name, the claim not bound yet', pv('pv-1', { claimRef: { name: 'c' } }), [pvc('c')], { kind: 'available', phase: 'Available', events: [] }],
  ['PVC-02: bound: the claim names this PV', pv('pv-1', { claimRef: mine, phase: 'Available' }), [boundPvc('c', 'pv-1')], { kind: 'bound', phase: 'Bound', claim: 'default/c', events: [] }],
  ['PVC-09: claim-sync: a provisioned PV whose claim names no volume yet', pv('pvc-uid-c', { claimRef: mine, phase: 'Pending' }), [pvc('c')], { kind: 'claim-sync', phase: 'Pending', claim: 'default/c', events: [] }],
  [
    'PVC-13: volume-mode-mismatch: a Block claim pointed at a Filesystem PV, one Event on each side',
    pv('pv-1', { claimRef: mine, mode: 'Filesystem' }),
    [pvc('c', { mode: 'Block' })],
    {
      kind: 'volume-mode-mismatch',
      events: [
        ev('Warning', 'VolumeMismatch', 'Cannot bind PersistentVolume to requested PersistentVolumeClaim "c" due to incompatible volumeMode.'),
        ev('Warning', 'VolumeMismatch', 'Cannot bind PersistentVolume "pv-1" to requested PersistentVolumeClaim due to incompatible volumeMode.'),
      ],
    },
  ],
  ['PVC-02: unbind, claimRef removed: the controller bound it to a claim that bound elsewhere', pv('pv-1', { claimRef: mine, annotations: byController, phase: 'Bound' }), [boundPvc('c', 'pv-2')], { kind: 'unbind', phase: 'Available', clearClaimRef: true, events: [] }],
  ['PVC-02: unbind, uid only: the user pre-bound it, so the name stays', pv('pv-1', { claimRef: mine, phase: 'Bound' }), [boundPvc('c', 'pv-2')], { kind: 'unbind', phase: 'Available', clearClaimRef: false, events: [] }],
  // Reclaim policies once the claim is gone (PVC-14)
  ['PVC-14: retain: claim deleted, policy Retain: Released until an admin clears claimRef', pv('pv-1', { claimRef: mine, phase: 'Bound', policy: 'Retain' }), [], { kind: 'retain', phase: 'Released', events: [] }],
  ['PVC-14: retain: an unset policy is the API default Retain', pv('pv-1', { claimRef: mine, phase: 'Bound' }), [], { kind: 'retain', phase: 'Released', events: [] }],
  ['PVC-14: retain: a new claim with the same name but another uid does not revive the binding', pv('pv-1', { claimRef: mine, phase: 'Bound', policy: 'Retain' }), [pvc('c', { uid: 'uid-new' })], { kind: 'retain', phase: 'Released', events: [] }],
  ['PVC-14: delete by an external deleter: a CSI volume', pv('pv-1', { claimRef: mine, phase: 'Bound', policy: 'Delete', source: { csi: { driver: 'hostpath.csi.k8s.io', volumeHandle: 'h1' } } }), [], { kind: 'delete', phase: 'Released', deleter: 'external', events: [] }],
  [
    'PVC-14: delete by an external deleter: provisioned by rancher.io/local-path',
    pv('pv-1', { claimRef: mine, phase: 'Bound', policy: 'Delete', annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' }, source: { hostPath: { path: '/opt/local-path/pv-1' } } }),
    [],
    { kind: 'delete', phase: 'Released', deleter: 'external', events: [] },
  ],
  ['PVC-14: delete by the controller: hostPath under /tmp', pv('pv-1', { claimRef: mine, phase: 'Bound', policy: 'Delete', source: { hostPath: { path: '/tmp/data' } } }), [], { kind: 'delete', phase: 'Released', deleter: 'controller', events: [] }],
  [
    'PVC-14: failed with VolumeFailedDelete: hostPath outside /tmp',
    pv('pv-1', { claimRef: mine, phase: 'Bound', policy: 'Delete', source: { hostPath: { path: '/mnt/data' } } }),
    [],
    {
      kind: 'failed',
      phase: 'Failed',
      message: 'host_path deleter only supports /tmp/.+ but received provided /mnt/data',
      events: [ev('Warning', 'VolumeFailedDelete', 'host_path deleter only supports /tmp/.+ but received provided /mnt/data')],
    },
  ],
  [
    'PVC-14: failed with VolumeFailedDelete: a local PV has no deleter',
    pv('local-1', { claimRef: mine, phase: 'Bound', policy: 'Delete', source: { local: { path: '/mnt/disks/ssd1' } } }),
    [],
    {
      kind: 'failed',
      phase: 'Failed',
      message: 'error getting deleter volume plugin for volume "local-1": no deletable volume plugin matched',
      events: [ev('Warning', 'VolumeFailedDelete', 'error getting deleter volume plugin for volume "local-1": no deletable volume plugin matched')],
    },
  ],
  [
    'PVC-14: failed without a second Event: the retry of an already Failed delete',
    pv('local-1', { claimRef: mine, phase: 'Failed', policy: 'Delete', source: { local: { path: '/mnt/disks/ssd1' } } }),
    [],
    { kind: 'failed', phase: 'Failed', events: [] },
  ],
  ['PVC-14: recycle: NFS is scrubbed, Available again, claimRef removed', pv('pv-1', { claimRef: mine, phase: 'Bound', policy: 'Recycle', annotations: byController }), [], { kind: 'recycle', phase: 'Available', clearClaimRef: true, events: [ev('Normal', 'VolumeRecycled', 'Volume recycled')] }],
  [
    'PVC-14: recycle-blocked: Pod writer still uses the deleted claim',
    pv('pv-1', { claimRef: mine, phase: 'Released', policy: 'Recycle' }),
    [],
    { kind: 'recycle-blocked', phase: 'Released', events: [ev('Normal', 'VolumeFailedRecycle', 'Volume is used by pods: default/writer')] },
    [user],
  ],
  [
    'PVC-14: failed with VolumeFailedRecycle: a local PV cannot be recycled',
    pv('local-1', { claimRef: mine, phase: 'Bound', policy: 'Recycle', source: { local: { path: '/mnt/disks/ssd1' } } }),
    [],
    { kind: 'failed', phase: 'Failed', message: 'No recycler plugin found for the volume!', events: [ev('Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!')] },
  ],
  [
    'PVC-14: released and deleted: a provisioned Delete PV whose claim bound elsewhere',
    pv('pvc-x', { claimRef: mine, phase: 'Bound', policy: 'Delete', annotations: { 'pv.kubernetes.io/provisioned-by': 'hostpath.csi.k8s.io' }, source: { csi: { driver: 'hostpath.csi.k8s.io', volumeHandle: 'h' } } }),
    [boundPvc('c', 'pv-other')],
    { kind: 'delete', phase: 'Released', deleter: 'external', events: [] },
  ],
];

describe('syncVolume', () => {
  for (const [name, volume, claims, expected, pods] of rows) {
    it(name, () => expect(summary(syncVolume(volume, claims, [], pods ? { pods } : {}))).toMatchObject(expected));
  }

  it('PVC-14: an unknown policy fails the PV with VolumeUnknownReclaimPolicy', () => {
    const odd = pv('pv-1', { claimRef: mine, phase: 'Bound' });
    odd.spec.persistentVolumeReclaimPolicy = 'Scrub' as never;
    expect(summary(syncVolume(odd, []))).toMatchObject({ kind: 'failed', events: [ev('Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy')] });
  });
});
