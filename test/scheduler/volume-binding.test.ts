// The VolumeBinding plugin in a scheduling cycle (SCHED-08, PVC-05, PVC-10, PVC-11, PVC-12): FailedScheduling
// messages per release for unbound Immediate claims, missing or Lost claims, local PVs and provisioning, and
// what Reserve/PreBind would bind or provision on the chosen node. The cluster is the seeds' lab: master01
// tainted, node01 and node02 workers.
import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../src/k8s/types.ts';
import { volumesToBind } from '../../src/scheduler/filters/volume-binding.ts';
import { schedule } from '../../src/scheduler/schedule.ts';
import type { ClusterSnapshot } from '../../src/scheduler/types.ts';
import { boundPvc, pv, pvc, sc } from '../storage/binding/fixtures.ts';
import { lab, node, pod } from './fixtures.ts';

const user = (claims: string[] = ['data'], extra: Partial<Pod['spec']> = {}): Pod =>
  pod('web', { volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })), ...extra });

function cluster(claims: PersistentVolumeClaim[], volumes: PersistentVolume[] = [], classes: StorageClass[] = []): ClusterSnapshot {
  return { ...lab(), persistentVolumeClaims: claims, persistentVolumes: volumes, storageClasses: classes };
}

function message(snapshot: ClusterSnapshot, version: string, p: Pod = user()): string {
  const r = schedule(p, snapshot, { kubernetesVersion: version });
  if (r.ok) throw new Error(`scheduled on ${r.node}`);
  return r.message;
}

const standard = sc('standard', { provisioner: 'hostpath.csi.k8s.io' });
const local = sc('local-storage', { provisioner: 'kubernetes.io/no-provisioner', wffc: true });
const wffc = sc('csi-wffc', { provisioner: 'hostpath.csi.k8s.io', wffc: true });
const NOT_HELPFUL = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

describe('PreFilter rejections', () => {
  const unbound = cluster([pvc('data', { cls: 'standard' })], [], [standard]);
  const rows: [string, ClusterSnapshot, string, string][] = [
    ['PVC-05: 1.21: every node carries the unbound Immediate claim', unbound, '1.21', '0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims.'],
    ['PVC-05: 1.25: per node, with the doubled period of the preemption part', unbound, '1.25', `0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL}.`],
    ['PVC-05: 1.28: the PreFilter rejection is written once', unbound, '1.28', `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL}`],
    [
      'PVC-05: current release: with the DynamicResources note',
      unbound,
      '1.37',
      `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, ${NOT_HELPFUL}`,
    ],
    ['PVC-02: a claim pre-bound by volumeName but not yet bound is still unbound Immediate', cluster([pvc('data', { cls: 'local-storage', volumeName: 'pv-1' })], [pv('pv-1')], [local]), '1.30', `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL}`],
    ['SCHED-08: 1.22: a missing claim rejects the Pod on every node', cluster([]), '1.22', '0/3 nodes are available: 3 persistentvolumeclaim "data" not found.'],
    ['SCHED-08: current release: a missing claim, written once', cluster([]), '1.37', `0/3 nodes are available: persistentvolumeclaim "data" not found. no new claims to deallocate, ${NOT_HELPFUL}`],
    ['SCHED-08: a claim being deleted rejects the Pod', cluster([boundPvc('data', 'pv-1', { deleting: true })], [pv('pv-1')]), '1.30', `0/3 nodes are available: persistentvolumeclaim "data" is being deleted. ${NOT_HELPFUL}`],
    [
      'PVC-14: 1.23+: a Lost claim is rejected in PreFilter, naming its vanished PV',
      cluster([boundPvc('data', 'pv-gone', { phase: 'Lost' })]),
      '1.30',
      `0/3 nodes are available: persistentvolumeclaim "data" bound to non-existent persistentvolume "pv-gone". ${NOT_HELPFUL}`,
    ],
  ];
  for (const [name, snapshot, version, expected] of rows) it(name, () => expect(message(snapshot, version)).toBe(expected));

  it('SCHED-08: a Pod without claims is not affected by missing storage objects (Skip)', () => {
    expect(schedule(pod('plain'), lab())).toMatchObject({ ok: true });
  });
});

describe('Filter: bound claims (PVC-12)', () => {
  const onNode02 = cluster([boundPvc('data', 'local-2', { cls: 'local-storage' })], [pv('local-2', { cls: 'local-storage', node: 'node02', phase: 'Bound', claimRef: { name: 'data', uid: 'uid-data' } })], [local]);

  it('PVC-12: a Pod using a local PV bound on node02 goes to node02', () => expect(schedule(user(), onNode02)).toMatchObject({ ok: true, node: 'node02' }));

  const cordoned: ClusterSnapshot = { ...onNode02, nodes: [onNode02.nodes[0], onNode02.nodes[1], node('node02', { unschedulable: true })] as ClusterSnapshot['nodes'] };
  const rows: [string, string, string][] = [
    ['PVC-12: 1.32: node01 has a volume node affinity conflict', '1.32', "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 1 node(s) had volume node affinity conflict, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
    ['PVC-12: 1.33+: the reason names the PersistentVolume\'s node affinity (#129887)', '1.37', "0/3 nodes are available: 1 node(s) didn't match PersistentVolume's node affinity, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
  ];
  for (const [name, version, expected] of rows) it(`${name} when node02 is cordoned`, () => expect(message(cordoned, version)).toBe(expected));

  it('PVC-14: 1.22: a bound claim whose PV is gone fails every untainted node', () => {
    const gone = cluster([boundPvc('data', 'pv-gone')]);
    expect(message(gone, '1.22')).toBe("0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 pvc(s) bound to non-existent pv(s).");
  });

  it('PVC-14: 1.23+: the same, worded per node (#105196)', () => {
    const gone = cluster([boundPvc('data', 'pv-gone')]);
    expect(message(gone, '1.23')).toBe(
      "0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s).",
    );
  });
});

describe('Filter: WaitForFirstConsumer claims (PVC-10, PVC-11)', () => {
  const localPv = (name: string, nodeName: string, size = '10Gi') => pv(name, { cls: 'local-storage', node: nodeName, size, source: { local: { path: '/mnt/disks/ssd1' } } });

  it('PVC-11: a local PV whose nodeAffinity names node01: only node01 fits, and Reserve binds the PV there', () => {
    const snapshot = cluster([pvc('data', { cls: 'local-storage' })], [localPv('local-1', 'node01')], [local]);
    expect(schedule(user(), snapshot)).toMatchObject({ ok: true, node: 'node01' });
    expect(volumesToBind(user(), 'node01', snapshot)).toEqual({ bind: [{ claim: 'data', volume: 'local-1' }], provision: [] });
    expect(volumesToBind(user(), 'node02', snapshot)).toEqual({ bind: [], provision: [] });
  });

  it('PVC-13: no fitting local PV and kubernetes.io/no-provisioner: no node has a volume to bind', () => {
    const snapshot = cluster([pvc('data', { cls: 'local-storage', size: '50Gi' })], [localPv('local-1', 'node01')], [local]);
    expect(message(snapshot, '1.37')).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('PVC-11: two claims take two different local PVs on the same node, smallest request first', () => {
    const snapshot = cluster(
      [pvc('big', { cls: 'local-storage', size: '8Gi' }), pvc('small', { cls: 'local-storage', size: '1Gi' })],
      [localPv('l-10', 'node01', '10Gi'), localPv('l-2', 'node01', '2Gi')],
      [local],
    );
    expect(volumesToBind(user(['big', 'small']), 'node01', snapshot)).toEqual({
      bind: [
        { claim: 'small', volume: 'l-2' },
        { claim: 'big', volume: 'l-10' },
      ],
      provision: [],
    });
  });

  it('PVC-11: two claims but one local PV on each node: neither node fits both', () => {
    const snapshot = cluster([pvc('a', { cls: 'local-storage' }), pvc('b', { cls: 'local-storage' })], [localPv('l-1', 'node01'), localPv('l-2', 'node02')], [local]);
    expect(message(snapshot, '1.30', user(['a', 'b']))).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('PVC-11: no PV but a CSI provisioner: the node fits and Reserve marks the claim for provisioning', () => {
    const snapshot = cluster([pvc('data', { cls: 'csi-wffc' })], [], [wffc]);
    const result = schedule(user(), snapshot);
    expect(result.ok).toBe(true);
    if (result.ok) expect(volumesToBind(user(), result.node, snapshot)).toEqual({ bind: [], provision: ['data'] });
  });

  it('PVC-11: allowedTopologies zone a: only the node in zone a can have the volume provisioned', () => {
    const zoned = sc('zonal', { provisioner: 'ebs.csi.aws.com', wffc: true, zones: ['a'] });
    const snapshot: ClusterSnapshot = {
      nodes: [node('node01', { labels: { 'topology.kubernetes.io/zone': 'a' } }), node('node02', { labels: { 'topology.kubernetes.io/zone': 'b' } })],
      pods: [],
      persistentVolumeClaims: [pvc('data', { cls: 'zonal' })],
      storageClasses: [zoned],
    };
    expect(schedule(user(), snapshot)).toMatchObject({ ok: true, node: 'node01' });
  });

  it('PVC-11: a claim already marked for node02 keeps the Pod off node01', () => {
    const snapshot = cluster([pvc('data', { cls: 'csi-wffc', annotations: { 'volume.kubernetes.io/selected-node': 'node02' } })], [], [wffc]);
    expect(schedule(user(), snapshot)).toMatchObject({ ok: true, node: 'node02' });
    expect(volumesToBind(user(), 'node02', snapshot)).toEqual({ bind: [], provision: ['data'] });
  });
});
