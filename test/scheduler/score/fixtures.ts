// Small clusters for the score tests: Nodes, Pods and the NodeInfo the filter phase would hand to scoreNodes.
import { parseQuantity, Quantity } from '../../../src/k8s/quantity.ts';
import type { Affinity, Container, Node, Pod, Taint, Toleration, TopologySpreadConstraint } from '../../../src/k8s/types.ts';
import type { ClusterSnapshot, NodeInfo } from '../../../src/scheduler/types.ts';

export const MiB = 1024 * 1024;

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  images?: { names: string[]; sizeBytes: number }[];
}

export function node(name: string, o: NodeOpts = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '16Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints ?? [] },
    status: { capacity: allocatable, allocatable, images: o.images ?? [] },
  };
}

export interface PodOpts {
  namespace?: string;
  nodeName?: string;
  labels?: Record<string, string>;
  requests?: Record<string, string>;
  image?: string;
  containers?: Container[];
  affinity?: Affinity;
  tolerations?: Toleration[];
  spread?: TopologySpreadConstraint[];
}

export function pod(name: string, o: PodOpts = {}): Pod {
  const container: Container = { name: 'app', image: o.image ?? 'registry.example/app:1.0', ...(o.requests ? { resources: { requests: o.requests } } : {}) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', labels: o.labels ?? {} },
    spec: {
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      containers: o.containers ?? [container],
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.spread ? { topologySpreadConstraints: o.spread } : {}),
    },
  };
}

function sum(pods: readonly Pod[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const p of pods) for (const c of p.spec.containers) for (const [k, v] of Object.entries(c.resources?.requests ?? {})) out.set(k, (out.get(k) ?? Quantity.of(0n)).add(parseQuantity(v)));
  return out;
}

export function nodeInfo(n: Node, pods: readonly Pod[]): NodeInfo {
  const onNode = pods.filter((p) => p.spec.nodeName === n.metadata.name);
  const allocatable = new Map(Object.entries(n.status?.allocatable ?? {}).map(([k, v]) => [k, parseQuantity(v)] as const));
  return { node: n, pods: onNode, requested: sum(onNode), allocatable, usedPorts: new Set() };
}

/** Every node feasible unless `feasible` names a subset. */
export function cluster(nodes: Node[], pods: Pod[], feasible?: string[]): { snapshot: ClusterSnapshot; feasible: NodeInfo[] } {
  const snapshot: ClusterSnapshot = { nodes, pods };
  const chosen = feasible === undefined ? nodes : nodes.filter((n) => feasible.includes(n.metadata.name));
  return { snapshot, feasible: chosen.map((n) => nodeInfo(n, pods)) };
}
