// `scheduling`: can this workload's Pods be scheduled on the cluster's nodes? The Pods its controller would
// create (cluster-view.ts) go through kube-scheduler's cycle one after another (src/scheduler scheduleOn:
// PreFilter, Filter, Score, DefaultPreemption), each placed Pod occupying its node for the next, so 3
// replicas of 3 CPU on two 4-CPU workers place 2 and the third gets the FailedScheduling message of the
// selected release (SCHED-03, SCHED-04, RES-09). The snapshot holds the cluster's nodes, the Pods already
// bound there, PriorityClasses and the storage as the PV controller leaves it before any Pod runs
// (claim-binding.ts), and VolumeBinding's choices are written back after each placement (PVC-11): a
// claim bound to a local PV pins later replicas to its node. A DaemonSet gets one Pod per node its
// controller would run on (DS-01, DS-03, DS-04), pinned by matchFields. Preemption that nominates a node
// counts as a placement (SCHED-24): the Pod gets a node once the victims are gone.
// Pods that name a node (the cluster description's running Pods, bound Pods in the manifests) occupy it.
// Left out: the other workloads of the manifests (each is asked about on its own, against the cluster as
// described), ResourceQuota, scheduling gates, the StatefulSet controller's ordered start.
import type { ClusterSnapshot, ScorePluginsFn } from '../../scheduler/types.ts';
import type { Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, PriorityClass, StorageClass } from '../../k8s/types.ts';
import { applyPodDefaults } from '../../k8s/parse-manifests.ts';
import { buildNodeInfos } from '../../scheduler/node-info.ts';
import { DEFAULT_SCHEDULER_NAME, podKey, scheduleOn } from '../../scheduler/schedule.ts';
import { volumesToBind } from '../../scheduler/filters/volume-binding.ts';
import { nodeAffinityView } from '../../scheduler/filters/node-affinity.ts';
import { getRule } from '../../rules/registry.ts';
import { provisionedVolume, findClass, claimClass } from '../../storage/binding/index.ts';
import type { IndexedObject } from '../object-index.ts';
import { WORKLOAD_KINDS } from '../pod-template.ts';
import { bindClaimToVolume, claimTemplates, statefulSetStorage, storageState, type StorageState } from './claim-binding.ts';
import { describeObject, memo, objectKey, objectsOf, typed, workloadTemplate, type WorkloadTemplate } from './cluster-view.ts';
import type { ModelContext, PolicyModel } from './types.ts';

/** Workloads with more Pods than this are placed up to this many; the answer says so. */
export const MAX_PODS = 300;

export interface Placement {
  /** Pods the controller wants (for a DaemonSet: nodes it would run on). */
  wanted: number;
  /** Pods placed, in order, with their node. */
  placed: { pod: string; node: string }[];
  /** The first Pod that fits nowhere, and its FailedScheduling message. */
  failed?: { pod: string; message: string };
  /** Set when `wanted` exceeded MAX_PODS and only the first ones were tried. */
  truncated?: boolean;
}

interface MutableSnapshot extends ClusterSnapshot {
  pods: Pod[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  persistentVolumes: PersistentVolume[];
}

/** The cluster as the scheduler sees it before the workload's first Pod: nodes, bound Pods, storage. */
function snapshotFor(target: IndexedObject, ctx: ModelContext, storage: StorageState): MutableSnapshot {
  // Defaulted once per run; each workload then leaves out only itself.
  const all = memo(ctx, 'bound-pods', () =>
    objectsOf(ctx, 'Pod')
      .filter((o) => {
        const p = o.object as unknown as Pod;
        return typeof p.spec?.nodeName === 'string' && p.spec.nodeName !== '' && Array.isArray(p.spec.containers);
      })
      .map((o) => ({ o, pod: applyPodDefaults(o.object as unknown as Pod) })),
  );
  const bound = all.filter(({ o }) => o.object !== target.object && objectKey(o) !== objectKey(target)).map(({ pod }) => pod);
  return {
    nodes: typed<Node>(objectsOf(ctx, 'Node')),
    pods: bound,
    priorityClasses: typed<PriorityClass>(objectsOf(ctx, 'PriorityClass')),
    namespaces: typed<Namespace>(objectsOf(ctx, 'Namespace')),
    persistentVolumeClaims: [...storage.claims],
    persistentVolumes: [...storage.volumes],
    storageClasses: typed<StorageClass>(objectsOf(ctx, 'StorageClass')),
  };
}

/** Reserve/PreBind (PVC-11): the chosen PVs are bound to the claims, the rest provisioned on the chosen node. */
function bindVolumes(pod: Pod, node: string, snapshot: MutableSnapshot): void {
  if (!(pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim)) return;
  const plan = volumesToBind(pod, node, snapshot);
  const ns = pod.metadata.namespace ?? 'default';
  const claimIndex = (name: string) => snapshot.persistentVolumeClaims.findIndex((c) => c.metadata.name === name && (c.metadata.namespace ?? 'default') === ns);
  for (const { claim, volume } of plan.bind) {
    const i = claimIndex(claim);
    const j = snapshot.persistentVolumes.findIndex((v) => v.metadata.name === volume);
    if (i < 0 || j < 0) continue;
    const both = bindClaimToVolume(snapshot.persistentVolumeClaims[i] as PersistentVolumeClaim, snapshot.persistentVolumes[j] as PersistentVolume);
    snapshot.persistentVolumeClaims[i] = both.claim;
    snapshot.persistentVolumes[j] = both.pv;
  }
  for (const name of plan.provision) {
    const i = claimIndex(name);
    const claim = snapshot.persistentVolumeClaims[i];
    const sc = claim && findClass(snapshot.storageClasses ?? [], claimClass(claim));
    if (!claim || !sc) continue;
    const both = bindClaimToVolume(claim, provisionedVolume(claim, sc, { uid: claim.metadata.uid ?? `kubemodel-${ns}-${name}`, selectedNode: node }));
    snapshot.persistentVolumeClaims[i] = both.claim;
    snapshot.persistentVolumes.push(both.pv);
  }
}

/**
 * Whether where one replica lands changes where the next may go: inter-pod (anti-)affinity, topology spread
 * and volumes bound at scheduling do; resources, ports, taints and node affinity are per node, so identical
 * Pods fill the same number of slots in any order and scoring (most of a cycle's cost) can be skipped.
 */
function orderMatters(pod: Pod): boolean {
  const a = pod.spec.affinity;
  return Boolean(a?.podAffinity || a?.podAntiAffinity || (pod.spec.topologySpreadConstraints ?? []).length > 0 || (pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim));
}

const NO_SCORES: ScorePluginsFn = () => [];

/**
 * Schedules `pods` one after another. A placed Pod is bound (it occupies its node for the next cycle); a
 * nominated one (preemption) is bound to the nominated node once its victims are removed.
 */
export function placePods(pods: readonly Pod[], snapshot: MutableSnapshot, kubernetesVersion: string): Omit<Placement, 'wanted'> {
  const infos = buildNodeInfos(snapshot);
  const placed: Placement['placed'] = [];
  let start = 0;
  for (const pod of pods) {
    const opts = { kubernetesVersion, seed: 0, startIndex: start, ...(orderMatters(pod) ? {} : { scorePlugins: NO_SCORES }) };
    const result = scheduleOn(pod, infos, snapshot, opts);
    let node: string;
    if (result.ok) node = result.node;
    else if (result.nominated) {
      const victims = new Set(result.nominated.victims);
      for (const victim of snapshot.pods.filter((p) => victims.has(podKey(p)))) infos.find((i) => i.name === victim.spec.nodeName)?.removePod(victim);
      snapshot.pods = snapshot.pods.filter((p) => !victims.has(podKey(p)));
      node = result.nominated.node;
    } else return { placed, failed: { pod: pod.metadata.name, message: result.message } };
    if (result.nextStartIndex !== undefined) start = result.nextStartIndex;
    const boundPod: Pod = { ...pod, spec: { ...pod.spec, nodeName: node } };
    bindVolumes(pod, node, snapshot);
    infos.find((i) => i.name === node)?.addPod(boundPod);
    snapshot.pods.push(boundPod);
    placed.push({ pod: pod.metadata.name, node });
  }
  return { placed };
}

const named = (pod: Pod, name: string): Pod => ({ ...pod, metadata: { ...pod.metadata, name } });

/** DS-01/DS-04: the DaemonSet controller runs a Pod on a node its nodeSelector/affinity match and whose NoSchedule/NoExecute taints it tolerates. */
function daemonNodes(t: WorkloadTemplate, nodes: readonly Node[]): Node[] {
  return nodes.filter((node) => {
    const affinity = getRule('scheduler/node-affinity').evaluate(nodeAffinityView(t.pod, node)) as string[];
    const untolerated = getRule('scheduler/taint-toleration').evaluate({ taints: node.spec?.taints ?? [], tolerations: t.pod.spec.tolerations ?? [] }) as unknown[];
    return affinity.length === 0 && untolerated.length === 0;
  });
}

/** DS-03: ReplaceDaemonSetPodNodeNameNodeAffinity, the required terms replaced by metadata.name In [node]. */
function pinnedTo(pod: Pod, node: string): Pod {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [node] }] };
  const affinity = pod.spec.affinity ?? {};
  return {
    ...pod,
    metadata: { ...pod.metadata, name: `${pod.metadata.name}-${node}` },
    spec: { ...pod.spec, affinity: { ...affinity, nodeAffinity: { ...affinity.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } } },
  };
}

/**
 * The workload's Pods placed on the cluster, plus `extra` more of the same template (a rollout's surge
 * Pods). Undefined when the question does not apply (no template, admission refuses it, a bound Pod).
 */
export function placeWorkload(target: IndexedObject, ctx: ModelContext, extra = 0): Placement | undefined {
  return memo(ctx, `placement:${objectKey(target)}:${extra}`, () => {
    const t = workloadTemplate(target, ctx);
    // SCHED-25: a Pod for another scheduler is not kube-scheduler's to place, and that one is not modelled.
    if (!t || (t.pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) !== DEFAULT_SCHEDULER_NAME) return undefined;
    if (target.kind === 'DaemonSet') {
      const snapshot = snapshotFor(target, ctx, storageState(ctx));
      const eligible = daemonNodes(t, snapshot.nodes);
      const pods = eligible.map((n) => pinnedTo(t.pod, n.metadata.name));
      return { wanted: pods.length, ...placePods(pods, snapshot, ctx.kubernetesVersion) };
    }
    const wanted = (t.replicas ?? 1) + extra;
    const tried = Math.min(wanted, MAX_PODS);
    let storage = storageState(ctx);
    let pods: Pod[];
    if (target.kind === 'StatefulSet' && claimTemplates(target.object).length > 0) {
      // STS-01, STS-05: Pod <set>-<ordinal> mounts claim <template>-<set>-<ordinal> under the template's name.
      const sts = statefulSetStorage(target, ctx);
      // A claim the API server refuses is never created, and then neither is its Pod (FailedCreate).
      if (!sts.claims.every((c) => sts.state.fates.has(`${target.namespace}/${c.name}`))) return undefined;
      storage = sts.state;
      const templates = claimTemplates(target.object);
      pods = Array.from({ length: tried }, (_, i) => {
        const volumes = (t.pod.spec.volumes ?? []).filter((v) => !templates.some((tm) => tm.metadata.name === v.name));
        for (const tm of templates) volumes.push({ name: tm.metadata.name, persistentVolumeClaim: { claimName: `${tm.metadata.name}-${target.name}-${i}` } });
        return { ...named(t.pod, `${target.name}-${i}`), spec: { ...t.pod.spec, volumes } };
      });
    } else {
      const name = (i: number) => (target.kind === 'Pod' ? target.name : target.kind === 'StatefulSet' ? `${target.name}-${i}` : `${target.name}-${i + 1}`);
      pods = Array.from({ length: tried }, (_, i) => named(t.pod, name(i)));
    }
    const snapshot = snapshotFor(target, ctx, storage);
    return { wanted, ...placePods(pods, snapshot, ctx.kubernetesVersion), ...(tried < wanted ? { truncated: true } : {}) };
  });
}

function summary(target: IndexedObject, p: Placement): string {
  const what = describeObject(target);
  if (target.kind === 'Pod') return `Pod "${target.name}" cannot be scheduled`;
  if (target.kind === 'DaemonSet') {
    const node = p.failed?.pod.slice(target.name.length + 1) ?? '';
    return `the Pod of ${what} for node "${node}" cannot be scheduled (${p.placed.length} of ${p.wanted} eligible nodes fit)`;
  }
  if (p.placed.length === 0) return `no Pod of ${what} can be scheduled`;
  const where = new Map<string, number>();
  for (const x of p.placed) where.set(x.node, (where.get(x.node) ?? 0) + 1);
  const spread = [...where].sort(([a], [b]) => a.localeCompare(b)).map(([n, k]) => `${k} on ${n}`).join(', ');
  return `only ${p.placed.length} of ${p.wanted} Pods of ${what} can be scheduled (${spread}); the rest stay Pending`;
}

export const schedulingModel: PolicyModel = {
  name: 'scheduling',
  description: "Whether the Pods a workload's controller creates can all be scheduled on the cluster's nodes, with kube-scheduler's FailedScheduling message when not",
  kinds: WORKLOAD_KINDS,
  answer(target, ctx) {
    const p = placeWorkload(target, ctx);
    const t = workloadTemplate(target, ctx);
    if (!p || !t) return undefined;
    const path = t.path === '' ? 'spec' : `${t.path}.spec`;
    const nodes = p.placed.map((x) => x.node);
    if (!p.failed) {
      return { schedulable: true, replicas: p.wanted, placed: p.placed.length, nodes, summary: `all ${p.placed.length} Pods can be scheduled`, message: '', path, truncated: p.truncated === true };
    }
    return { schedulable: false, replicas: p.wanted, placed: p.placed.length, nodes, summary: summary(target, p), message: p.failed.message, pod: p.failed.pod, path, truncated: p.truncated === true };
  },
};
