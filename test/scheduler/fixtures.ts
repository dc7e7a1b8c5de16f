// Small builders for scheduler tests: the seeds' lab cluster (master01 tainted node-role.kubernetes.io/master,
// node01 and node02 workers) and Pods with requests, selectors and tolerations.
import type { Container, Node, Pod, PodSpec, Taint } from '../../src/k8s/types.ts';
import type { ClusterSnapshot } from '../../src/scheduler/types.ts';

export interface NodeOpts {
  labels?: Record<string, string>;
  taints?: Taint[];
  allocatable?: Record<string, string>;
  unschedulable?: boolean;
}

export function node(name: string, o: NodeOpts = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110', ...o.allocatable } },
  };
}

export function container(name: string, requests?: Record<string, string>, extra: Partial<Container> = {}): Container {
  return { name, image: 'nginx', ...(requests ? { resources: { requests } } : {}), ...extra };
}

export function pod(name: string, spec: Partial<PodSpec> = {}, meta: { labels?: Record<string, string>; namespace?: string; startTime?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: meta.namespace ?? 'default', ...(meta.labels ? { labels: meta.labels } : {}) },
    spec: { containers: [container('app')], ...spec },
    status: { phase: spec.nodeName ? 'Running' : 'Pending', ...(meta.startTime ? { startTime: meta.startTime } : {}) },
  };
}

export const MASTER_TAINT: Taint = { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' };

/** The seeds' three-node lab: master01 (tainted), node01, node02, each 2 cpu / 4Gi. */
export function lab(extraPods: Pod[] = []): ClusterSnapshot {
  return {
    nodes: [node('master01', { taints: [MASTER_TAINT], labels: { 'node-role.kubernetes.io/master': '' } }), node('node01'), node('node02')],
    pods: extraPods,
  };
}
