// The interpreter: composes machine instances (nodes, Pods with their containers, the scheduler's pending
// Pods) and the API store into one transition system with a pure step(state, action) → state, the list of
// enabled actions of a state, and a canonical state key. Which events may happen is data (the machines'
// offers, gated by rules); what they do is the statecharts; the scheduler's choice comes from its plugins.
import { getRule } from '../rules/registry.ts';
import { truthy } from './bind.ts';
import type { Deployment, KubeObject, Node, Pod, ReplicaSet } from '../k8s/types.ts';
import { untoleratedTaints } from '../k8s/taint.ts';
import { containerOffers } from '../../machines/container.ts';
import { podOffers } from '../../machines/pod.ts';
import { nodeOffers } from '../../machines/node.ts';
import { replicaSetOffers } from '../../machines/replicaset.ts';
import { nextEviction, pressureOf } from './pressure.ts';
import { activePods, replicaSetInstance } from './replicasets.ts';
import { containerView, groupFacts, isMirrorPod, podInstances, podView } from './pods.ts';
import { currentNode, derivedTaints, nodeFacts, nodeInstance, withImplicitNodes, type NodeFacts } from './nodes.ts';
import { clusterKey, needsScheduler, podKeyOf, runCycle, schedulerInstance, type CycleOutcome } from './scheduling.ts';
import { createObject, emptyStore, type StoredObject } from './store.ts';
import { bind, createReplica, deletePod, drain, evict, markDeleted, recreateMirror, removePod, sortInstances, type World } from './effects.ts';
import type { Action, Instance, ModelConstants, Offer, SystemState } from './types.ts';
import type { CompiledRule } from '../rules/types.ts';
import type { MState } from './statechart.ts';
import { clusterMachines, type ClusterMachines } from './machines.ts';
import type { ClusterSnapshot } from '../scheduler/types.ts';
import { CURRENT_KUBERNETES_VERSION } from '../k8s/version.ts';
import { minReadySecondsOf, podClaimsBound, storageOf } from './lookups.ts';
import { contextKey, specKey } from './keys.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../k8s/types.ts';
import { deploymentOffers } from '../../machines/deployment.ts';
import { applyRound, applyUserChange, deploymentInstance, deploymentView, podFactsOf, roundFor } from './deployments.ts';
import { claimInto, hasClaimWork, surplusPod } from './replicasets.ts';
import { applyGcAction, deleteOwner, gcActions, garbageCollectorInstance } from './garbage-collection.ts';
import type { GcAction, PropagationPolicy } from '../gc/index.ts';
import { applyStorage, bindClaim, selectNode, STORAGE_MACHINES, storageOffers, storageSuccessors, syncStorage, type OfferOverrides, type StorageOffers } from './storage.ts';
import { storageFacts } from './storage-facts.ts';
import { claimInstance, volumeInstance } from './storage-instances.ts';
import { volumesToBind } from '../scheduler/filters/volume-binding.ts';

export interface Successor {
  action: Action;
  next: SystemState;
}

interface BoundOffer extends Offer {
  rule: CompiledRule | undefined;
}

function bindOffers(offers: readonly unknown[]): BoundOffer[] {
  return (offers as Offer[]).map((o) => ({ ...o, rule: o.when ? getRule(o.when) : undefined }));
}

export interface ClusterInput {
  nodes?: readonly Node[];
  pods: readonly Pod[];
  replicaSets?: readonly ReplicaSet[];
  /** Namespaces, LimitRanges, ResourceQuotas and PriorityClasses: admission reads them when controllers create Pods. */
  policies?: readonly KubeObject[];
  /** PersistentVolumeClaims, PersistentVolumes, StorageClasses, CSIDrivers, ConfigMaps and Secrets. */
  storage?: readonly KubeObject[];
  deployments?: readonly Deployment[];
}

export class ClusterSystem {
  readonly machines: ClusterMachines;
  private readonly offers: { pod: BoundOffer[]; container: BoundOffer[]; node: BoundOffer[]; replicaset: BoundOffer[]; deployment: BoundOffer[] };
  readonly kubernetesVersion: string;
  /** Snapshots per state, and cycle outcomes per (Pod, cluster): a cycle's result depends on nothing else. */
  private readonly snapshots = new WeakMap<SystemState, ClusterSnapshot>();
  private readonly cycles = new Map<string, CycleOutcome>();
  private readonly storageOffers: StorageOffers;

  constructor(
    readonly constants: ModelConstants,
    machines?: Partial<ClusterMachines>,
    opts: { kubernetesVersion?: string; offerOverrides?: OfferOverrides } = {},
  ) {
    this.storageOffers = storageOffers(opts.offerOverrides);
    this.machines = { ...clusterMachines(), ...machines };
    this.kubernetesVersion = opts.kubernetesVersion ?? CURRENT_KUBERNETES_VERSION;
    this.offers = {
      pod: bindOffers(podOffers),
      container: bindOffers(containerOffers),
      node: bindOffers(nodeOffers),
      replicaset: bindOffers(replicaSetOffers),
      deployment: bindOffers(deploymentOffers),
    };
  }

  /**
   * The system right after these objects were created through the API server (API-02). Nodes that Pods name
   * but the input lacks are added as implicit nodes.
   */
  initial(input: ClusterInput | readonly Pod[]): SystemState {
    const { nodes = [], pods, replicaSets = [], policies = [], storage = [], deployments = [] } = Array.isArray(input) ? { pods: input as readonly Pod[] } : (input as ClusterInput);
    let store = emptyStore;
    const instances: Instance[] = [];
    const create = (o: KubeObject) => {
      const created = createObject(store, o as unknown as StoredObject);
      if (!created.ok) throw new Error(created.message);
      store = created.store;
      return created.object as unknown as KubeObject;
    };
    for (const policy of policies) create(policy);
    for (const o of storage) {
      const created = create(o);
      if (o.kind === 'PersistentVolumeClaim') instances.push(claimInstance(created as PersistentVolumeClaim, this.machines.persistentvolumeclaim));
      if (o.kind === 'PersistentVolume') instances.push(volumeInstance(created as PersistentVolume, this.machines.persistentvolume));
    }
    for (const d of deployments) {
      // metadata.generation starts at 1 and counts spec changes (the API server's strategy).
      instances.push(deploymentInstance(create({ ...d, metadata: { ...d.metadata, generation: d.metadata.generation ?? 1 } }) as Deployment, this.machines.deployment));
    }
    if (deployments.length > 0 || replicaSets.length > 0) instances.push(garbageCollectorInstance(this.machines['garbage-collector']));
    for (const rs of replicaSets) {
      instances.push(replicaSetInstance(create(rs) as ReplicaSet, this.machines.replicaset));
    }
    for (const node of withImplicitNodes(nodes, pods)) {
      create(node);
      instances.push(nodeInstance(node, this.machines.node));
    }
    for (const pod of pods) {
      create(pod);
      instances.push(...podInstances(pod, this.machines));
      if (needsScheduler(pod)) instances.push(schedulerInstance(pod, this.machines.scheduler));
    }
    const world: World = { instances: sortInstances(instances), store };
    syncStorage(world, this.machines, 0);
    return { instances: world.instances, store: world.store, faults: 0 };
  }

  /** Every enabled action with the state it leads to, in a deterministic order. */
  successors(state: SystemState): Successor[] {
    const out: Successor[] = [];
    const faultsLeft = state.faults < this.constants.maxFaults;
    const nodes = this.nodeFactsOf(state);
    let snapshot: ClusterSnapshot | undefined;
    const emit = (index: number, next: MState, action: Action) => out.push({ action, next: this.apply(state, index, next, action) });
    const hasStorage = state.instances.some((i) => STORAGE_MACHINES.has(i.machine));
    forEachGroup(state.instances, (start, end) => {
      const first = state.instances[start]!;
      if (STORAGE_MACHINES.has(first.machine)) {
        storageSuccessors(state, start, { machines: this.machines, constants: this.constants, nodes, faultsLeft, offers: this.storageOffers }, emit);
        return;
      }
      if (first.machine === 'node') {
        const facts = nodes.get(first.object)!;
        const view = { ...facts, allowCordon: this.constants.allowCordon };
        for (const offer of this.offers.node) {
          if (offer.fault && !faultsLeft) continue;
          const next = this.machines.node.transition(first.state, offer.event);
          if (!next || (offer.rule && !truthy(offer.rule.evaluate(view)))) continue;
          emit(start, next, { instance: first.id, event: offer.event, actor: offer.actor, fault: offer.fault === true });
        }
        return;
      }
      if (first.machine === 'garbage-collector') {
        for (const action of gcActions(state)) {
          const event = { type: 'GC_STEP', action };
          const next = this.machines['garbage-collector'].transition(first.state, event);
          if (next) emit(start, next, { instance: first.id, event, actor: 'garbage-collector', fault: false });
        }
        return;
      }
      if (first.machine === 'deployment') {
        if (!state.store.objects.has(first.object)) return;
        const view = deploymentView(this, state, first, this.constants);
        for (const offer of this.offers.deployment) {
          if (offer.rule && !truthy(offer.rule.evaluate(view))) continue;
          const event = offer.event.type === 'DELETE' ? { ...offer.event, propagationPolicy: this.constants.deploymentActions?.delete ?? 'Background' } : offer.event;
          const next = this.machines.deployment.transition(first.state, event);
          if (next) emit(start, next, { instance: first.id, event, actor: offer.actor, fault: false });
        }
        return;
      }
      if (first.machine === 'replicaset') {
        const rs = state.store.objects.get(first.object) as unknown as ReplicaSet | undefined;
        if (!rs) return;
        const view = { replicas: rs.spec.replicas ?? 1, active: activePods(state.store, rs), deleting: rs.metadata.deletionTimestamp !== undefined, claimWork: hasClaimWork(state, rs) };
        for (const offer of this.offers.replicaset) {
          if (offer.rule && !truthy(offer.rule.evaluate(view))) continue;
          const next = this.machines.replicaset.transition(first.state, offer.event);
          if (next) emit(start, next, { instance: first.id, event: offer.event, actor: offer.actor, fault: false });
        }
        return;
      }
      if (first.machine === 'scheduler') {
        snapshot ??= this.snapshot(state, nodes);
        this.schedulerSuccessors(state, start, snapshot, emit);
        return;
      }
      const group = state.instances.slice(start, end);
      const pod = this.podOf(state, first.object);
      const nodeName = (first.state.context as { nodeName: string | null }).nodeName;
      const node = nodeName ? nodes.get(`Node/${nodeName}`) : undefined;
      const facts = groupFacts(this.machines, group, node, hasStorage ? storageFacts(state, this.machines).podVolumes.get(first.object) : undefined);
      const evictNext = pod !== undefined && node !== undefined && this.nextPressureEviction(state, node.name)?.pod.metadata.name === pod.metadata.name;
      const mirror = isMirrorPod(pod);
      // Static Pods are critical to kubelet: never evicted for pressure or by taints (their mirror would just come back).
      const pview = podView(facts, this.constants, !mirror && pod !== undefined && node !== undefined && this.evictable(state, pod, node), !mirror && evictNext, mirror, minReadySecondsOf(state, pod));
      for (const offer of this.offers.pod) {
        if (offer.fault && !faultsLeft) continue;
        if (offer.rule && !truthy(offer.rule.evaluate(pview))) continue;
        const next = this.machines.pod.transition(first.state, offer.event);
        if (next) emit(start, next, { instance: first.id, event: offer.event, actor: offer.actor, fault: offer.fault === true });
      }
      for (let i = 1; i < group.length; i++) {
        const inst = group[i]!;
        let view: ReturnType<typeof containerView> | undefined;
        for (const offer of this.offers.container) {
          if (offer.fault && !faultsLeft) continue;
          const next = this.machines.container.transition(inst.state, offer.event);
          if (!next) continue;
          view ??= containerView(facts, group, i, this.constants);
          if (offer.rule && !truthy(offer.rule.evaluate(view))) continue;
          emit(start + i, next, { instance: inst.id, event: offer.event, actor: offer.actor, fault: offer.fault === true });
        }
      }
    });
    return out;
  }

  /**
   * An action outside the offers, as a scenario's user makes it at a chosen time (`kubectl set image`,
   * `scale`, `rollout undo|pause|resume`): the instance's transition and its API writes. Undefined when the
   * event changes nothing for that instance.
   */
  perform(state: SystemState, action: Action): SystemState | undefined {
    const index = state.instances.findIndex((i) => i.id === action.instance);
    const inst = state.instances[index];
    if (!inst) return undefined;
    const next = (this.machines as unknown as Record<string, typeof this.machines.pod>)[inst.machine]?.transition(inst.state, action.event);
    return next ? this.apply(state, index, next, action) : undefined;
  }

  /** step(state, action): the state after one action; throws if the action is not enabled. */
  step(state: SystemState, action: Action): SystemState {
    const found = this.successors(state).find(
      (s) => s.action.instance === action.instance && JSON.stringify(s.action.event) === JSON.stringify(action.event),
    );
    if (!found) throw new Error(`${action.event.type} is not enabled for ${action.instance}`);
    return found.next;
  }

  /**
   * Canonical key: instance states and the fault count. The store adds nothing beyond the instances except
   * resourceVersions, which are opaque and only compared for equality (API-03), so they are left out.
   */
  key(state: SystemState): string {
    let key = String(state.faults);
    for (const inst of state.instances) {
      key += `|${inst.id}=${inst.state.config}:${contextKey(inst.state.context)}`;
      // Controllers write these specs without a transition of the object's own machine (a Deployment scales
      // its ReplicaSets, a user edits the Deployment): they are part of the state.
      if (inst.machine === 'replicaset' || inst.machine === 'deployment') key += specKey(state.store.objects.get(inst.object));
      // The garbage collector may drop a Pod's ownerReferences (orphan propagation).
      else if (inst.machine === 'pod') key += `#${(state.store.objects.get(inst.object)?.metadata['ownerReferences'] as unknown[] | undefined)?.length ?? 0}`;
    }
    return key;
  }

  /** Every Pod in the state with its instances (pod machine first, then containers) and its node's facts. */
  podGroups(state: SystemState): { pod: Pod; group: readonly Instance[]; node: NodeFacts | undefined }[] {
    const nodes = this.nodeFactsOf(state);
    const out: { pod: Pod; group: readonly Instance[]; node: NodeFacts | undefined }[] = [];
    forEachGroup(state.instances, (start, end) => {
      const first = state.instances[start]!;
      if (first.machine !== 'pod') return;
      const pod = this.podOf(state, first.object);
      if (!pod) return;
      const nodeName = (first.state.context as { nodeName: string | null }).nodeName;
      out.push({ pod, group: state.instances.slice(start, end), node: nodeName ? nodes.get(`Node/${nodeName}`) : undefined });
    });
    return out;
  }

  podOf(state: SystemState, podKey: string): Pod | undefined {
    return state.store.objects.get(podKey) as unknown as Pod | undefined;
  }

  /** Every node's facts, by store key (`Node/node-1`). */
  nodeFactsOf(state: SystemState): Map<string, NodeFacts> {
    const out = new Map<string, NodeFacts>();
    for (const inst of state.instances) {
      if (inst.machine === 'node') out.set(inst.object, nodeFacts(this.machines.node, inst.object.slice('Node/'.length), inst.state));
    }
    return out;
  }

  /** The cluster as the scheduler's cache holds it: nodes with their current taints, every Pod in the store. */
  snapshot(state: SystemState, nodes?: Map<string, NodeFacts>): ClusterSnapshot {
    let cached = this.snapshots.get(state);
    if (!cached) {
      cached = this.buildSnapshot(state, nodes ?? this.nodeFactsOf(state));
      this.snapshots.set(state, cached);
    }
    return cached;
  }

  /** Nodes and Pods exactly as stored (no derived conditions or taints): enough for resource accounting. */
  storeSnapshot(state: SystemState): ClusterSnapshot {
    const nodes: Node[] = [];
    const pods: Pod[] = [];
    for (const o of state.store.objects.values()) {
      if (o.kind === 'Node') nodes.push(o as unknown as Node);
      else if (o.kind === 'Pod') pods.push(o as unknown as Pod);
    }
    return { nodes, pods, ...storageOf(state) };
  }

  private buildSnapshot(state: SystemState, nodes: Map<string, NodeFacts>): ClusterSnapshot {
    const nodeObjects: Node[] = [];
    const pods: Pod[] = [];
    for (const [key, o] of state.store.objects) {
      if (o.kind === 'Node') nodeObjects.push(currentNode(o as unknown as Node, nodes.get(key)!));
      else if (o.kind === 'Pod') pods.push(o as unknown as Pod);
    }
    return { nodes: nodeObjects, pods, ...storageOf(state) };
  }

  private schedulerSuccessors(state: SystemState, index: number, snapshot: ClusterSnapshot, emit: (i: number, next: MState, a: Action) => void): void {
    const inst = state.instances[index]!;
    const machine = this.machines.scheduler;
    const pod = this.podOf(state, podKeyOf(inst));
    if (!pod || pod.metadata.deletionTimestamp) return;
    if (machine.matches(inst.state, 'BindingVolumes')) {
      // PreBind returns once every claim of the Pod is bound (the provisioned volumes included).
      if (!podClaimsBound(state, pod)) return;
      const event = { type: 'VOLUMES_BOUND' };
      const next = machine.transition(inst.state, event);
      if (next) emit(index, next, { instance: inst.id, event, actor: 'scheduler', fault: false });
      return;
    }
    if (machine.matches(inst.state, 'Unschedulable')) {
      const ctx = inst.state.context as { seen: string | null };
      if (ctx.seen === clusterKey(snapshot)) return;
      const event = { type: 'CLUSTER_CHANGED' };
      const next = machine.transition(inst.state, event);
      if (next) emit(index, next, { instance: inst.id, event, actor: 'scheduler', fault: false });
      return;
    }
    if (!machine.matches(inst.state, 'Queued')) return;
    const seen = clusterKey(snapshot);
    const memo = `${podKeyOf(inst)}#${seen}`;
    let outcome = this.cycles.get(memo);
    if (!outcome) {
      outcome = runCycle(pod, snapshot, this.kubernetesVersion, this.constants.seed);
      this.cycles.set(memo, outcome);
    }
    const events =
      outcome.kind === 'bind'
        ? outcome.nodes.map((nodeName) => (volumesToBind(pod, nodeName, snapshot).provision.length > 0 ? { type: 'SCHEDULED', nodeName, waitForVolumes: true } : { type: 'SCHEDULED', nodeName }))
        : // DefaultPreemption: victims on the nominated node are deleted; the Pod retries once they are gone.
          [{ type: 'UNSCHEDULABLE', message: outcome.message, seen, ...(outcome.preempt ? { nominatedNode: outcome.preempt.node, victims: outcome.preempt.victims } : {}) }];
    for (const event of events) {
      const next = machine.transition(inst.state, event);
      if (next) emit(index, next, { instance: inst.id, event, actor: 'scheduler', fault: false });
    }
  }

  /** Which Pod kubelet evicts next on this node under pressure, and with what message (NODE-12, NODE-13). */
  private nextPressureEviction(state: SystemState, nodeName: string): { pod: Pod; message: string } | undefined {
    const node = state.store.objects.get(`Node/${nodeName}`) as unknown as Node | undefined;
    if (!node || !pressureOf(node)) return undefined;
    const pods: Pod[] = [];
    for (const o of state.store.objects.values()) {
      const p = o as unknown as Pod;
      if (o.kind === 'Pod' && p.spec.nodeName === nodeName && !p.metadata.deletionTimestamp && p.status?.reason !== 'Evicted') pods.push(p);
    }
    return nextEviction(node, pods);
  }

  /** The Pod's node has a NoExecute taint that the Pod does not tolerate forever (NODE-04). */
  private evictable(state: SystemState, pod: Pod, node: NodeFacts): boolean {
    const nodeObject = state.store.objects.get(`Node/${node.name}`) as unknown as Node | undefined;
    if (!nodeObject) return false;
    // Hot path: a Ready node without NoExecute taints of its own evicts nothing; skip building its taints.
    if (node.ready === 'True' && !(nodeObject.spec?.taints ?? []).some((t) => t.effect === 'NoExecute')) return false;
    const forever = (pod.spec.tolerations ?? []).filter((t) => t.tolerationSeconds === undefined);
    return untoleratedTaints(derivedTaints(nodeObject, node), forever, ['NoExecute']).length > 0;
  }

  private apply(state: SystemState, index: number, next: MState, action: Action): SystemState {
    const inst = state.instances[index]!;
    const world: World = { instances: state.instances.slice(), store: state.store };
    world.instances[index] = { ...inst, state: next };
    const e = action.event;
    if (inst.machine === 'garbage-collector') {
      applyGcAction(world, this.machines, e.action as GcAction);
    } else if (STORAGE_MACHINES.has(inst.machine)) {
      applyStorage(world, this.machines, inst, next, action);
    } else if (inst.machine === 'scheduler') {
      if (e.type === 'SCHEDULED') {
        const pod = this.podOf(state, podKeyOf(inst))!;
        // VolumeBinding's Reserve and PreBind: static matches are bound, provisioning is asked for on the node.
        const plan = volumesToBind(pod, String(e.nodeName), this.snapshot(state));
        const ns = pod.metadata.namespace ?? 'default';
        for (const b of plan.bind) bindClaim(world, this.machines, `${ns}/${b.claim}`, b.volume, true);
        for (const claim of plan.provision) selectNode(world, this.machines, `${ns}/${claim}`, String(e.nodeName));
        if (!e.waitForVolumes) bind(world, this.machines, world.instances[index]!, podKeyOf(inst), String(e.nodeName));
      }
      if (e.type === 'VOLUMES_BOUND') bind(world, this.machines, inst, podKeyOf(inst), String((next.context as { nodeName: string }).nodeName));
      // DefaultPreemption: the victims on the nominated node are deleted; the Pod retries once they are gone.
      if (e.type === 'UNSCHEDULABLE' && Array.isArray(e.victims)) for (const victim of e.victims as string[]) deletePod(world, this.machines, `Pod/${victim}`);
    } else if (inst.machine === 'replicaset' && e.type === 'CREATE_POD') {
      createReplica(world, this.machines, inst.object, (inst.state.context as { created: number }).created, this.kubernetesVersion);
    } else if (inst.machine === 'replicaset' && e.type === 'CLAIM_PODS') {
      claimInto(world, state.store.objects.get(inst.object) as unknown as ReplicaSet);
    } else if (inst.machine === 'replicaset' && e.type === 'DELETE_POD') {
      const rs = state.store.objects.get(inst.object) as unknown as ReplicaSet;
      const victim = surplusPod(rs, podFactsOf(this, state));
      if (victim) deletePod(world, this.machines, victim);
    } else if (inst.machine === 'deployment') {
      const ns = inst.object.split('/')[1]!;
      if (e.type === 'DELETE') {
        deleteOwner(world, inst.object, (e.propagationPolicy as PropagationPolicy | undefined) ?? this.constants.deploymentActions?.delete ?? 'Background');
      } else if (e.type === 'RECONCILE') {
        const round = roundFor(this, state, inst.object);
        if (round) applyRound(world, this.machines, ns, round, inst.object);
      } else if (e.type !== 'DEADLINE_EXCEEDED') {
        applyUserChange(world, inst.object, e, this.constants, podFactsOf(this, state), state);
      }
    } else if (inst.machine === 'node' && e.type === 'DRAIN') {
      drain(world, this.machines, inst.object.slice('Node/'.length));
    } else if (inst.machine === 'pod') {
      if (e.type === 'DELETE_MIRROR') recreateMirror(world, inst.object);
      if (e.type === 'EVICT') {
        const pod = this.podOf(state, inst.object)!;
        evict(world, this.machines, pod, inst.object, this.nextPressureEviction(state, pod.spec.nodeName ?? '')?.message ?? '');
      }
      if (e.type === 'DELETE') world.store = markDeleted(world.store, inst.object, (next.context as { gracePeriodSeconds: number }).gracePeriodSeconds);
      if (this.machines.pod.matches(next, 'lifecycle.Gone')) removePod(world, inst.object);
    }
    const faults = state.faults + (action.fault ? 1 : 0);
    syncStorage(world, this.machines, faults);
    return { instances: world.instances, store: world.store, faults };
  }
}

/** Calls fn(start, end) for each run of instances that belong to one object. */
export function forEachGroup(instances: readonly Instance[], fn: (start: number, end: number) => void): void {
  let start = 0;
  while (start < instances.length) {
    let end = start + 1;
    while (end < instances.length && instances[end]!.object === instances[start]!.object) end++;
    fn(start, end);
    start = end;
  }
}
