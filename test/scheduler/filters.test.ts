// Every filter plugin's reason, as fitsNode words it in the current release and where older releases differ
// (SCHED-04..SCHED-17, RES-09, RES-14). Rows: [name stating verdict and reason, pod, node, snapshot pods, reasons].
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../src/k8s/types.ts';
import { fitsNode } from '../../src/scheduler/schedule.ts';
import { container, MASTER_TAINT, node, pod } from './fixtures.ts';

type Row = [name: string, p: Pod, n: Node, others: Pod[], expected: string[], version?: string];

const special = { key: 'for-special-user', value: 'cadmin', effect: 'NoSchedule' as const };
const nodeA = node('node01', { labels: { zone: 'a', disktype: 'ssd', cores: '8' } });
const onNode = (name: string, nodeName: string, labels: Record<string, string>, extra: Partial<Pod['spec']> = {}): Pod =>
  pod(name, { nodeName, ...extra }, { labels });
const anti = (key: string, value: string, topologyKey = 'kubernetes.io/hostname') => ({
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { [key]: value } }, topologyKey }] },
});

const rows: Row[] = [
  // NodeUnschedulable
  ['SCHED-09: a cordoned node says "node(s) were unschedulable"', pod('p'), node('n', { unschedulable: true }), [], ['node(s) were unschedulable']],
  [
    'SCHED-09: tolerating node.kubernetes.io/unschedulable passes a cordoned node',
    pod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }),
    node('n', { unschedulable: true }),
    [],
    [],
  ],
  // NodeName
  ['SCHED-06: a Pod naming node02 does not fit node01', pod('p', { nodeName: 'node02' }), nodeA, [], ["node(s) didn't match the requested node name"]],
  ['SCHED-06: before 1.22 the reason said hostname', pod('p', { nodeName: 'node02' }), nodeA, [], ["node(s) didn't match the requested hostname"], '1.21'],
  // TaintToleration
  ['SCHED-03: master01\'s master taint, current wording without key and value', pod('p'), node('master01', { taints: [MASTER_TAINT] }), [], ['node(s) had untolerated taint(s)']],
  ['SCHED-03: the seeds\' 1.21 wording names the taint', pod('p'), node('master01', { taints: [MASTER_TAINT] }), [], ["node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate"], '1.21'],
  ['SCHED-12: for-special-user=cadmin in 1.30 wording', pod('p'), node('node01', { taints: [special] }), [], ['node(s) had untolerated taint {for-special-user: cadmin}'], '1.30'],
  ['SCHED-10: 1.17 wording does not name the taint', pod('p'), node('node01', { taints: [special] }), [], ["node(s) had taints that the pod didn't tolerate"], '1.17'],
  [
    'SCHED-12: the Equal toleration for-special-user=cadmin:NoSchedule fits',
    pod('p', { tolerations: [{ key: 'for-special-user', operator: 'Equal', value: 'cadmin', effect: 'NoSchedule' }] }),
    node('node01', { taints: [special] }),
    [],
    [],
  ],
  ['SCHED-10: a PreferNoSchedule taint does not filter', pod('p'), node('n', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }), [], []],
  // NodeAffinity
  ['SCHED-07: nodeSelector disktype=ssd rejects an unlabelled node', pod('p', { nodeSelector: { disktype: 'ssd' } }), node('node02'), [], ["node(s) didn't match Pod's node affinity/selector"]],
  ['SCHED-07: nodeSelector disktype=ssd fits node01 labelled disktype=ssd', pod('p', { nodeSelector: { disktype: 'ssd' } }), nodeA, [], []],
  ['SCHED-07: 1.19 said "didn\'t match node selector"', pod('p', { nodeSelector: { disktype: 'ssd' } }), node('node02'), [], ["node(s) didn't match node selector"], '1.19'],
  [
    'SCHED-15: required affinity cores Gt 4 fits a node with cores=8',
    pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }] } } } }),
    nodeA,
    [],
    [],
  ],
  [
    'SCHED-15: matchFields metadata.name In [node02] rejects node01',
    pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node02'] }] }] } } } }),
    nodeA,
    [],
    ["node(s) didn't match Pod's node affinity/selector"],
  ],
  // NodePorts
  [
    'SCHED-05: hostPort 8081 already used on the node',
    pod('p', { containers: [container('c', undefined, { ports: [{ containerPort: 8080, hostPort: 8081 }] })] }),
    nodeA,
    [pod('other', { nodeName: 'node01', containers: [container('c', undefined, { ports: [{ containerPort: 80, hostPort: 8081 }] })] })],
    ["node(s) didn't have free ports for the requested pod ports"],
  ],
  // NodeResourcesFit
  ['RES-09: httpserver 100m/100Mi fits a 2-cpu node', pod('p', { containers: [container('c', { cpu: '100m', memory: '100Mi' })] }), nodeA, [], []],
  ['RES-09: 10000m cpu is "Insufficient cpu"', pod('p', { containers: [container('c', { cpu: '10000m', memory: '100Mi' })] }), nodeA, [], ['Insufficient cpu']],
  ['SCHED-04: cpu and memory both short give both reasons', pod('p', { containers: [container('c', { cpu: '3', memory: '5Gi' })] }), nodeA, [], ['Insufficient cpu', 'Insufficient memory']],
  ['RES-14: nvidia.com/gpu on a node without GPUs', pod('p', { containers: [container('c', { 'nvidia.com/gpu': '1' })] }), nodeA, [], ['Insufficient nvidia.com/gpu']],
  ['RES-14: nvidia.com/gpu fits a node offering one', pod('p', { containers: [container('c', { 'nvidia.com/gpu': '1' })] }), node('g', { allocatable: { 'nvidia.com/gpu': '1' } }), [], []],
  [
    'SCHED-04: requests already on the node count: 1500m used + 600m > 2 cpu',
    pod('p', { containers: [container('c', { cpu: '600m' })] }),
    nodeA,
    [pod('busy', { nodeName: 'node01', containers: [container('c', { cpu: '1500m' })] })],
    ['Insufficient cpu'],
  ],
  [
    'SCHED-04: a Succeeded Pod no longer occupies the node',
    pod('p', { containers: [container('c', { cpu: '600m' })] }),
    nodeA,
    [{ ...pod('done', { nodeName: 'node01', containers: [container('c', { cpu: '1500m' })] }), status: { phase: 'Succeeded' } }],
    [],
  ],
  ['SCHED-04: a node at its pods allocatable is "Too many pods"', pod('p'), node('n', { allocatable: { pods: '1' } }), [onNode('x', 'n', {})], ['Too many pods']],
  // InterPodAffinity
  [
    'SCHED-16: pod affinity a In [b] rejects a node whose domain runs no such Pod',
    pod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] }, topologyKey: 'zone' }] } } }),
    nodeA,
    [onNode('b1', 'node02', { a: 'b' })],
    ["node(s) didn't match pod affinity rules"],
  ],
  [
    'SCHED-17: anti-affinity on its own label rejects the node already running a replica',
    pod('p', { affinity: anti('app', 'anti-nginx') }, { labels: { app: 'anti-nginx' } }),
    nodeA,
    [onNode('r1', 'node01', { app: 'anti-nginx' })],
    ["node(s) didn't match pod anti-affinity rules"],
  ],
  [
    'SCHED-17: before 1.22 anti-affinity also carried the common reason',
    pod('p', { affinity: anti('app', 'anti-nginx') }, { labels: { app: 'anti-nginx' } }),
    nodeA,
    [onNode('r1', 'node01', { app: 'anti-nginx' })],
    ["node(s) didn't match pod affinity/anti-affinity", "node(s) didn't match pod anti-affinity rules"],
    '1.21',
  ],
  [
    "SCHED-17: an existing Pod's anti-affinity keeps a matching Pod away",
    pod('p', {}, { labels: { app: 'web' } }),
    nodeA,
    [onNode('guard', 'node01', {}, { affinity: anti('app', 'web') })],
    ["node(s) didn't satisfy existing pods anti-affinity rules"],
  ],
  // PodTopologySpread
  [
    'SCHED-18: maxSkew 1 with 2 Pods in zone a and none in zone b rejects zone a',
    pod('p', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }] }, { labels: { app: 's' } }),
    nodeA,
    [onNode('s1', 'node01', { app: 's' }), onNode('s2', 'node01', { app: 's' })],
    ["node(s) didn't match pod topology spread constraints"],
  ],
  [
    'SCHED-18: a node without the topologyKey is missing required label',
    pod('p', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }] }, { labels: { app: 's' } }),
    nodeA,
    [],
    ["node(s) didn't match pod topology spread constraints (missing required label)"],
  ],
];

describe('fitsNode reasons per plugin', () => {
  for (const [name, p, n, others, expected, version] of rows) {
    it(name, () => {
      const zoneB = node('node02', { labels: { zone: 'b' } });
      const snapshot = { nodes: [n, ...(n.metadata.name === 'node02' ? [] : [zoneB])], pods: others };
      expect(fitsNode(p, n.metadata.name, snapshot, version ? { kubernetesVersion: version } : {})).toEqual(expected);
    });
  }

  it('SCHED-02: only the first failing plugin is reported unless runAllFilters', () => {
    const p = pod('p', { nodeSelector: { disktype: 'hdd' }, containers: [container('c', { cpu: '10' })] });
    const snapshot = { nodes: [node('n', { taints: [MASTER_TAINT] })], pods: [] };
    expect(fitsNode(p, 'n', snapshot)).toEqual(['node(s) had untolerated taint(s)']);
    expect(fitsNode(p, 'n', snapshot, { runAllFilters: true })).toEqual([
      'node(s) had untolerated taint(s)',
      "node(s) didn't match Pod's node affinity/selector",
      'Insufficient cpu',
    ]);
  });
});
