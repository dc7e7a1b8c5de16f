// The wording of kubelet's evictions (pkg/kubelet/eviction/helpers.go evictionMessage and the format strings
// at its top; eviction_manager.go localStorageEviction). Every sentence ends in ". ", so messages end in a
// space: "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container app was
// using 600Mi, request is 100Mi, has larger consumption of memory. " The Pod becomes Failed with reason
// Evicted and this message (NODE-13), and the same text is the Evicted event's.
// Left out: the pod-level resources sentence (PodLevelResources with spec.resources set).
import { getRule } from '../rules/registry.ts';
import { parseQuantity, Quantity } from '../k8s/quantity.ts';
import type { Container, Pod } from '../k8s/types.ts';
import type { PodStats } from './rank.ts';
import type { StarvedResource } from './signals.ts';

export interface EvictionMessage {
  message: string;
  /** offending_containers, offending_containers_usage, starved_resource (only when the Pod had stats). */
  annotations: Record<string, string>;
}

const bytes = (text: string): Quantity => Quantity.of(parseQuantity(text).value(), 0, 'BinarySI');

/**
 * evictionMessage: the starved resource, the threshold that was met for it (if any), then each container
 * (in stats order, app then init containers by name) whose usage exceeds its own request of that resource.
 * Usage prints as NewQuantity(bytes, BinarySI) ("629145600" → "600Mi"); a request as written, "0" if absent.
 */
export function evictionMessage(input: {
  resource: StarvedResource;
  threshold?: { quantity: string; available: string };
  pod: Pod;
  stats?: PodStats;
}): EvictionMessage {
  const { resource, threshold, pod, stats } = input;
  let message = `The node was low on resource: ${resource}. `;
  if (threshold) message += `Threshold quantity: ${threshold.quantity}, available: ${threshold.available}. `;
  if (!stats) return { message, annotations: {} };
  const specs: Container[] = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const offenders: string[] = [];
  const usages: string[] = [];
  for (const cs of stats.containers ?? []) {
    const spec = specs.find((c) => c.name === cs.name);
    if (!spec) continue;
    const text = spec.resources?.requests?.[resource];
    const request = text === undefined ? Quantity.of(0n) : parseQuantity(text);
    let usage: Quantity | undefined;
    if (resource === 'memory' && cs.memory !== undefined) usage = bytes(cs.memory);
    if (resource === 'ephemeral-storage' && cs.rootfs !== undefined && cs.logs !== undefined) usage = bytes(cs.rootfs).add(bytes(cs.logs));
    if (usage === undefined || usage.cmp(request) <= 0) continue;
    message += `Container ${spec.name} was using ${usage.toString()}, request is ${request.toString()}, has larger consumption of ${resource}. `;
    offenders.push(spec.name);
    usages.push(usage.toString());
  }
  return {
    message,
    annotations: { offending_containers: offenders.join(','), offending_containers_usage: usages.join(','), starved_resource: resource },
  };
}

const exceeds = (usage: string, limit: string | null): boolean => getRule('eviction/exceeds-limit').evaluate({ usage, limit }) === true;
const goQuote = (s: string): string => JSON.stringify(s);

/**
 * RES-11: kubelet evicts a Pod whose local storage exceeds a limit, checking in this order an emptyDir's
 * sizeLimit, the sum of the containers' ephemeral-storage limits, then each container's own limit (its logs,
 * plus its writable layer unless images live on a dedicated imagefs). The message, or null when within limits.
 */
export function localStorageEviction(pod: Pod, stats: PodStats, opts: { dedicatedImageFs?: boolean } = {}): string | null {
  for (const v of pod.spec.volumes ?? []) {
    const emptyDir = v.emptyDir as { sizeLimit?: string } | undefined;
    const used = stats.volumes?.[v.name];
    if (emptyDir && used !== undefined && exceeds(used, emptyDir.sizeLimit ?? null)) {
      return `Usage of EmptyDir volume ${goQuote(v.name)} exceeds the limit ${goQuote(parseQuantity(emptyDir.sizeLimit!).toString())}. `;
    }
  }
  // PodLimits summed over the app containers (init containers and overhead left out).
  const limits = pod.spec.containers.flatMap((c) => (c.resources?.limits?.['ephemeral-storage'] ? [parseQuantity(c.resources.limits['ephemeral-storage'])] : []));
  if (limits.length > 0) {
    const total = limits.reduce((a, b) => a.add(b));
    if (exceeds(stats.ephemeralStorage ?? '0', total.toString())) {
      return `Pod ephemeral local storage usage exceeds the total limit of containers ${total.toString()}. `;
    }
  }
  for (const cs of stats.containers ?? []) {
    const spec = pod.spec.containers.find((c) => c.name === cs.name);
    const limit = spec?.resources?.limits?.['ephemeral-storage'];
    if (limit === undefined) continue;
    let used = bytes(cs.logs ?? '0');
    if (!opts.dedicatedImageFs) used = used.add(bytes(cs.rootfs ?? '0'));
    if (exceeds(used.toString(), limit)) return `Container ${cs.name} exceeded its local ephemeral storage limit ${goQuote(parseQuantity(limit).toString())}. `;
  }
  return null;
}
