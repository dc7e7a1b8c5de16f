// The scheduling model: the Pods a workload's controller creates, scheduled one after another on the
// cluster's nodes, with kube-scheduler's FailedScheduling message for the first that fits nowhere. The bundled
// cluster has a tainted 2-CPU control-plane node and two untainted 4-CPU / 8Gi workers.
import { describe, expect, it } from 'vitest';
import { ask, claim, container, daemonSet, deployment, node, pod, statefulSet, type Obj } from './fixtures.ts';

const CP_TOLERATION = { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' };

type Row = [name: string, objects: Obj[], expected: Record<string, unknown>, opts?: { kind?: string; cluster?: Obj[]; kubernetesVersion?: string }];

const rows: Row[] = [
  ['SCHED-04: schedulable: 2 replicas of 1 CPU fit the workers', [deployment('web', { replicas: 2, cpu: '1' })], { schedulable: true, replicas: 2, placed: 2 }],
  [
    'SCHED-04/RES-09: 2 of 3 placed: replicas of 3 CPU take one 4-CPU worker each, the third finds no room',
    [deployment('web', { replicas: 3, cpu: '3' })],
    {
      schedulable: false,
      placed: 2,
      summary: 'only 2 of 3 Pods of Deployment "web" can be scheduled (1 on worker01, 1 on worker02); the rest stay Pending',
      message:
        '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    },
  ],
  [
    'SCHED-03/SCHED-10: unschedulable, taint worded as 1.24-1.34 word it: a 10-CPU Pod in 1.30',
    [pod('httpserver', { containers: [container({ cpu: '10' })] })],
    {
      schedulable: false,
      placed: 0,
      message:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      path: 'spec',
    },
    { kubernetesVersion: '1.30' },
  ],
  [
    'SCHED-07: unschedulable: nodeSelector disktype=ssd matches no node (a CronJob\'s Job template)',
    [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', nodeSelector: { disktype: 'ssd' }, containers: [container()] } } } } } }],
    { schedulable: false, path: 'spec.jobTemplate.spec.template.spec', message: expect.stringContaining("2 node(s) didn't match Pod's node affinity/selector") },
  ],
  ['SCHED-10/SCHED-14: schedulable: a toleration plus nodeSelector puts a Pod on the control plane', [pod('backup', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, tolerations: [CP_TOLERATION], containers: [container({ cpu: '100m' })] })], { schedulable: true, placed: 1 }],
  ['JOB-05: a Job runs min(parallelism, completions) Pods at once: 2 of 3 CPU fit', [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'crunch' }, spec: { parallelism: 4, completions: 2, template: { spec: { restartPolicy: 'Never', containers: [container({ cpu: '3' })] } } } }], { schedulable: true, replicas: 2 }],
  ['DS-01/DS-05: a DaemonSet tolerating the control-plane taint runs on all 3 nodes', [daemonSet('agent', { cpu: '100m', podSpec: { tolerations: [CP_TOLERATION] } })], { schedulable: true, replicas: 3, placed: 3 }],
  [
    'DS-03/DS-04: a DaemonSet Pod of 5 CPU fits neither worker; the other nodes count under the pinned node affinity',
    [daemonSet('agent', { cpu: '5' })],
    { schedulable: false, replicas: 2, placed: 0, message: expect.stringContaining("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]") },
  ],
  [
    'PVC-05: unschedulable: a Pod whose Immediate claim never binds',
    [claim('legacy', { cls: '' }), pod('app', { containers: [container()], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'legacy' } }] })],
    { schedulable: false, message: expect.stringContaining('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.') },
    { kind: 'Pod' },
  ],
  [
    'PVC-12/STS-05: 1 of 2 placed: db-0 takes the only local PV on worker01, db-1 finds no volume',
    [statefulSet('db', 2, 'local-storage')],
    { schedulable: false, placed: 1, nodes: ['worker01'], message: expect.stringContaining("2 node(s) didn't find available persistent volumes to bind") },
  ],
  [
    "PVC-11: 2 of 3 placed: the provisioned volume is pinned to the first replica's node, where only two 1.5-CPU replicas fit",
    [claim('shared'), deployment('web', { replicas: 3, cpu: '1500m', podSpec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'shared' } }] } })],
    { schedulable: false, placed: 2, message: expect.stringContaining("node(s) didn't match PersistentVolume's node affinity") },
    { kind: 'Deployment' },
  ],
  [
    'SCHED-24: schedulable by preemption: a high-priority Pod evicts a low-priority one from the only node',
    [
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 100000 },
      pod('urgent', { priorityClassName: 'high', containers: [container({ cpu: '3' })] }),
    ],
    { schedulable: true, placed: 1, nodes: ['worker01'] },
    { kind: 'Pod', cluster: [node('worker01', '4'), { ...pod('filler', { nodeName: 'worker01', priority: 0, containers: [container({ cpu: '3' })] }), metadata: { name: 'filler', namespace: 'default' } }] },
  ],
  [
    'SCHED-04: a Pod already bound in the cluster description takes its CPU: the new Pod does not fit',
    [pod('app', { containers: [container({ cpu: '2' })] })],
    { schedulable: false, message: expect.stringContaining('1 Insufficient cpu') },
    { kind: 'Pod', cluster: [node('worker01', '4'), pod('busy', { nodeName: 'worker01', containers: [container({ cpu: '3' })] }, 'default')] },
  ],
  [
    'RES-12: 2 of 3 placed: the namespace LimitRange gives containers without requests a 3-CPU default request',
    [
      { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '3' }, default: { cpu: '3' } }] } },
      deployment('web', { replicas: 3 }),
    ],
    { schedulable: false, placed: 2, message: expect.stringContaining('2 Insufficient cpu') },
    { kind: 'Deployment' },
  ],
  ['SCHED-03: unschedulable with no node at all: the scheduler says so', [pod('app', { containers: [container()] })], { schedulable: false, message: 'no nodes available to schedule pods' }, { cluster: [] }],
  ['SCHED-04: 300 replicas of 10m: 220 fit, 110 Pods per worker', [deployment('big', { replicas: 300, cpu: '10m' })], { schedulable: false, placed: 220, message: expect.stringContaining('2 Too many pods') }],
];

describe('scheduling model', () => {
  for (const [name, objects, expected, opts] of rows) {
    it(name, () => expect(ask('scheduling', objects, opts)).toMatchObject(expected));
  }

  it('SCHED-06: does not answer for a Pod that already names its node, nor for a workload without containers', () => {
    expect(ask('scheduling', [pod('bound', { nodeName: 'worker01', containers: [container()] })])).toBeUndefined();
    expect(ask('scheduling', [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'empty' }, spec: { template: { spec: {} } } }])).toBeUndefined();
  });

  it('SCHED-25: does not answer for a Pod that names another scheduler', () => {
    expect(ask('scheduling', [pod('custom', { schedulerName: 'my-scheduler', containers: [container({ cpu: '10' })] })])).toBeUndefined();
  });

  it('API-11/SCHED-23: does not answer when admission refuses the Pod (a PriorityClass that does not exist)', () => {
    expect(ask('scheduling', [pod('app', { priorityClassName: 'nope', containers: [container()] })])).toBeUndefined();
  });
});
