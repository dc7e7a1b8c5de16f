// LimitRanger, mutating half (RES-12, API-16): plugin/pkg/admission/limitranger/admission.go
// PodMutateLimitFunc. Every Container item's `default` fills missing limits and its `defaultRequest` missing
// requests, in app and init containers alike, and the Pod is annotated with what was set:
//   kubernetes.io/limit-ranger: "LimitRanger plugin set: cpu, memory request for container app; cpu, memory
//   limit for container app"
// (resources sorted; requests before limits per container; init containers say "init container").
// The LimitRange is read as the API server stores it, after SetDefaults_LimitRangeItem
// (pkg/apis/core/v1/defaults.go): a max without default becomes the default, a default without
// defaultRequest becomes the defaultRequest, then a min without defaultRequest becomes the defaultRequest.
// Only Pod CREATE is handled: since containers cannot change, current releases skip Pod updates.
import type { Container, LimitRange, LimitRangeItem, Pod, ResourceList } from '../k8s/types.ts';
import { byteOrder } from './pod-resources.ts';
import type { Attributes, ClusterState, MutationStep } from './types.ts';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

/** SetDefaults_LimitRangeItem; other item types are stored as written. */
export function storedLimitRangeItem(item: LimitRangeItem): LimitRangeItem {
  if (item.type !== 'Container') return item;
  const fill = (into: ResourceList, from: ResourceList | undefined): ResourceList => ({ ...from, ...into });
  const defaults = fill({ ...item.default }, item.max);
  const defaultRequest = fill(fill({ ...item.defaultRequest }, defaults), item.min);
  return { ...item, default: defaults, defaultRequest };
}

/** defaultContainerResourceRequirements: later Container items of the same LimitRange win. */
function containerDefaults(lr: LimitRange): { requests: ResourceList; limits: ResourceList } {
  const out = { requests: {} as ResourceList, limits: {} as ResourceList };
  for (const item of lr.spec.limits.map(storedLimitRangeItem)) {
    if (item.type !== 'Container') continue;
    Object.assign(out.requests, item.defaultRequest);
    Object.assign(out.limits, item.default);
  }
  return out;
}

function merge(c: Container, defaults: { requests: ResourceList; limits: ResourceList }, role: string, notes: string[]): Container {
  const limits = { ...c.resources?.limits };
  const requests = { ...c.resources?.requests };
  const setLimits = Object.keys(defaults.limits).filter((k) => !(k in limits));
  const setRequests = Object.keys(defaults.requests).filter((k) => !(k in requests));
  for (const k of setLimits) limits[k] = String(defaults.limits[k]);
  for (const k of setRequests) requests[k] = String(defaults.requests[k]);
  if (setRequests.length) notes.push(`${setRequests.sort(byteOrder).join(', ')} request for ${role} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort(byteOrder).join(', ')} limit for ${role} ${c.name}`);
  if (setLimits.length === 0 && setRequests.length === 0) return c;
  return { ...c, resources: { ...c.resources, limits, requests } };
}

/** mergePodResourceRequirements for one LimitRange; the annotation is overwritten by each that sets something. */
export function applyLimitRangeDefaults(pod: Pod, lr: LimitRange): Pod {
  const defaults = containerDefaults(lr);
  const notes: string[] = [];
  const containers = pod.spec.containers.map((c) => merge(c, defaults, 'container', notes));
  const inits = pod.spec.initContainers?.map((c) => merge(c, defaults, 'init container', notes));
  if (notes.length === 0) return pod;
  return {
    ...pod,
    metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` } },
    spec: { ...pod.spec, containers, ...(inits ? { initContainers: inits } : {}) },
  };
}

/** The namespace's LimitRanges in the order the plugin meets them (the view's order). */
export function limitRangesFor(cluster: ClusterState, namespace: string | undefined): LimitRange[] {
  return cluster.limitRanges.filter((lr) => (lr.metadata.namespace ?? 'default') === namespace);
}

/** SupportsAttributes plus the deletionTimestamp guard of runLimitFunc. */
export function limitRangerApplies(attrs: Attributes): boolean {
  if (attrs.kind !== 'Pod' || attrs.operation !== 'CREATE') return false;
  return attrs.oldObject?.metadata.deletionTimestamp === undefined;
}

export function limitRangerMutate(attrs: Attributes, cluster: ClusterState): MutationStep {
  if (!limitRangerApplies(attrs)) return { object: attrs.object };
  const pod = limitRangesFor(cluster, attrs.namespace).reduce(applyLimitRangeDefaults, attrs.object as Pod);
  return { object: pod };
}
