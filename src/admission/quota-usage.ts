// What a Pod charges against ResourceQuotas (RES-13), after pkg/quota/v1/evaluator/core/pods.go:
// count/pods 1 for every stored Pod; for Pods not yet Succeeded or Failed (rule admission/quota-charges-compute)
// also pods 1 and, from PodRequests / PodLimits with overhead, requests.X and its bare alias X (cpu,
// memory, ephemeral-storage) plus limits.X. A quota's used is the sum over the namespace's Pods its scopes
// cover (rule admission/quota-scope-matches), "0" for a resource no Pod uses — what the quota controller
// writes to status.used; the model recomputes it instead of trusting a stored status.
// Left out: hugepages-* and extended resources (requests.nvidia.com/gpu), and pod-level resources.
import { getRule } from '../rules/registry.ts';
import type { Pod, ResourceQuota } from '../k8s/types.ts';
import { addInto, podLimits, podRequests, Quantity, quantityOf, type Quantities } from './pod-resources.ts';

/** podResources: the quota resource names the Pod evaluator tracks (MatchingResources). */
export const POD_QUOTA_RESOURCES: readonly string[] = [
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
];
const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];

/** PodUsageFunc. */
export function podUsage(pod: Pod): Quantities {
  const usage: Quantities = new Map([['count/pods', Quantity.of(1n)]]);
  if (getRule('admission/quota-charges-compute').evaluate({ pod }) !== true) return usage;
  usage.set('pods', Quantity.of(1n));
  const requests = podRequests(pod);
  const limits = podLimits(pod);
  for (const name of COMPUTE) {
    const req = requests.get(name);
    const lim = limits.get(name);
    if (req) usage.set(name, req).set(`requests.${name}`, req);
    if (lim) usage.set(`limits.${name}`, lim);
  }
  return usage;
}

export function hardOf(quota: ResourceQuota): Quantities {
  return new Map(Object.entries(quota.spec.hard ?? {}).map(([name, v]) => [name, quantityOf(v)]));
}

/** The quota's hard resource names the Pod evaluator tracks. */
export function trackedResources(quota: ResourceQuota): string[] {
  return Object.keys(quota.spec.hard ?? {}).filter((name) => POD_QUOTA_RESOURCES.includes(name));
}

/** generic.Matches: the quota tracks some Pod resource and every one of its scopes covers the Pod. */
export function quotaCovers(quota: ResourceQuota, pod: Pod): boolean {
  if (trackedResources(quota).length === 0) return false;
  const rule = getRule('admission/quota-scope-matches');
  return (quota.spec.scopes ?? []).every((scope) => rule.evaluate({ scope, pod }) === true);
}

/** status.used as the quota controller computes it, for every hard resource the Pod evaluator tracks. */
export function quotaUsed(quota: ResourceQuota, pods: readonly Pod[]): Quantities {
  const namespace = quota.metadata.namespace ?? 'default';
  let sum: Quantities = new Map();
  for (const pod of pods) {
    if ((pod.metadata.namespace ?? 'default') === namespace && quotaCovers(quota, pod)) sum = addInto(sum, podUsage(pod));
  }
  return new Map(trackedResources(quota).map((name) => [name, sum.get(name) ?? Quantity.of(0n)]));
}
