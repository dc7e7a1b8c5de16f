// json-logic operations for the workload policies: what Kubernetes itself makes of a container or workload
// once API defaults, the LimitRanger and a HorizontalPodAutoscaler have had their say, so a policy judges
// the object the cluster will run rather than the text the user wrote. They read manifests as written and
// never throw on malformed ones (validation reports those): a value they cannot read is "unknown"
// (null/false), which no policy counts as a violation.
import { storedLimitRangeItem } from '../../admission/limit-ranger-defaults.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import type { LabelSelector, LimitRangeItem } from '../../k8s/types.ts';
import type { CustomOperation } from '../../rules/ops/index.ts';
import { ObjectIndex } from '../object-index.ts';
import { isRecord, podView } from '../pod-template.ts';

type Json = Record<string, unknown>;

const record = (v: unknown): Json => (isRecord(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const labelsOf = (v: unknown): Record<string, string> => record(v) as Record<string, string>;

function indexOf(op: string, value: unknown): ObjectIndex {
  if (value instanceof ObjectIndex) return value;
  throw new Error(`${op}: the first argument must be {"var": "cluster"}`);
}

/** A LabelSelector that parses; an invalid one (bad operator, bad key) is null, for the API server to reject. */
function selects(selector: unknown, labels: Record<string, string>): boolean | null {
  if (!isRecord(selector)) return null;
  try {
    return matchesSelector(selector as LabelSelector, labels);
  } catch {
    return null;
  }
}

const requirementCount = (selector: Json): number => Object.keys(record(selector['matchLabels'])).length + list(selector['matchExpressions']).length;

// ---- images ----

/**
 * An image reference split as the runtime reads it: the digest follows "@", the tag follows the last ":"
 * after the last "/" (so the registry port in `registry:5000/app` is not a tag).
 *   "nginx" → tag "", digest ""; "registry:5000/app:1.2" → tag "1.2"; "app@sha256:ab…" → tag "", digest "sha256:ab…"
 */
export function imageReference(image: string): { tag: string; digest: string } {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  return { tag: colon === -1 ? '' : name.slice(colon + 1), digest: at === -1 ? '' : image.slice(at + 1) };
}

/**
 * SetDefaults_Container: an unset imagePullPolicy is Always when ParseImageName's tag is "latest" (written,
 * or implied by an image with neither tag nor digest), else IfNotPresent (a digest-only image included).
 */
export function effectivePullPolicy(container: Json): string {
  const written = text(container['imagePullPolicy']);
  if (written !== '') return written;
  const { tag, digest } = imageReference(text(container['image']));
  return tag === 'latest' || (tag === '' && digest === '') ? 'Always' : 'IfNotPresent';
}

// ---- resources (RES-02, RES-12) ----

/** The defaults one LimitRange gives a container, as the API server stores it (later Container items win). */
function limitRangeDefaults(lr: Json): { requests: Json; limits: Json } {
  const out = { requests: {} as Json, limits: {} as Json };
  for (const raw of list(record(lr['spec'])['limits'])) {
    if (!isRecord(raw) || raw['type'] !== 'Container') continue;
    const item = storedLimitRangeItem(raw as unknown as LimitRangeItem);
    Object.assign(out.requests, item.defaultRequest);
    Object.assign(out.limits, item.default);
  }
  return out;
}

/**
 * The request or limit a container ends up with: as written; for a request, the limit when only that is
 * written (API defaulting, RES-02); else the first LimitRange of the namespace that defaults it (RES-12).
 *   {limits: {cpu: "500m"}}, "requests", "cpu" → "500m"; nothing written, LimitRange default memory 512Mi → "512Mi"
 */
export function effectiveResource(index: ObjectIndex, namespace: string, container: Json, which: 'requests' | 'limits', resource: string): string | null {
  const resources = record(container['resources']);
  const own = record(resources[which])[resource] ?? (which === 'requests' ? record(resources['limits'])[resource] : undefined);
  if (own !== undefined && own !== null) return String(own);
  for (const lr of index.ofKind('LimitRange', namespace)) {
    const value = limitRangeDefaults(lr.object)[which][resource];
    if (value !== undefined && value !== null) return String(value);
  }
  return null;
}

// ---- scaling ----

const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? (apiVersion.split('/')[0] as string) : '');

/**
 * The HPA controller finds its target by group, kind and name in its own namespace (the version does not
 * matter). A reference without apiVersion is matched on kind and name alone.
 */
function targets(ref: Json, object: Json): boolean {
  const meta = record(object['metadata']);
  if (ref['kind'] !== object['kind'] || typeof ref['name'] !== 'string' || ref['name'] !== meta['name']) return false;
  return typeof ref['apiVersion'] !== 'string' || groupOf(ref['apiVersion']) === groupOf(text(object['apiVersion']));
}

export function autoscalersOf(index: ObjectIndex, namespace: string, object: Json): Json[] {
  return index
    .ofKind('HorizontalPodAutoscaler', namespace)
    .map((h) => h.object)
    .filter((h) => targets(record(record(h['spec'])['scaleTargetRef']), object));
}

/**
 * The fewest replicas a workload runs: spec.replicas (default 1), or the minReplicas (default 1) of an HPA
 * that scales it. spec.replicas 0 stays 0, since the HPA controller leaves a workload scaled to zero alone.
 * Null for kinds without replicas (DaemonSet, Job) or an unreadable count.
 */
export function minReplicas(index: ObjectIndex, namespace: string, object: Json): number | null {
  if (!SCALABLE.includes(text(object['kind']))) return null;
  const replicas = record(object['spec'])['replicas'] ?? 1;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) return null;
  const hpa = autoscalersOf(index, namespace, object)[0];
  if (hpa === undefined || replicas === 0) return replicas;
  const min = record(hpa['spec'])['minReplicas'] ?? 1;
  return typeof min === 'number' ? min : null;
}

// ---- probes (PROBE-01..PROBE-04) ----

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** A named port resolves against the container's own ports, as the kubelet's prober does. */
function resolvePort(port: unknown, container: Json): unknown {
  if (typeof port !== 'string') return port;
  const found = list(container['ports']).find((p) => isRecord(p) && p['name'] === port);
  return isRecord(found) ? found['containerPort'] : port;
}

/** What a probe checks, with Kubernetes' defaults filled in (httpGet path "/" and scheme HTTP). */
function handler(probe: Json, container: Json): unknown[] | null {
  if (isRecord(probe['exec'])) return ['exec', list(probe['exec']['command'])];
  if (isRecord(probe['httpGet'])) {
    const h = probe['httpGet'];
    return ['httpGet', text(h['host']), text(h['scheme']) || 'HTTP', text(h['path']) || '/', resolvePort(h['port'], container), list(h['httpHeaders'])];
  }
  if (isRecord(probe['tcpSocket'])) return ['tcpSocket', text(probe['tcpSocket']['host']), resolvePort(probe['tcpSocket']['port'], container)];
  if (isRecord(probe['grpc'])) return ['grpc', probe['grpc']['port'], text(probe['grpc']['service'])];
  return null;
}

/** Liveness and readiness probes that check the same thing (kube-score's "same readiness and liveness probe"). */
export function sameProbeHandler(container: Json): boolean {
  const live = isRecord(container['livenessProbe']) ? handler(container['livenessProbe'], container) : null;
  const ready = isRecord(container['readinessProbe']) ? handler(container['readinessProbe'], container) : null;
  return live !== null && ready !== null && JSON.stringify(live) === JSON.stringify(ready);
}

/**
 * Probe ports the kubelet cannot resolve: a name that no port of the container declares (and that is not
 * digits, which the prober's last resort reads as a number). Each entry reads `readinessProbe port "http"`.
 */
export function unresolvedProbePorts(container: Json): string[] {
  return unresolvedProbePortFields(container).map(({ probe, port }) => `${probe} port ${JSON.stringify(port)}`);
}

/** The same ports as field paths inside the container (`readinessProbe.httpGet.port`), for pointing at them. */
export function unresolvedProbePortFields(container: Json): { probe: string; port: string; field: string }[] {
  const names = new Set(list(container['ports']).map((p) => record(p)['name']));
  const out: { probe: string; port: string; field: string }[] = [];
  for (const kind of PROBES) {
    const probe = record(container[kind]);
    for (const action of ['httpGet', 'tcpSocket']) {
      const port = record(probe[action])['port'];
      if (typeof port === 'string' && !/^\d+$/.test(port) && !names.has(port)) out.push({ probe: kind, port, field: `${kind}.${action}.port` });
    }
  }
  return out;
}

// ---- spreading (SCHED-16, SCHED-17) ----

const HOSTNAME = 'kubernetes.io/hostname';

/** A term or constraint that spreads the template's own Pods over nodes: hostname key, selector matching them. */
function spreadsOwnPods(term: Json, labels: Record<string, string>, namespace: string): boolean {
  if (term['topologyKey'] !== HOSTNAME || selects(term['labelSelector'], labels) !== true) return false;
  const namespaces = list(term['namespaces']);
  return namespaces.length === 0 || namespaces.includes(namespace) || isRecord(term['namespaceSelector']);
}

/** Required or preferred podAntiAffinity, or a topologySpreadConstraint, over kubernetes.io/hostname. */
export function spreadsOverNodes(pod: unknown, namespace: string): boolean {
  const view = record(pod);
  const spec = record(view['spec']);
  const labels = labelsOf(record(view['metadata'])['labels']);
  const anti = record(record(spec['affinity'])['podAntiAffinity']);
  const terms = [
    ...list(anti['requiredDuringSchedulingIgnoredDuringExecution']),
    ...list(anti['preferredDuringSchedulingIgnoredDuringExecution']).map((w) => record(w)['podAffinityTerm']),
    ...list(spec['topologySpreadConstraints']),
  ];
  return terms.some((t) => spreadsOwnPods(record(t), labels, namespace));
}

// ---- PodDisruptionBudgets ----

/** intstr.GetScaledValueFromIntOrPercent with rounding up, as the disruption controller calls it; null if invalid. */
function scaled(value: unknown, total: number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const m = /^(\d+)%$/.exec(text(value));
  return m ? Math.ceil((Number(m[1]) * total) / 100) : null;
}

/**
 * Does the budget leave no eviction when every selected Pod is healthy? The disruption controller's
 * arithmetic (disruptionsAllowed = healthy − desiredHealthy, floored at 0):
 *   maxUnavailable 0 or "0%", or minAvailable "100%"   → blocks, whatever it selects
 *   minAvailable 3 over a Deployment of 3              → 3 − 3 = 0: blocks
 *   minAvailable "90%" over 3 replicas                 → ceil(2.7) = 3: blocks
 *   maxUnavailable "10%" over 3 replicas               → ceil(0.3) = 1 may go: fine
 * Replicas are each workload's minReplicas (an HPA at its floor). Percentages and maxUnavailable need the
 * controllers' scale, which DaemonSets, Jobs and bare Pods lack: then the answer is unknown (false).
 */
export function pdbBlocksEviction(index: ObjectIndex, namespace: string, pdb: Json): boolean {
  const spec = record(pdb['spec']);
  const { maxUnavailable, minAvailable } = spec;
  if (maxUnavailable === 0 || maxUnavailable === '0%' || (maxUnavailable === undefined && minAvailable === '100%')) return true;
  if (maxUnavailable === undefined && minAvailable === undefined) return false;
  const selected = index.podTemplates(namespace).filter((o) => selects(spec['selector'], o.labels) === true);
  let pods = 0;
  let scalable = true;
  for (const o of selected) {
    const replicas = o.kind === 'Pod' ? 1 : minReplicas(index, namespace, o.object);
    if (replicas === null) return false;
    if (o.kind === 'Pod') scalable = false;
    pods += replicas;
  }
  if (pods === 0) return false;
  let desiredHealthy: number | null;
  if (maxUnavailable !== undefined) {
    const n = scalable ? scaled(maxUnavailable, pods) : null;
    desiredHealthy = n === null ? null : Math.max(0, pods - n);
  } else {
    desiredHealthy = typeof minAvailable === 'number' || scalable ? scaled(minAvailable, pods) : null;
  }
  return desiredHealthy !== null && pods - desiredHealthy <= 0;
}

export const workloadOperations: Readonly<Record<string, CustomOperation>> = {
  /** {"image_tag": [image]}: the tag as written, "" when there is none. */
  image_tag: (image) => imageReference(text(image)).tag,
  /** {"image_digest": [image]}: the digest after "@", "" when there is none. */
  image_digest: (image) => imageReference(text(image)).digest,
  /** {"image_pull_policy": [container]}: imagePullPolicy as written or as the API server defaults it. */
  image_pull_policy: (container) => effectivePullPolicy(record(container)),
  /** {"effective_resource": [cluster, namespace, container, "requests"|"limits", "cpu"]}: quantity or null. */
  effective_resource: (cluster, namespace, container, which, resource) =>
    effectiveResource(indexOf('effective_resource', cluster), text(namespace), record(container), which === 'limits' ? 'limits' : 'requests', text(resource)),
  /** {"autoscalers_of": [cluster, namespace, object]}: the HorizontalPodAutoscalers that scale the object. */
  autoscalers_of: (cluster, namespace, object) => autoscalersOf(indexOf('autoscalers_of', cluster), text(namespace), record(object)),
  /** {"scale_target": [cluster, namespace, hpa]}: the loaded object the HPA's scaleTargetRef names, or null. */
  scale_target: (cluster, namespace, hpa) => {
    const ref = record(record(record(hpa)['spec'])['scaleTargetRef']);
    return indexOf('scale_target', cluster).ofKind(text(ref['kind']), text(namespace)).find((o) => targets(ref, o.object))?.object ?? null;
  },
  /** {"min_replicas": [cluster, namespace, object]}: replicas the workload runs at least, or null. */
  min_replicas: (cluster, namespace, object) => minReplicas(indexOf('min_replicas', cluster), text(namespace), record(object)),
  /** {"same_probe_handler": [container]}: liveness and readiness probes check the same endpoint or command. */
  same_probe_handler: (container) => sameProbeHandler(record(container)),
  /** {"unresolved_probe_ports": [container]}: probe ports naming no port of the container. */
  unresolved_probe_ports: (container) => unresolvedProbePorts(record(container)),
  /** {"unresolved_probe_port_field": [container]}: the first such port as a field path, `readinessProbe.httpGet.port`, or null. */
  unresolved_probe_port_field: (container) => unresolvedProbePortFields(record(container))[0]?.field ?? null,
  /** {"spreads_over_nodes": [pod, namespace]}: hostname anti-affinity or spread over the template's own Pods. */
  spreads_over_nodes: (pod, namespace) => spreadsOverNodes(pod, text(namespace)),
  /** {"selector_selects_all": [selector]}: a LabelSelector object without requirements ({}), which selects everything. */
  selector_selects_all: (selector) => isRecord(selector) && requirementCount(selector) === 0,
  /** {"selector_excludes": [selector, labels]}: a valid, non-empty LabelSelector that does not select the labels. */
  selector_excludes: (selector, labels) => requirementCount(record(selector)) > 0 && selects(selector, labelsOf(labels)) === false,
  /** {"pdb_blocks_eviction": [cluster, namespace, pdb]}: the budget allows no eviction of healthy Pods. */
  pdb_blocks_eviction: (cluster, namespace, pdb) => pdbBlocksEviction(indexOf('pdb_blocks_eviction', cluster), text(namespace), record(pdb)),
};
