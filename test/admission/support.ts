// Small builders for admission tests: a cluster view and Pods/LimitRanges/quotas written as briefly as
// the Kubernetes documentation's examples.
import type { Container, LimitRange, LimitRangeItem, Namespace, Pod, PriorityClass, ResourceList, ResourceQuota } from '../../src/k8s/types.ts';
import type { ClusterState } from '../../src/admission/types.ts';

export function cluster(parts: Partial<ClusterState> = {}): ClusterState {
  return { namespaces: [], limitRanges: [], resourceQuotas: [], priorityClasses: [], pods: [], ...parts };
}

export function container(name: string, requests?: ResourceList, limits?: ResourceList): Container {
  const resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
  return { name, image: 'nginx:1.27', ...(requests || limits ? { resources } : {}) };
}

export function pod(name: string, containers: Container[], extra: { namespace?: string; spec?: Partial<Pod['spec']>; phase?: Pod['status'] extends infer S ? S extends { phase?: infer P } ? P : never : never } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: extra.namespace ?? 'default' },
    spec: { containers, ...extra.spec },
    ...(extra.phase ? { status: { phase: extra.phase } } : {}),
  };
}

export function limitRange(name: string, items: LimitRangeItem[], namespace = 'default'): LimitRange {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace }, spec: { limits: items } };
}

export function quota(name: string, hard: ResourceList, extra: { namespace?: string; scopes?: string[] } = {}): ResourceQuota {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: extra.namespace ?? 'default' },
    spec: { hard, ...(extra.scopes ? { scopes: extra.scopes } : {}) },
  };
}

export function namespace(name: string, phase?: 'Active' | 'Terminating'): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...(phase ? { status: { phase } } : {}) };
}

export function priorityClass(name: string, value: number, extra: Partial<Omit<PriorityClass, 'metadata' | 'value'>> = {}): PriorityClass {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra };
}
