// LimitRanger, validating half (RES-12, API-16): plugin/pkg/admission/limitranger/admission.go
// PodValidateLimitFunc. For each LimitRange of the namespace, each Container item checks every app and init
// container, and each Pod item the Pod's summed requests and limits (without overhead), against min, max and
// maxLimitRequestRatio: decisions by rules admission/limit-min, limit-max, limit-ratio. All violations of
// one LimitRange are reported together, e.g.
//   pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2
//   pods "web" is forbidden: [minimum memory usage per Container is 100Mi, but request is 50Mi, …]
// Go walks min/max/ratio maps in random order; the model sorts resources so the message is reproducible.
// Wording: current releases; kubernetes#69941 (v1.15) dropped the trailing periods, before the oldest
// release kubemodel tables (1.16). Left out: PersistentVolumeClaim items (no PVCs in the model).
import { getRule } from '../rules/registry.ts';
import type { LimitRangeItem, Pod, ResourceList } from '../k8s/types.ts';
import { limitRangerApplies, limitRangesFor, storedLimitRangeItem } from './limit-ranger-defaults.ts';
import { allContainers, byteOrder, podLimits, podRequests, quantities, quantityOf, type Quantities, type Quantity } from './pod-resources.ts';
import { aggregate, forbidden, type AdmissionStatus, type Attributes, type ClusterState } from './types.ts';

/** resource.MaxMilliValue: the largest value whose MilliValue fits an int64. */
const MAX_MILLI_VALUE = ((1n << 63n) - 1n) / 1000n;

/**
 * requestLimitEnforcedValues: MilliValue of all three when each Value fits MaxMilliValue, else Value; a
 * missing quantity is zero. "250m" vs "1" → 250 vs 1000; "8Ei" vs "1" → whole units.
 */
function comparable(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [bigint, bigint, bigint] {
  const value = (q: Quantity | undefined) => q?.value() ?? 0n;
  const milli = value(req) <= MAX_MILLI_VALUE && value(lim) <= MAX_MILLI_VALUE && enforced.value() <= MAX_MILLI_VALUE;
  const scaled = (q: Quantity | undefined) => (q === undefined ? 0n : milli ? q.milliValue() : q.value());
  return [scaled(req), scaled(lim), scaled(enforced)];
}

function minMessage(type: string, name: string, bound: Quantity, req: Quantity | undefined, lim: Quantity | undefined): string | undefined {
  const [r, l, e] = comparable(req, lim, bound);
  const verdict = getRule('admission/limit-min').evaluate({ request: req ? String(r) : null, limit: lim ? String(l) : null, enforced: String(e) });
  const head = `minimum ${name} usage per ${type} is ${bound}`;
  if (verdict === 'no-request') return `${head}.  No request is specified`;
  if (verdict === 'request') return `${head}, but request is ${req}`;
  if (verdict === 'limit') return `${head}, but limit is ${lim}`;
  return undefined;
}

function maxMessage(type: string, name: string, bound: Quantity, req: Quantity | undefined, lim: Quantity | undefined): string | undefined {
  const [r, l, e] = comparable(req, lim, bound);
  const verdict = getRule('admission/limit-max').evaluate({ request: req ? String(r) : null, limit: lim ? String(l) : null, enforced: String(e) });
  const head = `maximum ${name} usage per ${type} is ${bound}`;
  if (verdict === 'no-limit') return `${head}.  No limit is specified`;
  if (verdict === 'limit') return `${head}, but limit is ${lim}`;
  if (verdict === 'request') return `${head}, but request is ${req}`;
  return undefined;
}

/** Go prints the observed ratio with %f (six decimals) from the same float64 it compared. */
function ratioMessage(type: string, name: string, bound: Quantity, req: Quantity | undefined, lim: Quantity | undefined): string | undefined {
  const [r, l] = comparable(req, lim, bound);
  const scaleMilli = bound.value() <= MAX_MILLI_VALUE;
  const data = {
    request: req ? Number(r) : null,
    limit: lim ? Number(l) : null,
    maxRatio: Number(scaleMilli ? bound.milliValue() : bound.value()),
    scale: scaleMilli ? 1000 : 1,
  };
  const verdict = getRule('admission/limit-ratio').evaluate(data);
  const head = `${name} max limit to request ratio per ${type} is ${bound}`;
  if (verdict === 'no-request') return `${head}, but no request is specified or request is 0`;
  if (verdict === 'no-limit') return `${head}, but no limit is specified or limit is 0`;
  if (verdict === 'exceeded') return `${head}, but provided ratio is ${(Number(l) / Number(r)).toFixed(6)}`;
  return undefined;
}

const sortedEntries = (list: ResourceList | undefined) => Object.entries(list ?? {}).sort(([a], [b]) => byteOrder(a, b));

function check(item: LimitRangeItem, requests: Quantities, limits: Quantities): string[] {
  const out: string[] = [];
  const each = (list: ResourceList | undefined, f: typeof minMessage) => {
    for (const [name, bound] of sortedEntries(list)) {
      const message = f(item.type, name, quantityOf(bound), requests.get(name), limits.get(name));
      if (message) out.push(message);
    }
  };
  each(item.min, minMessage);
  each(item.max, maxMessage);
  each(item.maxLimitRequestRatio, ratioMessage);
  return out;
}

export function limitRangeViolations(pod: Pod, items: readonly LimitRangeItem[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const { container } of allContainers(pod)) {
        out.push(...check(item, quantities(container.resources?.requests), quantities(container.resources?.limits)));
      }
    } else if (item.type === 'Pod') {
      out.push(...check(item, podRequests(pod, false), podLimits(pod, false)));
    }
  }
  return out;
}

export function limitRangerValidate(attrs: Attributes, cluster: ClusterState): AdmissionStatus | undefined {
  if (!limitRangerApplies(attrs)) return undefined;
  for (const lr of limitRangesFor(cluster, attrs.namespace)) {
    const errors = limitRangeViolations(attrs.object as Pod, lr.spec.limits.map(storedLimitRangeItem));
    if (errors.length > 0) return forbidden('Pod', attrs.name, aggregate(errors));
  }
  return undefined;
}
