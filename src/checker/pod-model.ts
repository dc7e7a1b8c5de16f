// A model run as data (properties/models/*.json) turned into a transition system for the checker: the Pods
// it creates, the bounds, the invariants it checks, and optional re-bindings of guards to inline logic (how
// a deliberately broken model is written without shipping a broken rule).
import { compileLogic } from '../rules/compile.ts';
import { customOperations } from '../rules/ops/index.ts';
import { InputError } from '../errors.ts';
import type { KubeObject, ReplicaSet } from '../k8s/types.ts';
import { applyPodDefaults } from '../k8s/parse-manifests.ts';
import { mirrorPod } from '../k8s/static-pods.ts';
import { applyObjects } from '../admission/apply.ts';
import { podPhase } from '../k8s/phase.ts';
import { machineModule } from '../../machines/index.ts';
import { podInvariants, podStepInvariants, type ContainerFacts, type PodModelView } from '../../properties/pod.ts';
import type { StateProperty, StepProperty } from '../../properties/types.ts';
import { schedulingInvariants, schedulingStepInvariants, type BindingStep } from '../../properties/scheduling.ts';
import { replicaSetStableInvariants, type ReplicaSetView } from '../../properties/replicaset.ts';
import { storageInvariants, storageStableInvariants, storageStepInvariants, type StorageModelView } from '../../properties/storage.ts';
import { storageModelView } from './storage-view.ts';
import { deploymentModelView } from './deployment-view.ts';
import { deploymentInvariants, deploymentStableInvariants, type DeploymentModelView } from '../../properties/deployment.ts';
import { gcStableInvariants, gcStepInvariants, type OwnerGraphView } from '../../properties/garbage-collector.ts';
import type { OfferOverrides } from '../system/storage.ts';
import type { CompiledRule } from '../rules/types.ts';
import { persistentVolumeClaimOffers } from '../../machines/persistentvolumeclaim.ts';
import { persistentVolumeOffers } from '../../machines/persistentvolume.ts';
import { volumeAttachmentOffers } from '../../machines/volume-attachment.ts';
import { volumeOffers } from '../../machines/volume.ts';
import { bindActions, bindGuards, truthy } from '../system/bind.ts';
import { CompiledStatechart, type GuardImpl } from '../system/statechart.ts';
import { clusterMachines, type ClusterMachines } from '../system/machines.ts';
import { ClusterSystem } from '../system/system.ts';
import { leafPath, projectStatus } from '../system/pods.ts';
import { defaultConstants, instanceRef, type Action, type ModelConstants, type SystemState } from '../system/types.ts';
import type { ContainerContext } from '../../machines/container.ts';
import type { PodContext } from '../../machines/pod.ts';
import type { StateInvariant, StepInvariant, TransitionSystem } from './bfs.ts';

export interface ModelFile {
  id: string;
  description: string;
  machines: string[];
  /** The Nodes and Pods the model starts with (Pods naming a node that is not listed get an implicit one). */
  objects: KubeObject[];
  constants?: Partial<ModelConstants>;
  /** Invariant ids to check; all Pod invariants when absent. */
  invariants?: string[];
  /**
   * Replace a machine's named guards, or the rules deciding when its events are offered (by rule id, for the
   * storage machines), by inline json-logic: how a broken or variant model is written as data.
   */
  rebind?: Record<string, { guards?: Record<string, unknown>; offers?: Record<string, unknown> }>;
  expect: {
    states?: number;
    depth?: number;
    complete?: boolean;
    violation?: { id: string; steps: string[] } | null;
  };
}

/** The ReplicaSets of a state with their Pods as the invariants need them. */
export function replicaSetView(system: ClusterSystem, state: SystemState): ReplicaSetView {
  const pods = system.podGroups(state).map(({ pod, group, node }) => {
    const status = projectStatus(system.machines, pod, group, node);
    return { pod, phase: podPhase({ ...pod, status }), ready: status.conditions?.find((c) => c.type === 'Ready')?.status === 'True', nodeUp: node?.kubeletUp ?? false };
  });
  const replicaSets = [...state.store.objects.values()]
    .filter((o) => o.kind === 'ReplicaSet')
    .map((o) => {
      const rs = o as unknown as ReplicaSet;
      return { rs, pods: pods.filter((p) => p.pod.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid)) };
    });
  return { replicaSets };
}

export interface LoadedModel {
  file: ModelFile;
  system: ClusterSystem;
  ts: TransitionSystem<SystemState, Action>;
  invariants: StateInvariant<SystemState>[];
  stepInvariants: StepInvariant<SystemState, Action>[];
  stableInvariants: StateInvariant<SystemState>[];
  view: (s: SystemState) => PodModelView;
}

function machinesFor(file: ModelFile): Partial<ClusterMachines> {
  if (!file.rebind) return {};
  const base = clusterMachines();
  const build = (id: 'pod' | 'container') => {
    const mod = machineModule(id)!;
    const override = file.rebind?.[id]?.guards;
    if (!override) return base[id];
    const guards: Record<string, GuardImpl> = { ...bindGuards(mod.definition.bindings) };
    for (const [name, logic] of Object.entries(override)) {
      if (!(name in guards)) throw new InputError(`rebind: machine ${id} has no guard "${name}"`);
      const evaluate = compileLogic(logic, { operations: customOperations, ruleId: file.id, path: `$.rebind.${id}.guards.${name}` });
      guards[name] = (context, event, params) => truthy(evaluate({ context, event, params: params ?? {} }));
    }
    return new CompiledStatechart(mod.definition.config, guards, bindActions(mod.definition.bindings));
  };
  return { pod: build('pod'), container: build('container') };
}

/** `build`, computed once per state object. */
function perState<V>(build: (s: SystemState) => V): (s: SystemState) => V {
  const cache = new WeakMap<SystemState, V>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = build(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** The owner graph of Deployments, ReplicaSets and Pods as stored. */
function ownerGraph(state: SystemState): OwnerGraphView {
  const objects: OwnerGraphView['objects'] = [];
  for (const [key, o] of state.store.objects) {
    if (o.kind !== 'Deployment' && o.kind !== 'ReplicaSet' && o.kind !== 'Pod') continue;
    const m = o.metadata as { uid?: string; ownerReferences?: { uid: string; blockOwnerDeletion?: boolean }[]; finalizers?: string[]; deletionTimestamp?: string };
    objects.push({
      key,
      uid: m.uid ?? key,
      owners: (m.ownerReferences ?? []).map((r) => ({ uid: r.uid, blockOwnerDeletion: r.blockOwnerDeletion === true })),
      finalizers: m.finalizers ?? [],
      deleting: m.deletionTimestamp !== undefined,
    });
  }
  return { objects };
}

/** Offer rules replaced by inline logic, checked to name a rule some storage machine offers by. */
function offerOverrides(file: ModelFile): OfferOverrides | undefined {
  if (!file.rebind) return undefined;
  const out = new Map<string, CompiledRule['evaluate']>();
  for (const [machine, { offers }] of Object.entries(file.rebind)) {
    for (const [ruleId, logic] of Object.entries(offers ?? {})) {
      const known = (machineOffers[machine] ?? []).some((o) => (o as { when?: string }).when === ruleId);
      if (!known) throw new InputError(`rebind: machine ${machine} offers no event by rule "${ruleId}"`);
      out.set(ruleId, compileLogic(logic, { operations: customOperations, ruleId: file.id, path: `$.rebind.${machine}.offers.${ruleId}` }));
    }
  }
  return out;
}

const machineOffers: Record<string, readonly unknown[]> = {
  persistentvolumeclaim: persistentVolumeClaimOffers,
  persistentvolume: persistentVolumeOffers,
  'volume-attachment': volumeAttachmentOffers,
  volume: volumeOffers,
};

/** The invariants' view of a state: every Pod with its derived phase and containers in spec order. */
export function podModelView(system: ClusterSystem, state: SystemState): PodModelView {
  const pods: PodModelView['pods'] = [];
  for (const { pod, group, node } of system.podGroups(state)) {
    const status = projectStatus(system.machines, pod, group, node);
    const podCtx = group[0]!.state.context as PodContext;
    const containers: ContainerFacts[] = group.slice(1).map((inst) => {
      const c = inst.state.context as ContainerContext;
      const path = leafPath(system.machines.container, inst.state);
      return {
        name: c.name,
        role: c.role,
        state: path,
        restartCount: c.restartCount,
        backoff: c.backoff,
        exitCode: c.exitCode,
        ready: path === 'Running.Ready',
        started: path.startsWith('Running') || path === 'Terminated' || c.restartCount > 0,
        completed: path === 'Terminated' && c.exitCode === 0,
      };
    });
    pods.push({
      name: pod.metadata.name,
      restartPolicy: pod.spec.restartPolicy ?? 'Always',
      phase: status.phase ?? podPhase({ ...pod, status }),
      reason: status.reason ?? null,
      nodeName: podCtx.nodeName,
      ready: status.conditions?.find((c) => c.type === 'Ready')?.status ?? 'False',
      containers,
    });
  }
  return { faults: state.faults, pods };
}

function stateInvariant(p: StateProperty<PodModelView>, view: (s: SystemState) => PodModelView): StateInvariant<SystemState> {
  const evaluate = p.logic !== undefined ? compileLogic(p.logic, { operations: customOperations, ruleId: p.id }) : undefined;
  const holds = p.holds ?? ((v: PodModelView) => truthy(evaluate!(v)));
  return { id: p.id, description: `${p.description} (${p.behaviours.join(', ')})`, holds: (s) => holds(view(s)) };
}

function stepInvariant(p: StepProperty<PodModelView>, view: (s: SystemState) => PodModelView): StepInvariant<SystemState, Action> {
  return { id: p.id, description: `${p.description} (${p.behaviours.join(', ')})`, holds: (a, _action, b) => p.holds(view(a), view(b)) };
}

function bindingInvariant(p: StateProperty<BindingStep>, system: ClusterSystem): StepInvariant<SystemState, Action> {
  return {
    id: p.id,
    description: `${p.description} (${p.behaviours.join(', ')})`,
    holds: (a, action) => {
      if (action.event.type !== 'SCHEDULED') return true;
      const podKey = instanceRef(action.instance).podKey!;
      const pod = system.podOf(a, podKey);
      return pod === undefined || p.holds!({ before: system.snapshot(a), binding: { pod, node: String(action.event.nodeName) } });
    },
  };
}

const COMPONENTS = new Set([
  'kubelet',
  'timer',
  'scheduler',
  'controller',
  'node-controller',
  'taint-eviction',
  'pv-controller',
  'pvc-protection',
  'provisioner',
  'external-provisioner',
  'attach-detach-controller',
  'external-attacher',
  'deployment-controller',
  'garbage-collector',
]);

export function loadPodModel(file: ModelFile): LoadedModel {
  const constants: ModelConstants = { ...defaultConstants, ...file.constants };
  const system = new ClusterSystem(constants, machinesFor(file), { offerOverrides: offerOverrides(file) });
  // The model's objects are created as kubectl apply would: API defaults, then admission (default
  // tolerations, LimitRange defaults, quotas); a model whose objects the API server rejects is bad input.
  const applied = applyObjects(file.objects.map((o) => ({ object: o.kind === 'Pod' ? mirrorPod(applyPodDefaults(o)) : o })));
  const [rejected] = applied.rejected;
  if (rejected) throw new InputError(`model ${file.id}: the API server rejects an object: ${rejected.status.message}`);
  const { namespaces, limitRanges, resourceQuotas, priorityClasses } = applied.cluster;
  const created = {
    nodes: applied.nodes,
    pods: applied.pods,
    replicaSets: applied.replicaSets,
    policies: [...namespaces, ...limitRanges, ...resourceQuotas, ...priorityClasses],
    storage: applied.storage,
    deployments: applied.deployments,
  };
  // One view per state, however many invariants (and step invariants, on both ends of an edge) read it.
  const storageView = perState((s): StorageModelView => storageModelView(system, s));
  const view = perState((s): PodModelView => podModelView(system, s));
  const deploymentView = perState((s): DeploymentModelView => deploymentModelView(system, s));
  const storageIds = [...storageInvariants, ...storageStepInvariants, ...storageStableInvariants].map((p) => p.id);
  const deploymentIds = [...deploymentInvariants, ...deploymentStableInvariants, ...gcStepInvariants, ...gcStableInvariants].map((p) => p.id);
  const known = [...podInvariants, ...podStepInvariants, ...schedulingInvariants, ...schedulingStepInvariants, ...replicaSetStableInvariants].map((p) => p.id).concat(storageIds, deploymentIds);
  // Storage invariants are checked by default only where the model has storage objects.
  const hasStorage = applied.storage.some((o) => o.kind === 'PersistentVolumeClaim' || o.kind === 'PersistentVolume') || file.objects.some((o) => o.kind === 'Pod' && (o.spec.volumes ?? []).length > 0);
  const hasDeployments = applied.deployments.length > 0;
  // deployment-max-surge-pods and deployment-min-available-always are documented non-guarantees: only
  // models that name them check them.
  const wanted = file.invariants ?? known.filter((id) => (hasStorage || !storageIds.includes(id)) && (hasDeployments || !deploymentIds.includes(id)) && id !== 'deployment-max-surge-pods' && id !== 'deployment-min-available-always');
  const described = (p: { id: string; description: string; behaviours: string[] }) => `${p.description} (${p.behaviours.join(', ')})`;
  for (const id of wanted) if (!known.includes(id)) throw new InputError(`model ${file.id}: unknown invariant "${id}" (known: ${known.join(', ')})`);
  const ts: TransitionSystem<SystemState, Action> = {
    initial: [system.initial(created)],
    successors: (s) => system.successors(s),
    key: (s) => system.key(s),
    isFault: (a) => a.fault || a.actor === 'user',
    isStable: (_s, succ) => !succ.some((x) => COMPONENTS.has(x.action.actor)),
    // A dead state is a legitimate end when every Pod finished (Succeeded/Failed), waits for a scheduler
    // that this model does not have, or the model's bounds (fault budget, restart bound) stopped it.
    isTerminal: (s) =>
      s.faults >= constants.maxFaults ||
      view(s).pods.every(
        (p) => p.phase === 'Succeeded' || p.phase === 'Failed' || p.nodeName === null || p.containers.some((c) => c.restartCount >= constants.maxRestarts),
      ),
  };
  return {
    file,
    system,
    ts,
    invariants: [
      ...podInvariants.filter((p) => wanted.includes(p.id)).map((p) => stateInvariant(p, view)),
      ...schedulingInvariants
        .filter((p) => wanted.includes(p.id))
        // Allocation only needs what the store holds (allocatable, bound Pods), not the node controller's taints.
        .map((p) => ({ id: p.id, description: `${p.description} (${p.behaviours.join(', ')})`, holds: (s: SystemState) => p.holds!(system.storeSnapshot(s)) })),
      ...storageInvariants.filter((p) => wanted.includes(p.id)).map((p) => ({ id: p.id, description: described(p), holds: (s: SystemState) => p.holds(storageView(s)) })),
      ...deploymentInvariants.filter((p) => wanted.includes(p.id)).map((p) => ({ id: p.id, description: described(p), holds: (s: SystemState) => p.holds(deploymentView(s)) })),
    ],
    stepInvariants: [
      ...podStepInvariants.filter((p) => wanted.includes(p.id)).map((p) => stepInvariant(p, view)),
      ...schedulingStepInvariants.filter((p) => wanted.includes(p.id)).map((p) => bindingInvariant(p, system)),
      ...gcStepInvariants
        .filter((p) => wanted.includes(p.id))
        .map((p) => ({ id: p.id, description: described(p), holds: (a: SystemState, _action: Action, b: SystemState) => p.holds(ownerGraph(a), ownerGraph(b)) })),
      ...storageStepInvariants
        .filter((p) => wanted.includes(p.id))
        .map((p) => ({ id: p.id, description: described(p), holds: (a: SystemState, action: Action, b: SystemState) => p.holds(storageView(a), action, storageView(b)) })),
    ],
    stableInvariants: replicaSetStableInvariants
      .filter((p) => wanted.includes(p.id))
      .map((p) => ({ id: p.id, description: `${p.description} (${p.behaviours.join(', ')})`, holds: (s: SystemState) => p.holds!(replicaSetView(system, s)) }))
      .concat(storageStableInvariants.filter((p) => wanted.includes(p.id)).map((p) => ({ id: p.id, description: described(p), holds: (s: SystemState) => p.holds(storageView(s)) })))
      .concat(deploymentStableInvariants.filter((p) => wanted.includes(p.id)).map((p) => ({ id: p.id, description: described(p), holds: (s: SystemState) => p.holds(deploymentView(s)) })))
      .concat(gcStableInvariants.filter((p) => wanted.includes(p.id)).map((p) => ({ id: p.id, description: described(p), holds: (s: SystemState) => p.holds(ownerGraph(s)) }))),
    view,
  };
}
