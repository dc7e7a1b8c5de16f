// Random clusters for scheduler properties: 1–6 nodes with zone/disktype labels, taints from a small set,
// cordons, cpu/memory/pods/GPU allocatable, Pods already bound to them (requests, labels, hostPorts, some
// with required anti-affinity), and a random Pod to schedule (requests, nodeSelector, tolerations, hostPort,
// anti-affinity, a zone spread constraint). Amounts are whole millicores and Mi so oracles can add them as
// plain numbers.
import fc from 'fast-check';
import type { Node, Pod, Taint, Toleration } from '../../src/k8s/types.ts';
import type { ClusterSnapshot } from '../../src/scheduler/types.ts';

export const TAINTS: readonly Taint[] = [
  { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
  { key: 'for-special-user', value: 'cadmin', effect: 'NoSchedule' },
  { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
  { key: 'soft', effect: 'PreferNoSchedule' },
];

export const TOLERATIONS: readonly Toleration[] = [
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'for-special-user', operator: 'Equal', value: 'cadmin', effect: 'NoSchedule' },
  { key: 'for-special-user', operator: 'Equal', value: 'other', effect: 'NoSchedule' },
  { key: 'dedicated', operator: 'Exists' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  { operator: 'Exists' },
];

const arbLabels = fc.record(
  { zone: fc.constantFrom('a', 'b', 'c'), disktype: fc.constantFrom('ssd', 'hdd') },
  { requiredKeys: [] },
);

const arbNode = (i: number): fc.Arbitrary<Node> =>
  fc
    .record({
      labels: arbLabels,
      taints: fc.subarray([...TAINTS], { maxLength: 2 }),
      unschedulable: fc.constantFrom(false, false, false, true),
      cpu: fc.integer({ min: 1, max: 8 }),
      memory: fc.integer({ min: 1, max: 8 }),
      pods: fc.integer({ min: 1, max: 6 }),
      gpus: fc.constantFrom(0, 0, 1, 2),
    })
    .map((o) => ({
      apiVersion: 'v1' as const,
      kind: 'Node' as const,
      metadata: { name: `node${i}`, labels: { 'kubernetes.io/hostname': `node${i}`, ...o.labels } },
      spec: { taints: o.taints, ...(o.unschedulable ? { unschedulable: true } : {}) },
      status: { allocatable: { cpu: `${o.cpu * 500}m`, memory: `${o.memory * 512}Mi`, pods: String(o.pods), ...(o.gpus > 0 ? { 'nvidia.com/gpu': String(o.gpus) } : {}) } },
    }));

const APPS = ['web', 'db', 'cache'] as const;

interface PodOpts {
  name: string;
  cpu: number;
  memory: number;
  gpu: number;
  app: string;
  hostPort: number | null;
  nodeSelector: { disktype?: string };
  tolerations: Toleration[];
  antiSelf: boolean;
  spread: { maxSkew: number } | null;
}

const arbPodOpts = (name: string): fc.Arbitrary<PodOpts> =>
  fc.record({
    name: fc.constant(name),
    cpu: fc.integer({ min: 0, max: 8 }).map((n) => n * 250),
    memory: fc.integer({ min: 0, max: 8 }).map((n) => n * 256),
    gpu: fc.constantFrom(0, 0, 0, 1),
    app: fc.constantFrom(...APPS),
    hostPort: fc.constantFrom(null, null, null, 8080, 9090),
    nodeSelector: fc.record({ disktype: fc.constantFrom('ssd', 'hdd') }, { requiredKeys: [] }),
    tolerations: fc.subarray([...TOLERATIONS], { maxLength: 3 }),
    antiSelf: fc.boolean(),
    spread: fc.option(fc.record({ maxSkew: fc.integer({ min: 1, max: 2 }) }), { nil: null }),
  });

export function podFrom(o: PodOpts, nodeName?: string): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu > 0) requests.cpu = `${o.cpu}m`;
  if (o.memory > 0) requests.memory = `${o.memory}Mi`;
  if (o.gpu > 0) requests['nvidia.com/gpu'] = String(o.gpu);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name, namespace: 'default', labels: { app: o.app } },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [
        {
          name: 'c',
          image: 'nginx',
          resources: { requests },
          ...(o.hostPort !== null ? { ports: [{ containerPort: 80, hostPort: o.hostPort }] } : {}),
        },
      ],
      ...(Object.keys(o.nodeSelector).length > 0 ? { nodeSelector: o.nodeSelector as Record<string, string> } : {}),
      ...(o.tolerations.length > 0 ? { tolerations: o.tolerations } : {}),
      ...(o.antiSelf
        ? {
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: o.app } }, topologyKey: 'kubernetes.io/hostname' }],
              },
            },
          }
        : {}),
      ...(o.spread
        ? {
            topologySpreadConstraints: [
              { maxSkew: o.spread.maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: o.app } } },
            ],
          }
        : {}),
    },
    status: { phase: nodeName ? 'Running' : 'Pending' },
  };
}

export interface ClusterCase {
  snapshot: ClusterSnapshot;
  pod: Pod;
}

/** A cluster of 1–6 nodes with 0–8 bound Pods, and a Pending Pod to schedule. */
export const arbClusterCase: fc.Arbitrary<ClusterCase> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc
    .record({
      nodes: fc.tuple(...Array.from({ length: n }, (_, i) => arbNode(i))),
      bound: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), arbPodOpts('x')), { maxLength: 8 }),
      pending: arbPodOpts('pending'),
    })
    .map(({ nodes, bound, pending }) => ({
      snapshot: { nodes, pods: bound.map(([i, o], k) => podFrom({ ...o, name: `bound${k}` }, `node${i}`)) },
      pod: podFrom(pending),
    })),
);
