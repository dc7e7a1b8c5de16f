// Deployments in the transition system: one deployment-machine instance each. The controller's sync is
// computed by src/deployment/round.ts over the ReplicaSets the Deployment owns, with their status derived
// from their Pods (what the ReplicaSet controller would report: active Pods, Ready ones, available ones);
// this module builds the view its offers read and makes the API writes of each step. Users' changes
// (set image, scale, undo, pause, resume) are the model's allowed actions (ModelConstants.deploymentActions).
import type { Deployment, Pod, ReplicaSet } from '../k8s/types.ts';
import { deploymentContext, type DeploymentContext } from '../../machines/deployment.ts';
import { deploymentDefaults } from '../deployment/defaults.ts';
import { deploymentRound, isEmptyRound, type DeploymentRound } from '../deployment/round.ts';
import { replicaSetState } from '../deployment/replica-sets.ts';
import { rollbackDeployment, rollbackTarget } from '../deployment/revision.ts';
import { calculateStatus, type DeploymentStatus } from '../deployment/status.ts';
import { equalIgnoreHash } from '../deployment/pod-template-hash.ts';
import { podPhase } from '../k8s/phase.ts';
import type { ClusterMachines } from './machines.ts';
import { projectStatus } from './pods.ts';
import { replicaSetInstance } from './replicasets.ts';
import type { CompiledStatechart } from './statechart.ts';
import { createObject, deleteObject, objectKey, updateObject, type StoredObject } from './store.ts';
import { sortInstances, type World } from './effects.ts';
import type { Instance, ModelConstants, SystemState } from './types.ts';
import type { ClusterSystem } from './system.ts';

export function deploymentInstance(d: Deployment, machine: CompiledStatechart): Instance {
  const ns = d.metadata.namespace ?? 'default';
  return { id: `deployment/${ns}/${d.metadata.name}`, machine: 'deployment', object: objectKey('Deployment', d.metadata.name, ns), state: machine.initial(deploymentContext(`${ns}/${d.metadata.name}`)) };
}

/** What a Pod contributes to its ReplicaSet's status and to the deletion order. */
export interface PodFacts {
  pod: Pod;
  /** The Pod with the status kubelet and the node controller report (what the ReplicaSet controller reads). */
  observed: Pod;
  phase: string;
  ready: boolean;
  /** Its pod machine's availability region says Available (Ready for minReadySeconds). */
  availableMarked: boolean;
  restarts: number;
  terminating: boolean;
  /** A container of it has exited since it started (crashed, completed, killed by a probe). */
  exited: boolean;
}

const podFactsCache = new WeakMap<SystemState, Map<string, PodFacts>>();

/** Every Pod of the state with its derived phase and readiness (kubelet's view, as the API would show it). */
export function podFactsOf(system: ClusterSystem, state: SystemState): Map<string, PodFacts> {
  let out = podFactsCache.get(state);
  if (out) return out;
  out = new Map();
  for (const { pod, group, node } of system.podGroups(state)) {
    const status = projectStatus(system.machines, pod, group, node);
    const key = objectKey('Pod', pod.metadata.name, pod.metadata.namespace ?? 'default');
    out.set(key, {
      pod,
      observed: { ...pod, status },
      phase: status.phase ?? podPhase({ ...pod, status }),
      ready: status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
      availableMarked: system.machines.pod.matches(group[0]!.state, 'availability.Available'),
      restarts: (status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
      exited: (status.containerStatuses ?? []).some((c) => c.state.terminated !== undefined || c.lastState?.terminated !== undefined),
      terminating: pod.metadata.deletionTimestamp !== undefined,
    });
  }
  podFactsCache.set(state, out);
  return out;
}

const ownedBy = (o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } }, uid: string | undefined) =>
  uid !== undefined && (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid);

/** The Pods a ReplicaSet owns. */
export function podsOf(rs: ReplicaSet, pods: Map<string, PodFacts>): PodFacts[] {
  return [...pods.values()].filter((p) => ownedBy(p.pod, rs.metadata.uid));
}

/** FilterActivePods: not being deleted, not Succeeded or Failed. */
export const isActive = (p: PodFacts) => !p.terminating && p.phase !== 'Succeeded' && p.phase !== 'Failed';

/** The ReplicaSet with the status its controller would report now: available = Ready for minReadySeconds. */
export function withDerivedStatus(rs: ReplicaSet, pods: Map<string, PodFacts>): ReplicaSet {
  const active = podsOf(rs, pods).filter(isActive);
  const ready = active.filter((p) => p.ready);
  const available = (rs.spec.minReadySeconds ?? 0) > 0 ? ready.filter((p) => p.availableMarked) : ready;
  return { ...rs, status: { replicas: active.length, readyReplicas: ready.length, availableReplicas: available.length } };
}

export function ownedReplicaSets(state: SystemState, d: Deployment, pods: Map<string, PodFacts>): ReplicaSet[] {
  const out: ReplicaSet[] = [];
  for (const o of state.store.objects.values()) {
    if (o.kind === 'ReplicaSet' && ownedBy(o as unknown as ReplicaSet, d.metadata.uid)) out.push(withDerivedStatus(o as unknown as ReplicaSet, pods));
  }
  return out;
}

/** The sync a Deployment's controller would run now (memoised per state). */
const rounds = new WeakMap<SystemState, Map<string, DeploymentRound>>();

export function roundFor(system: ClusterSystem, state: SystemState, key: string): DeploymentRound | undefined {
  const d = state.store.objects.get(key) as unknown as Deployment | undefined;
  if (!d) return undefined;
  let perState = rounds.get(state);
  if (!perState) rounds.set(state, (perState = new Map()));
  let round = perState.get(key);
  if (!round) {
    const pods = podFactsOf(system, state);
    const rses = ownedReplicaSets(state, d, pods);
    const oldActivePods = rses
      .filter((rs) => !equalIgnoreHash(rs.spec.template, d.spec.template))
      .flatMap((rs) => podsOf(rs, pods))
      .filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed').length;
    const revision = rses.reduce((n, rs) => Math.max(n, Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)), 0);
    round = deploymentRound({ deployment: d, replicaSets: rses, oldActivePods, now: `2026-01-01T00:00:${String(10 + revision).padStart(2, '0')}Z` });
    perState.set(key, round);
  }
  return round;
}

/** The Deployment's status as `kubectl get deployment` would show it now. */
export function deploymentStatus(system: ClusterSystem, state: SystemState, d: Deployment): DeploymentStatus {
  const pods = podFactsOf(system, state);
  const rses = ownedReplicaSets(state, d, pods);
  const newRS = rses.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  return calculateStatus(d, rses.map(replicaSetState), newRS ? replicaSetState(newRS) : null, '2026-01-01T00:00:00Z');
}

export function deploymentView(system: ClusterSystem, state: SystemState, inst: Instance, constants: ModelConstants) {
  const d = state.store.objects.get(inst.object) as unknown as Deployment;
  const round = roundFor(system, state, inst.object);
  const spec = deploymentDefaults(d);
  const status = deploymentStatus(system, state, d);
  const rses = ownedReplicaSets(state, d, podFactsOf(system, state));
  const actions = constants.deploymentActions ?? {};
  return {
    context: inst.state.context as DeploymentContext,
    hasWork: round !== undefined && !isEmptyRound(round),
    complete: status.updatedReplicas === spec.replicas && status.availableReplicas === spec.replicas && status.replicas === spec.replicas,
    paused: spec.paused,
    hasProgressDeadline: d.spec.progressDeadlineSeconds !== undefined,
    hasPreviousRevision: 'rs' in rollbackTarget(rses, 0, d.metadata.name),
    allowSetImage: actions.setImage !== undefined,
    allowScale: actions.scaleTo !== undefined,
    allowUndo: actions.undo === true,
    allowPause: actions.pause === true,
    allowDelete: actions.delete !== undefined,
    deleting: d.metadata.deletionTimestamp !== undefined || system.machines.deployment.matches(inst.state, 'lifecycle.Deleting'),
  };
}

function writeObject(world: World, key: string, change: (o: StoredObject) => StoredObject): void {
  const current = world.store.objects.get(key);
  if (!current) return;
  const written = updateObject(world.store, change(current));
  if (written.ok) world.store = written.store;
}

/** The writes of one Deployment controller sync. */
export function applyRound(world: World, machines: ClusterMachines, namespace: string, round: DeploymentRound, deploymentKey?: string): void {
  const rsKey = (name: string) => objectKey('ReplicaSet', name, namespace);
  // The Deployment carries its new ReplicaSet's revision (SetDeploymentRevision), as `kubectl rollout history` reads it.
  const revision = round.create?.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? round.revise?.annotations['deployment.kubernetes.io/revision'];
  if (deploymentKey && revision !== undefined) {
    writeObject(world, deploymentKey, (o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata['annotations'] as object | undefined), 'deployment.kubernetes.io/revision': revision } } }));
  }
  if (round.revise) {
    const { annotations } = round.revise;
    writeObject(world, rsKey(round.revise.name), (o) => ({ ...o, metadata: { ...o.metadata, annotations } }));
  }
  for (const op of round.scale) {
    writeObject(world, rsKey(op.name), (o) => {
      const rs = o as unknown as ReplicaSet;
      const annotations = { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(op.desiredReplicas), 'deployment.kubernetes.io/max-replicas': String(op.maxReplicas) };
      return { ...o, metadata: { ...o.metadata, annotations }, spec: { ...rs.spec, replicas: op.to } } as unknown as StoredObject;
    });
  }
  if (round.create) {
    const created = createObject(world.store, round.create as unknown as StoredObject);
    if (created.ok) {
      world.store = created.store;
      world.instances.push(replicaSetInstance(created.object as unknown as ReplicaSet, machines.replicaset));
    }
  }
  for (const name of round.delete) {
    const removed = deleteObject(world.store, 'ReplicaSet', name, namespace);
    if (removed.ok) world.store = removed.store;
    world.instances = world.instances.filter((i) => i.object !== rsKey(name));
  }
  world.instances = sortInstances(world.instances);
}

/** A user's change to the Deployment: `kubectl set image`, `scale`, `rollout undo`, `rollout pause|resume`. */
export function applyUserChange(world: World, key: string, event: { type: string; image?: unknown; replicas?: unknown; toRevision?: unknown }, constants: ModelConstants, pods: Map<string, PodFacts>, state: SystemState): void {
  const type = event.type;
  const given = constants.deploymentActions ?? {};
  const actions = {
    ...given,
    ...(typeof event.image === 'string' ? { setImage: event.image } : {}),
    ...(typeof event.replicas === 'number' ? { scaleTo: event.replicas } : {}),
  };
  const toRevision = typeof event.toRevision === 'number' ? event.toRevision : 0;
  writeObject(world, key, (o) => {
    const d = o as unknown as Deployment;
    const generation = (d.metadata.generation ?? 1) + 1;
    const next = (spec: Deployment['spec'], metadata: Deployment['metadata'] = d.metadata): StoredObject => ({ ...o, metadata: { ...metadata, generation }, spec }) as unknown as StoredObject;
    if (type === 'SET_IMAGE' && actions.setImage !== undefined) {
      const [container, image] = actions.setImage.includes('=') ? (actions.setImage.split('=') as [string, string]) : [undefined, actions.setImage];
      const containers = d.spec.template.spec.containers.map((c, i) => ((container === undefined ? i === 0 : c.name === container) ? { ...c, image } : c));
      return next({ ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers } } });
    }
    if (type === 'SCALE' && actions.scaleTo !== undefined) return next({ ...d.spec, replicas: actions.scaleTo });
    if (type === 'PAUSE') return next({ ...d.spec, paused: true });
    if (type === 'RESUME') return next({ ...d.spec, paused: false });
    if (type === 'UNDO') {
      const target = rollbackTarget(ownedReplicaSets(state, d, pods), toRevision, d.metadata.name);
      if (!('rs' in target)) return o;
      const result = rollbackDeployment(d, target.rs, toRevision);
      return 'deployment' in result ? next(result.deployment.spec, result.deployment.metadata) : o;
    }
    return o;
  });
}

export function deploymentOf(state: SystemState, key: string): Deployment | undefined {
  return state.store.objects.get(key) as unknown as Deployment | undefined;
}
