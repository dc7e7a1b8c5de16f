// ResourceQuota admission (RES-13, API-16), the last plugin of the chain so that it charges the final,
// defaulted Pod: staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go checkRequest
// with the Pod evaluator of pkg/quota/v1/evaluator/core/pods.go. Pods are charged on CREATE only (Handles).
// 1. Every quota of the namespace that covers the Pod checks Constraints first: a quota on cpu or memory
//    (requests, limits or the bare aliases) needs every container to set that value (rule
//    admission/quota-container-missing):
//      pods "x" is forbidden: failed quota: compute-quota: must specify limits.cpu for: app; requests.cpu for: app
//    Before 1.24 (kubernetes#107210) the message named resources only: `must specify limits.cpu,requests.cpu`.
// 2. Then per quota, per resource the Pod charges (zero charges ignored): used + requested > hard is
//    rejected (rule admission/quota-would-exceed), listing only the exceeded resources, sorted:
//      pods "x" is forbidden: exceeded quota: compute-quota, requested: limits.cpu=2, used: limits.cpu=1, limited: limits.cpu=2
// Quotas are visited in name order (the informer's order is unspecified). Left out: object counts of other
// kinds, the LimitedResources configuration, scopeSelector, and quota status updates (the store's job).
import { getRule } from '../rules/registry.ts';
import type { Pod, ResourceQuota } from '../k8s/types.ts';
import { allContainers, byteOrder, type Quantities } from './pod-resources.ts';
import { hardOf, podUsage, quotaCovers, quotaUsed, trackedResources } from './quota-usage.ts';
import { forbidden, type AdmissionStatus, type Attributes, type ClusterState } from './types.ts';

const MUST_SPECIFY_NAMES_CONTAINERS_SINCE_MINOR = 24;

/** prettyPrint: `limits.cpu=2,limits.memory=1Gi`, names sorted, values in Kubernetes' String() form. */
export function prettyPrint(list: Quantities, names: readonly string[]): string {
  return [...names].sort(byteOrder).map((name) => `${name}=${list.get(name)?.toString() ?? '0'}`).join(',');
}

/** podEvaluator.Constraints: the "must specify …" detail, or undefined when every container complies. */
export function missingResources(pod: Pod, quota: ResourceQuota, minor: number): string | undefined {
  const rule = getRule('admission/quota-container-missing');
  const missing = new Map<string, Set<string>>();
  for (const { container } of allContainers(pod)) {
    for (const resource of trackedResources(quota)) {
      const data = { resource, requests: container.resources?.requests ?? null, limits: container.resources?.limits ?? null };
      if (rule.evaluate(data) !== true) continue;
      missing.set(resource, (missing.get(resource) ?? new Set()).add(container.name));
    }
  }
  if (missing.size === 0) return undefined;
  const resources = [...missing.keys()].sort(byteOrder);
  if (minor < MUST_SPECIFY_NAMES_CONTAINERS_SINCE_MINOR) return `must specify ${resources.join(',')}`;
  const parts = resources.map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort(byteOrder).join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** The exceeded-quota detail for one quota, or undefined when the Pod fits. */
export function exceededQuota(pod: Pod, quota: ResourceQuota, pods: readonly Pod[]): string | undefined {
  const hard = hardOf(quota);
  const used = quotaUsed(quota, pods);
  const usage = podUsage(pod);
  const requested = trackedResources(quota).filter((name) => usage.get(name)?.isZero() === false);
  const rule = getRule('admission/quota-would-exceed');
  const exceeded = requested.filter((name) =>
    rule.evaluate({ used: String(used.get(name)), requested: String(usage.get(name)), hard: String(hard.get(name)) }) === true,
  );
  if (exceeded.length === 0) return undefined;
  return `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(usage, exceeded)}, used: ${prettyPrint(used, exceeded)}, limited: ${prettyPrint(hard, exceeded)}`;
}

export function quotasFor(cluster: ClusterState, namespace: string | undefined): ResourceQuota[] {
  return cluster.resourceQuotas
    .filter((q) => (q.metadata.namespace ?? 'default') === namespace)
    .sort((a, b) => byteOrder(a.metadata.name, b.metadata.name));
}

export function resourceQuotaValidate(attrs: Attributes, cluster: ClusterState): AdmissionStatus | undefined {
  if (attrs.kind !== 'Pod' || attrs.operation !== 'CREATE') return undefined;
  const pod = attrs.object as Pod;
  const covering = quotasFor(cluster, attrs.namespace).filter((q) => quotaCovers(q, pod));
  for (const quota of covering) {
    const missing = missingResources(pod, quota, attrs.minor);
    if (missing) return forbidden('Pod', attrs.name, `failed quota: ${quota.metadata.name}: ${missing}`);
  }
  // The Pod being created is not stored yet; a stale entry of the same name must not be counted twice.
  const others = cluster.pods.filter((p) => !(p.metadata.name === pod.metadata.name && (p.metadata.namespace ?? 'default') === attrs.namespace));
  for (const quota of covering) {
    const detail = exceededQuota(pod, quota, others);
    if (detail) return forbidden('Pod', attrs.name, detail);
  }
  return undefined;
}
