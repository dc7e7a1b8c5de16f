// What a Pod takes from a node in the scheduler's accounting (RES-01, SCHED-04, SCHED-22, RES-14):
// k8s.io/component-helpers/resource PodRequests (AggregateContainerRequests) and framework.Resource.Add.
// Units are the scheduler's: cpu in millicores (MilliValue), everything else Value() (bytes, devices).
//
// Worked examples (test/scheduler/resources.test.ts replays them):
// - app 100m + app 200m, init 500m → max(300m, 500m) = 500m (SCHED-22: init containers run one at a time);
// - sidecar 100m, then init 500m, app 200m → init phase 100m+500m = 600m, running phase 200m+100m = 300m → 600m;
// - overhead 50m is added on top: app 100m + overhead 50m = 150m;
// - a container with only limits has no request here (admission copies limits to requests, RES-02).
import { parseQuantity } from '../k8s/quantity.ts';
import type { Container, Pod, ResourceList } from '../k8s/types.ts';

/** Resource name → amount in scheduler units; only resources the Pod requests appear. */
export type ResourceAmounts = Map<string, bigint>;

const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

/**
 * schedutil.IsScalarResourceName: extended resources ("nvidia.com/gpu": a domain, not kubernetes.io/), hugepages-*
 * and attachable-volumes-*; other unqualified names ("gpu") are ignored by the scheduler (RES-14).
 */
export function isSchedulerResource(name: string): boolean {
  if (NATIVE.has(name)) return true;
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  const domain = name.slice(0, name.indexOf('/'));
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io');
}

/** One quantity in scheduler units: MilliValue for cpu, Value (rounded up) otherwise. */
export function toUnits(resource: string, text: string): bigint {
  const q = parseQuantity(text);
  return resource === 'cpu' ? q.milliValue() : q.value();
}

function amounts(list: ResourceList | undefined): ResourceAmounts {
  const out: ResourceAmounts = new Map();
  for (const [name, text] of Object.entries(list ?? {})) {
    if (name !== 'pods' && isSchedulerResource(name)) out.set(name, toUnits(name, text));
  }
  return out;
}

function add(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0n) + v);
}

function maxInto(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (cur === undefined || v > cur) into.set(k, v);
  }
}

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

/**
 * computePodResourceRequest: sum of app containers and sidecars, raised to the largest init-phase need (each
 * init container plus the sidecars started before it), plus spec.overhead.
 */
export function podRequests(pod: Pod): ResourceAmounts {
  const reqs: ResourceAmounts = new Map();
  for (const c of pod.spec.containers) add(reqs, amounts(c.resources?.requests));
  const sidecars: ResourceAmounts = new Map();
  const initPeak: ResourceAmounts = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const own = amounts(c.resources?.requests);
    if (isSidecar(c)) {
      add(reqs, own);
      add(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const phase: ResourceAmounts = new Map(own);
      add(phase, sidecars);
      maxInto(initPeak, phase);
    }
  }
  maxInto(reqs, initPeak);
  add(reqs, amounts(pod.spec.overhead));
  return reqs;
}

/** Node allocatable in scheduler units ("pods" included), from status.allocatable. */
export function nodeAllocatable(list: ResourceList | undefined): ResourceAmounts {
  const out: ResourceAmounts = new Map();
  for (const [name, text] of Object.entries(list ?? {})) {
    if (isSchedulerResource(name)) out.set(name, toUnits(name, text));
  }
  return out;
}
