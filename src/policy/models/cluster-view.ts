// What the simulation-backed models share: the objects of one kind from the user's manifests and the
// cluster description together, the Pods a workload's controller would create from its template (admitted
// as the API server admits them), and a per-run memo so that several policies asking about one object, or
// a Service asking about its Deployment, pay for a simulation once.
import { admit } from '../../admission/chain.ts';
import type { ClusterState } from '../../admission/types.ts';
import { applyPodDefaults } from '../../k8s/parse-manifests.ts';
import { selectorMatches } from '../../network/cluster/endpointslices.ts';
import type { LimitRange, Namespace, Pod, PodSpec, PriorityClass, StorageClass, Toleration } from '../../k8s/types.ts';
import type { IndexedObject } from '../object-index.ts';
import { isRecord, podView, WORKLOAD_KINDS } from '../pod-template.ts';
import type { ModelContext } from './types.ts';

const memos = new WeakMap<ModelContext, Map<string, unknown>>();

/** The value of `compute` for `key`, computed once per validation run (one ModelContext). */
export function memo<T>(ctx: ModelContext, key: string, compute: () => T): T {
  let m = memos.get(ctx);
  if (!m) memos.set(ctx, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

export const objectKey = (o: IndexedObject): string => `${o.kind}/${o.namespace}/${o.name}`;

/**
 * Objects of `kind` the user gave, then the cluster description's, each once: a validation run may index
 * the cluster's objects with the user's, a policy example does not, and the model must see them either way.
 */
export function objectsOf(ctx: ModelContext, kind: string): IndexedObject[] {
  return memo(ctx, `objects:${kind}`, () => {
    const seen = new Set<string>();
    const out: IndexedObject[] = [];
    for (const o of [...ctx.index.ofKind(kind), ...ctx.cluster.filter((c) => c.kind === kind)]) {
      const key = objectKey(o);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(o);
    }
    return out;
  });
}

/** objectsOf, for one namespace: a lookup per Service or Deployment, never a scan of every object. */
export function objectsIn(ctx: ModelContext, kind: string, namespace: string): IndexedObject[] {
  const byNamespace = memo(ctx, `objects-by-namespace:${kind}`, () => {
    const m = new Map<string, IndexedObject[]>();
    for (const o of objectsOf(ctx, kind)) {
      const list = m.get(o.namespace);
      if (list) list.push(o);
      else m.set(o.namespace, [o]);
    }
    return m;
  });
  return byNamespace.get(namespace) ?? [];
}

export const typed = <T>(objects: readonly IndexedObject[]): T[] => objects.map((o) => o.object as unknown as T);

/** Namespaces, LimitRanges, PriorityClasses and StorageClasses as admission reads them; quotas are left out. */
export function admissionState(ctx: ModelContext, namespace: string): ClusterState {
  const given = typed<Namespace>(objectsOf(ctx, 'Namespace'));
  const names = new Set(given.map((n) => n.metadata.name));
  // The namespaces every cluster has, and the object's own: validating a manifest assumes its namespace exists.
  const implied = ['default', 'kube-system', 'kube-public', 'kube-node-lease', namespace]
    .filter((n, i, all) => !names.has(n) && all.indexOf(n) === i)
    .map((name): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } }));
  return {
    namespaces: [...given, ...implied],
    limitRanges: typed<LimitRange>(objectsOf(ctx, 'LimitRange')),
    resourceQuotas: [],
    priorityClasses: typed<PriorityClass>(objectsOf(ctx, 'PriorityClass')),
    pods: [],
    storageClasses: typed<StorageClass>(objectsOf(ctx, 'StorageClass')),
  };
}

/** DS-04: AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go). */
function daemonTolerations(spec: PodSpec): Toleration[] {
  const wanted: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ...((spec as { hostNetwork?: boolean }).hostNetwork ? [{ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' } as Toleration] : []),
  ];
  const have = spec.tolerations ?? [];
  const same = (a: Toleration, b: Toleration) => a.key === b.key && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
  return [...have, ...wanted.filter((t) => !have.some((h) => same(h, t)))];
}

const count = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback);

/**
 * How many Pods the controller keeps: spec.replicas (default 1) for Deployment, ReplicaSet, StatefulSet and
 * ReplicationController; min(parallelism, completions) for a Job (JOB-05; parallelism defaults to 1), also
 * inside a CronJob's jobTemplate; 1 for a Pod. DaemonSets count nodes instead (undefined here).
 */
export function desiredPods(kind: string, object: Record<string, unknown>): number | undefined {
  const spec = isRecord(object['spec']) ? object['spec'] : {};
  if (kind === 'Pod') return 1;
  if (kind === 'DaemonSet') return undefined;
  if (kind === 'Job' || kind === 'CronJob') {
    const jobTemplate = kind === 'CronJob' && isRecord(spec['jobTemplate']) ? spec['jobTemplate'] : undefined;
    const job = jobTemplate ? (isRecord(jobTemplate['spec']) ? jobTemplate['spec'] : {}) : spec;
    const parallelism = count(job['parallelism'], 1);
    return job['completions'] === undefined || job['completions'] === null ? parallelism : Math.min(parallelism, count(job['completions'], 1));
  }
  return count(spec['replicas'], 1);
}

export interface WorkloadTemplate {
  target: IndexedObject;
  /** The Pod as admitted (defaults, LimitRanger, Priority), named after the workload; no node. */
  pod: Pod;
  /** Field path of the Pod template ('' for a Pod). */
  path: string;
  /** Pods the controller keeps; undefined for a DaemonSet (one per eligible node). */
  replicas: number | undefined;
}

/**
 * The Pod a workload's controller creates from its template, through admission as the controller's create
 * would go. Undefined when the object carries no usable template, when a Pod already names its node (the
 * scheduler never sees it, SCHED-06), or when admission rejects it (another policy's business).
 */
export function workloadTemplate(target: IndexedObject, ctx: ModelContext): WorkloadTemplate | undefined {
  return memo(ctx, `template:${objectKey(target)}`, () => {
    if (!WORKLOAD_KINDS.includes(target.kind)) return undefined;
    const view = podView(target.kind, target.object);
    if (!view || !Array.isArray(view.spec['containers'])) return undefined;
    const spec = structuredClone(view.spec) as unknown as PodSpec;
    if (target.kind === 'Pod' && spec.nodeName) return undefined;
    if (target.kind === 'DaemonSet') spec.tolerations = daemonTolerations(spec);
    const labels = isRecord(view.metadata['labels']) ? (view.metadata['labels'] as Record<string, string>) : undefined;
    const annotations = isRecord(view.metadata['annotations']) ? (view.metadata['annotations'] as Record<string, string>) : undefined;
    const raw: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: target.name, namespace: target.namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
      spec,
    };
    try {
      const result = admit({ operation: 'CREATE', object: applyPodDefaults(raw) }, admissionState(ctx, target.namespace), { kubernetesVersion: ctx.kubernetesVersion });
      if (!result.allowed) return undefined;
      return { target, pod: result.object as Pod, path: view.path, replicas: desiredPods(target.kind, target.object) };
    } catch {
      return undefined;
    }
  });
}

/** "Deployment \"web\"" for messages. */
export const describeObject = (o: { kind: string; name: string }): string => `${o.kind} "${o.name}"`;

/**
 * Workloads (and Pods) of `namespace` whose Pod labels a Service's map selector matches, as the EndpointSlice
 * controller matches them; an empty selector is dropped by the API server and matches nothing (NET-SVC-06).
 */
export function workloadsSelectedBy(ctx: ModelContext, namespace: string, selector: Readonly<Record<string, string>>): IndexedObject[] {
  if (Object.keys(selector).length === 0) return [];
  return WORKLOAD_KINDS.flatMap((kind) => objectsIn(ctx, kind, namespace)).filter((o) => {
    const view = podView(o.kind, o.object);
    return selectorMatches(selector, view && isRecord(view.metadata['labels']) ? (view.metadata['labels'] as Record<string, string>) : {});
  });
}

/**
 * Nodes for the cluster network model, by name only: the model then assigns their addresses and Pod CIDRs
 * inside its own ranges, so a described cluster whose real addresses overlap those ranges still builds.
 * What the policy models read (endpoints, NetworkPolicy verdicts) does not depend on the addresses.
 */
export function networkNodes(ctx: ModelContext): { apiVersion: 'v1'; kind: 'Node'; metadata: { name: string } }[] {
  return objectsOf(ctx, 'Node').map((n) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: n.name } }));
}
