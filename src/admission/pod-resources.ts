// A Pod's requests and limits as k8s.io/component-helpers/resource PodRequests / PodLimits add them up
// (RES-01, SCHED-22): app containers and sidecars (restartable init containers, KEP-753) run together and are
// summed; each ordinary init container runs alone next to the sidecars started before it; the Pod's figure is
// the larger of the two, per resource. Worked example: app 200m + sidecar 100m + init 500m
// → max(200m + 100m, 500m + 100m) = 600m. Pod overhead is added to every request, and to a limit only where
// one is set. Pod-level resources (spec.resources) are not modelled.
import { parseQuantity, Quantity } from '../k8s/quantity.ts';
import type { Container, Pod, ResourceList } from '../k8s/types.ts';

export type Quantities = Map<string, Quantity>;

/** A ResourceList value as Kubernetes reads it; YAML numbers (`cpu: 2`) arrive as JSON numbers. */
export function quantityOf(value: string | number): Quantity {
  return parseQuantity(String(value));
}

export function quantities(list: ResourceList | undefined): Quantities {
  return new Map(Object.entries(list ?? {}).map(([name, v]) => [name, quantityOf(v)]));
}

/** addResourceList: the first value of a resource is kept as is (its spelling too), later ones are added. */
export function addInto(into: Quantities, add: Quantities): Quantities {
  const out = new Map(into);
  for (const [name, q] of add) {
    const have = out.get(name);
    out.set(name, have ? have.add(q) : q);
  }
  return out;
}

/** maxResourceList: per resource the larger value. */
function maxInto(into: Quantities, other: Quantities): Quantities {
  const out = new Map(into);
  for (const [name, q] of other) {
    const have = out.get(name);
    if (!have || q.cmp(have) > 0) out.set(name, q);
  }
  return out;
}

type Side = 'requests' | 'limits';

function aggregateContainers(pod: Pod, side: Side): Quantities {
  const of = (c: Container) => quantities(c.resources?.[side]);
  let total: Quantities = new Map();
  for (const c of pod.spec.containers) total = addInto(total, of(c));
  let sidecars: Quantities = new Map();
  let initPeak: Quantities = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    let running: Quantities;
    if (c.restartPolicy === 'Always') {
      total = addInto(total, of(c));
      sidecars = addInto(sidecars, of(c));
      running = sidecars;
    } else {
      running = addInto(of(c), sidecars);
    }
    initPeak = maxInto(initPeak, running);
  }
  return maxInto(total, initPeak);
}

/** PodRequests; `withOverhead` false is LimitRanger's ExcludeOverhead. */
export function podRequests(pod: Pod, withOverhead = true): Quantities {
  const reqs = aggregateContainers(pod, 'requests');
  return withOverhead && pod.spec.overhead ? addInto(reqs, quantities(pod.spec.overhead)) : reqs;
}

/** PodLimits: overhead only raises limits that are set (an unset limit stays unlimited). */
export function podLimits(pod: Pod, withOverhead = true): Quantities {
  const limits = aggregateContainers(pod, 'limits');
  if (!withOverhead || !pod.spec.overhead) return limits;
  const overhead = quantities(pod.spec.overhead);
  const out = new Map(limits);
  for (const [name, q] of overhead) {
    const have = out.get(name);
    if (have) out.set(name, have.add(q));
  }
  return out;
}

/** Every container with the word Kubernetes uses for it in messages: app containers first. */
export function allContainers(pod: Pod): { container: Container; role: 'container' | 'init container' }[] {
  return [
    ...pod.spec.containers.map((container) => ({ container, role: 'container' as const })),
    ...(pod.spec.initContainers ?? []).map((container) => ({ container, role: 'init container' as const })),
  ];
}

/** Go's sort.Strings order (byte-wise), which admission messages use for resource and container names. */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export { Quantity };
