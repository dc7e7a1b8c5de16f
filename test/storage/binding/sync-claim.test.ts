// syncClaim: the PersistentVolumeController's decision for one claim in one reconcile, with the Event it
// records (PVC-02, PVC-04, PVC-07..PVC-10, PVC-14). Each row names the verdict and the reason.
import { describe, expect, it } from 'vitest';
import { syncClaim, type ClaimDecision } from '../../../src/storage/binding/index.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../../src/k8s/types.ts';
import { boundPvc, pv, pvc, sc } from './fixtures.ts';

const standard = sc('standard', { provisioner: 'hostpath.csi.k8s.io' });
const local = sc('local', { provisioner: 'kubernetes.io/no-provisioner', wffc: true });
const wffc = sc('csi-wffc', { provisioner: 'ebs.csi.aws.com', wffc: true });

type Expect = { kind: ClaimDecision['kind']; volume?: string; provisioner?: string; storageClass?: string; events?: [string, string, string][] };
type Row = [name: string, claim: PersistentVolumeClaim, volumes: PersistentVolume[], classes: StorageClass[], expected: Expect, pods?: Pod[]];

function summary(d: ClaimDecision): Expect {
  const out: Expect = { kind: d.kind, events: d.events.map((e) => [e.type, e.reason, e.message]) };
  if (d.kind === 'bind' || d.kind === 'bound') out.volume = d.volume;
  if (d.kind === 'provision') {
    out.provisioner = d.provisioner;
    out.storageClass = d.storageClass.metadata.name;
  }
  if (d.kind === 'assign-default-class') out.storageClass = d.storageClass;
  return out;
}

const consumer = (name: string, claim: string, nodeName?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }], ...(nodeName ? { nodeName } : {}) },
  status: { phase: nodeName ? 'Running' : 'Pending' },
});

const rows: Row[] = [
  ['PVC-03: bind pv-10: the smallest matching PV', pvc('c', { cls: 'manual' }), [pv('pv-20', { cls: 'manual', size: '20Gi' }), pv('pv-10', { cls: 'manual' })], [], { kind: 'bind', volume: 'pv-10', events: [] }],
  ['PVC-04: bind pv-late: a PV created after the claim matches on the next sync', pvc('c', { cls: 'manual' }), [pv('pv-late', { cls: 'manual' })], [], { kind: 'bind', volume: 'pv-late', events: [] }],
  [
    'PVC-08: pending with FailedBinding: no PV and no class',
    pvc('c', { cls: '' }),
    [],
    [],
    { kind: 'pending', events: [['Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set']] },
  ],
  ['PVC-07: assign-default-class standard: no class on the claim, no match, a default exists', pvc('c'), [], [sc('standard', { isDefault: true })], { kind: 'assign-default-class', storageClass: 'standard', events: [] }],
  [
    'PVC-08: pending with FailedBinding: class "" is kept even when a default class exists',
    pvc('c', { cls: '' }),
    [],
    [sc('standard', { isDefault: true })],
    { kind: 'pending', events: [['Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set']] },
  ],
  [
    'PVC-09: provision by hostpath.csi.k8s.io: class standard, no PV, Immediate',
    pvc('c', { cls: 'standard' }),
    [],
    [standard],
    {
      kind: 'provision',
      provisioner: 'hostpath.csi.k8s.io',
      storageClass: 'standard',
      events: [
        [
          'Normal',
          'ExternalProvisioning',
          "Waiting for a volume to be created either by the external provisioner 'hostpath.csi.k8s.io' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        ],
      ],
    },
  ],
  [
    'PVC-09: provision by ebs.csi.aws.com: the in-tree kubernetes.io/aws-ebs is migrated to CSI',
    pvc('c', { cls: 'gp2' }),
    [],
    [sc('gp2', { provisioner: 'kubernetes.io/aws-ebs' })],
    {
      kind: 'provision',
      provisioner: 'ebs.csi.aws.com',
      storageClass: 'gp2',
      events: [
        [
          'Normal',
          'ExternalProvisioning',
          "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        ],
      ],
    },
  ],
  ['PVC-06: pending with ProvisioningFailed: the class named does not exist', pvc('c', { cls: 'fast' }), [], [], { kind: 'pending', events: [['Warning', 'ProvisioningFailed', 'storageclass.storage.k8s.io "fast" not found']] }],
  [
    'PVC-13: pending with ProvisioningFailed: Immediate class with kubernetes.io/no-provisioner cannot provision',
    pvc('c', { cls: 'manual-local' }),
    [],
    [sc('manual-local', { provisioner: 'kubernetes.io/no-provisioner' })],
    { kind: 'pending', events: [['Warning', 'ProvisioningFailed', 'no volume plugin matched name: kubernetes.io/no-provisioner']] },
  ],
  [
    'PVC-10: wait-for-first-consumer: WaitForFirstConsumer and no Pod uses the claim yet',
    pvc('c', { cls: 'local' }),
    [pv('local-1', { cls: 'local', node: 'node01' })],
    [local],
    { kind: 'wait-for-first-consumer', events: [['Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding']] },
  ],
  [
    'PVC-10: wait-for-first-consumer as WaitForPodScheduled: web-0 uses the claim and is not scheduled',
    pvc('c', { cls: 'local' }),
    [],
    [local],
    { kind: 'wait-for-first-consumer', events: [['Normal', 'WaitForPodScheduled', 'waiting for pod web-0 to be scheduled']] },
    [consumer('web-0', 'c'), consumer('web-1', 'c', 'node01')],
  ],
  [
    'PVC-10: WaitForPodScheduled names every unscheduled consumer',
    pvc('c', { cls: 'local' }),
    [],
    [local],
    { kind: 'wait-for-first-consumer', events: [['Normal', 'WaitForPodScheduled', 'waiting for pods a,b to be scheduled']] },
    [consumer('a', 'c'), consumer('b', 'c')],
  ],
  [
    'PVC-11: provision by ebs.csi.aws.com: the scheduler set selected-node on a WaitForFirstConsumer claim',
    pvc('c', { cls: 'csi-wffc', annotations: { 'volume.kubernetes.io/selected-node': 'node01' } }),
    [],
    [wffc],
    {
      kind: 'provision',
      provisioner: 'ebs.csi.aws.com',
      storageClass: 'csi-wffc',
      events: [
        [
          'Normal',
          'ExternalProvisioning',
          "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        ],
      ],
    },
  ],
  ['PVC-10: bind pv-pre: WaitForFirstConsumer still binds a PV pre-bound to the claim', pvc('c', { cls: 'local' }), [pv('pv-pre', { cls: 'local', claimRef: { name: 'c' } })], [local], { kind: 'bind', volume: 'pv-pre', events: [] }],
  // spec.volumeName set by the user (pre-binding from the claim side)
  ['PVC-02: pending without Event: the claim names a PV that does not exist yet', pvc('c', { volumeName: 'pv-x' }), [], [], { kind: 'pending', events: [] }],
  ['PVC-02: bind pv-x: the claim names a free PV that satisfies it', pvc('c', { volumeName: 'pv-x' }), [pv('pv-x')], [], { kind: 'bind', volume: 'pv-x', events: [] }],
  ['PVC-02: bind pv-x: the named PV is not Available yet, which pre-binding ignores', pvc('c', { volumeName: 'pv-x' }), [pv('pv-x', { phase: 'Pending' })], [], { kind: 'bind', volume: 'pv-x', events: [] }],
  [
    'PVC-02: pending with VolumeMismatch: the named PV is too small',
    pvc('c', { volumeName: 'pv-x', size: '20Gi' }),
    [pv('pv-x')],
    [],
    { kind: 'pending', events: [['Warning', 'VolumeMismatch', 'Cannot bind to requested volume "pv-x": requested PV is too small']] },
  ],
  [
    'PVC-06: pending with VolumeMismatch: the named PV is of another class',
    pvc('c', { volumeName: 'pv-x', cls: 'fast' }),
    [pv('pv-x', { cls: 'slow' })],
    [],
    { kind: 'pending', events: [['Warning', 'VolumeMismatch', 'Cannot bind to requested volume "pv-x": storageClassName does not match']] },
  ],
  [
    'PVC-03: pending with VolumeMismatch: the named PV lacks RWX',
    pvc('c', { volumeName: 'pv-x', modes: ['ReadWriteMany'] }),
    [pv('pv-x')],
    [],
    { kind: 'pending', events: [['Warning', 'VolumeMismatch', 'Cannot bind to requested volume "pv-x": incompatible accessMode']] },
  ],
  [
    'PVC-02: pending with FailedBinding: the named PV belongs to another claim',
    pvc('c', { volumeName: 'pv-x' }),
    [pv('pv-x', { phase: 'Bound', claimRef: { name: 'other', uid: 'u9' } })],
    [],
    { kind: 'pending', events: [['Warning', 'FailedBinding', 'volume "pv-x" already bound to a different claim.']] },
  ],
  // Bound claims (syncBoundClaim)
  ['PVC-02: bound: claim and PV name each other', boundPvc('c', 'pv-1'), [pv('pv-1', { phase: 'Bound', claimRef: { name: 'c', uid: 'uid-c' } })], [], { kind: 'bound', volume: 'pv-1', events: [] }],
  ['PVC-02: bind pv-1 again: the PV lost its claimRef', boundPvc('c', 'pv-1'), [pv('pv-1')], [], { kind: 'bind', volume: 'pv-1', events: [] }],
  [
    'PVC-14: lost with ClaimLost: the bound PV was deleted',
    boundPvc('c', 'pv-1'),
    [],
    [],
    { kind: 'lost', events: [['Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!']] },
  ],
  ['PVC-14: lost without a second Event: the claim is already Lost', boundPvc('c', 'pv-1', { phase: 'Lost' }), [], [], { kind: 'lost', events: [] }],
  [
    'PVC-14: lost with ClaimLost: bind-completed but volumeName cleared',
    pvc('c', { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' }, phase: 'Bound' }),
    [],
    [],
    { kind: 'lost', events: [['Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!']] },
  ],
  [
    'PVC-02: lost with ClaimMisbound: the PV points at another claim uid',
    boundPvc('c', 'pv-1'),
    [pv('pv-1', { phase: 'Bound', claimRef: { name: 'c', uid: 'someone-else' } })],
    [],
    { kind: 'lost', events: [['Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly']] },
  ],
];

describe('syncClaim', () => {
  for (const [name, claim, volumes, classes, expected, pods] of rows) {
    it(name, () => expect(summary(syncClaim(claim, volumes, classes, pods ? { pods } : {}))).toEqual(expected));
  }

  it('PVC-02: the Events name the claim they are recorded on', () => {
    const [event] = syncClaim(pvc('data', { cls: '', namespace: 'team-a' }), [], []).events;
    expect(event?.involved).toEqual({ kind: 'PersistentVolumeClaim', name: 'data', namespace: 'team-a' });
  });
});
