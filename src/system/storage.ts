// The storage controllers in the transition system: the PersistentVolumeController (binding, provisioning
// through the external provisioner, reclaim), the pvc-protection controller, the AttachDetachController and
// kubelet's VolumeManager. Which events may happen is data (the machines' offers, gated by rules over the
// views built here); which volume a claim gets comes from src/storage/binding (findMatchingVolume's order);
// the API writes each step makes are below, so the two sides of a binding are always written together.
import type { CompiledRule } from '../rules/types.ts';
import { getRule } from '../rules/registry.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../k8s/types.ts';
import { persistentVolumeClaimOffers } from '../../machines/persistentvolumeclaim.ts';
import { persistentVolumeOffers } from '../../machines/persistentvolume.ts';
import { volumeAttachmentOffers } from '../../machines/volume-attachment.ts';
import { volumeOffers } from '../../machines/volume.ts';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, provisionedVolume, syncClaim } from '../storage/binding/index.ts';
import { volumeAttachmentName } from '../storage/volume/paths.ts';
import { truthy } from './bind.ts';
import type { ClusterMachines } from './machines.ts';
import type { NodeFacts } from './nodes.ts';
import type { MState } from './statechart.ts';
import { createObject, deleteObject, deterministicUid, updateObject, type StoredObject } from './store.ts';
import { claimOfVolume, exclusive, missingConfig, storageFacts, type StorageFacts } from './storage-facts.ts';
import { attachmentInstance, claimKey, claimPhase, podKeyOfVolume, podVolumeOf, volumeInstance, volumeKey } from './storage-instances.ts';
import type { Action, Instance, ModelConstants, Offer, SystemState } from './types.ts';
import { markDeleted, sortInstances, type World } from './effects.ts';

type BoundOffer = Offer & { rule: CompiledRule | undefined };
type Emit = (index: number, next: MState, action: Action) => void;

/** Rule ids replaced by other logic: how a deliberately broken model changes when an event may happen. */
export type OfferOverrides = ReadonlyMap<string, CompiledRule['evaluate']>;

const bound = (offers: readonly unknown[], overrides?: OfferOverrides): BoundOffer[] =>
  (offers as Offer[]).map((o) => {
    const override = o.when ? overrides?.get(o.when) : undefined;
    const rule = o.when ? getRule(o.when) : undefined;
    return { ...o, rule: rule && override ? { ...rule, evaluate: override } : rule };
  });

export interface StorageOffers {
  pvc: BoundOffer[];
  pv: BoundOffer[];
  attachment: BoundOffer[];
  volume: BoundOffer[];
}

export function storageOffers(overrides?: OfferOverrides): StorageOffers {
  return {
    pvc: bound(persistentVolumeClaimOffers, overrides),
    pv: bound(persistentVolumeOffers, overrides),
    attachment: bound(volumeAttachmentOffers, overrides),
    volume: bound(volumeOffers, overrides),
  };
}

export const STORAGE_MACHINES: ReadonlySet<string> = new Set(['persistentvolumeclaim', 'persistentvolume', 'volume-attachment', 'volume']);

export interface StorageContext {
  machines: ClusterMachines;
  constants: ModelConstants;
  nodes: Map<string, NodeFacts>;
  faultsLeft: boolean;
  offers: StorageOffers;
}

function offerAll(list: BoundOffer[], inst: Instance, index: number, machine: ClusterMachines[keyof ClusterMachines], view: unknown, ctx: StorageContext, emit: Emit, payload?: Record<string, unknown>): void {
  for (const offer of list) {
    if (offer.fault && !ctx.faultsLeft) continue;
    const event = payload && (offer.event.type === 'MOUNT_DEVICE' || offer.event.type === 'SET_UP' || offer.event.type === 'SET_UP_FAILED') ? { ...offer.event, ...payload } : offer.event;
    const next = machine.transition(inst.state, event);
    if (!next || (offer.rule && !truthy(offer.rule.evaluate(view)))) continue;
    emit(index, next, { instance: inst.id, event, actor: offer.actor, fault: offer.fault === true });
  }
}

function claimView(facts: StorageFacts, ctx: StorageContext, inst: Instance) {
  const c = inst.state.context as { name: string; volumeName: string | null };
  const claim = facts.claims.get(c.name);
  const decision = claim && ctx.machines.persistentvolumeclaim.matches(inst.state, 'phase.Pending') ? syncClaim(claim, [...facts.volumes.values()], facts.classes) : undefined;
  const ns = c.name.split('/')[0]!;
  const inUse = [...facts.pods.keys()].some((key) => {
    const pod = facts.podObjects.get(key);
    if (!pod || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
    return (pod.spec.volumes ?? []).some((v) => claimOfVolume(v, ns, facts) === claim && claim !== undefined);
  });
  return {
    view: {
      phase: claimPhase(ctx.machines.persistentvolumeclaim, inst.state),
      volumeExists: c.volumeName !== null && facts.volumes.has(c.volumeName),
      inUse,
      allowDelete: ctx.constants.allowDeleteClaims === true,
      decision: decision?.kind ?? 'none',
      provisioned: [...facts.volumes.values()].some((pv) => pv.spec.claimRef?.name === claim?.metadata.name && (pv.spec.claimRef?.namespace ?? 'default') === ns),
    },
    decision,
  };
}

/** Every enabled action of one storage instance. */
export function storageSuccessors(state: SystemState, index: number, ctx: StorageContext, emit: Emit): void {
  const inst = state.instances[index]!;
  const facts = storageFacts(state, ctx.machines);
  const o = ctx.offers;
  if (inst.machine === 'persistentvolumeclaim') {
    const machine = ctx.machines.persistentvolumeclaim;
    if (machine.matches(inst.state, 'lifecycle.Gone')) return;
    const { view, decision } = claimView(facts, ctx, inst);
    // The controller's bind: only to a volume its own sync has made Available (PVC-02, PVC-03).
    if (decision?.kind === 'bind' && volumePhase(state, ctx, decision.volume) === 'Available') {
      const event = { type: 'BIND', volumeName: decision.volume };
      const next = machine.transition(inst.state, event);
      if (next) emit(index, next, { instance: inst.id, event, actor: 'pv-controller', fault: false });
    }
    offerAll(o.pvc, inst, index, machine, view, ctx, emit);
  } else if (inst.machine === 'persistentvolume') {
    const c = inst.state.context as { name: string; claim: string | null };
    const pv = facts.volumes.get(c.name);
    const claimed = c.claim !== null ? facts.claims.get(c.claim) : undefined;
    const view = {
      phase: ctx.machines.persistentvolume.leafPath(inst.state),
      claimExists: claimed !== undefined,
      reclaimPolicy: pv?.spec.persistentVolumeReclaimPolicy ?? 'Retain',
      allowAdmin: ctx.constants.allowVolumeAdmin === true,
    };
    offerAll(o.pv, inst, index, ctx.machines.persistentvolume, view, ctx, emit);
  } else if (inst.machine === 'volume-attachment') {
    const c = inst.state.context as { volume: string; node: string };
    const pv = facts.volumes.get(c.volume);
    const elsewhere = [...facts.attachments].some(([k, path]) => k.startsWith(`${c.volume}@`) && k !== `${c.volume}@${c.node}` && (path === 'Attaching' || path === 'Attached' || path === 'Detaching'));
    const view = { desired: facts.desired.has(`${c.volume}@${c.node}`), exclusive: pv ? exclusive(pv) : true, attachedElsewhere: elsewhere, mountedOnNode: facts.mountedOn.has(`${c.volume}@${c.node}`) };
    offerAll(o.attachment, inst, index, ctx.machines['volume-attachment'], view, ctx, emit);
  } else if (inst.machine === 'volume') {
    const { view, payload } = volumeView(state, facts, ctx, inst);
    offerAll(o.volume, inst, index, ctx.machines.volume, view, ctx, emit, payload);
  }
}

function volumePhase(state: SystemState, ctx: StorageContext, name: string): string | undefined {
  const inst = state.instances.find((i) => i.machine === 'persistentvolume' && i.object === volumeKey(name));
  return inst && ctx.machines.persistentvolume.leafPath(inst.state);
}

function volumeView(state: SystemState, facts: StorageFacts, ctx: StorageContext, inst: Instance) {
  const c = inst.state.context as { node: string | null; pv: string | null };
  const podKey = podKeyOfVolume(inst);
  const pod = facts.podObjects.get(podKey);
  const info = facts.pods.get(podKey);
  const ns = podKey.split('/')[1]!;
  const v = podVolumeOf(pod, inst);
  const nodeName = pod?.spec.nodeName ?? c.node;
  const node = nodeName ? ctx.nodes.get(`Node/${nodeName}`) : undefined;
  const podMachine = ctx.machines.pod;
  const claim = v ? claimOfVolume(v, ns, facts) : undefined;
  const pvName = claim?.spec.volumeName && claim.status?.phase === 'Bound' ? claim.spec.volumeName : c.pv;
  const pv = pvName ? facts.volumes.get(pvName) : undefined;
  const plugin = pv ? facts.plugin(pv) : undefined;
  let ready = true;
  if (v?.persistentVolumeClaim) {
    const attached = !plugin?.attachable || facts.attachments.get(`${pvName}@${nodeName}`) === 'Attached';
    ready = pv !== undefined && plugin !== undefined && attached;
  }
  const view = {
    pod: {
      scheduled: Boolean(pod?.spec.nodeName),
      reachable: node?.kubeletUp ?? false,
      terminating: info ? podMachine.matches(info.inst.state, 'lifecycle.Terminating') || podMachine.matches(info.inst.state, 'lifecycle.Evicted') : false,
      gone: pod === undefined,
    },
    ready,
    stages: plugin?.stages ?? false,
    staged: ctx.machines.volume.leafPath(inst.state) === 'DeviceMounted',
    configMissing: v !== undefined && missingConfig(v, ns, facts) !== undefined,
    anyRunning: info?.anyRunning ?? false,
  };
  return { view, payload: nodeName ? { node: nodeName, pv: pvName ?? null } : undefined };
}

// ---- Effects: the API writes of a storage step, and what it does to other instances. ----

function write(world: World, key: string, change: (o: StoredObject) => StoredObject): void {
  const current = world.store.objects.get(key);
  if (!current) return;
  const written = updateObject(world.store, change(current));
  if (written.ok) world.store = written.store;
}

function withStatus(o: StoredObject, status: Record<string, unknown>): StoredObject {
  return { ...o, status: { ...(o['status'] as object | undefined), ...status } };
}

function transitionInstance(world: World, machines: ClusterMachines, object: string, machine: keyof ClusterMachines, event: { type: string; [k: string]: unknown }): void {
  const index = world.instances.findIndex((x) => x.object === object && x.machine === machine);
  const inst = world.instances[index];
  const next = inst && machines[machine].transition(inst.state, event);
  if (inst && next) world.instances[index] = { ...inst, state: next };
}

/** The bind: spec.volumeName on the claim and spec.claimRef on the volume, both phases Bound (PVC-02). */
export function bindClaim(world: World, machines: ClusterMachines, claimName: string, volumeName: string, transitionClaim: boolean): void {
  const [ns, name] = claimName.split('/') as [string, string];
  const ckey = claimKey(ns, name);
  const claim = world.store.objects.get(ckey) as unknown as PersistentVolumeClaim | undefined;
  const pv = world.store.objects.get(volumeKey(volumeName)) as unknown as PersistentVolume | undefined;
  if (!claim || !pv) return;
  const uid = claim.metadata.uid;
  // bindVolumeToClaim / bindClaimToVolume: bound-by-controller marks a side the controller filled in, so that
  // it may undo it; bind-completed on the claim tells everyone (the scheduler included) the bind is done.
  const annotate = (o: StoredObject, add: Record<string, string>) => ({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata['annotations'] as object | undefined), ...add } } });
  write(world, volumeKey(volumeName), (o) =>
    withStatus(
      annotate({ ...o, spec: { ...(o['spec'] as object), claimRef: { kind: 'PersistentVolumeClaim', namespace: ns, name, ...(uid ? { uid } : {}) } } }, pv.spec.claimRef ? {} : { [ANN_BOUND_BY_CONTROLLER]: 'yes' }),
      { phase: 'Bound' },
    ),
  );
  write(world, ckey, (o) =>
    withStatus(
      annotate({ ...o, spec: { ...(o['spec'] as object), volumeName } }, { [ANN_BIND_COMPLETED]: 'yes', ...(claim.spec.volumeName ? {} : { [ANN_BOUND_BY_CONTROLLER]: 'yes' }) }),
      { phase: 'Bound', accessModes: pv.spec.accessModes ?? [], capacity: pv.spec.capacity ?? {} },
    ),
  );
  transitionInstance(world, machines, volumeKey(volumeName), 'persistentvolume', { type: 'BIND', claim: claimName });
  if (transitionClaim) transitionInstance(world, machines, ckey, 'persistentvolumeclaim', { type: 'BIND', volumeName });
}

/** The scheduler's annotation on a WaitForFirstConsumer claim, for the provisioner (PVC-11). */
export function selectNode(world: World, machines: ClusterMachines, claimName: string, nodeName: string): void {
  const [ns, name] = claimName.split('/') as [string, string];
  const key = claimKey(ns, name);
  write(world, key, (o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata['annotations'] as object | undefined), [ANN_SELECTED_NODE]: nodeName } } }));
  transitionInstance(world, machines, key, 'persistentvolumeclaim', { type: 'NODE_SELECTED', nodeName });
}

function removeInstance(world: World, object: string): void {
  world.instances = world.instances.filter((x) => x.object !== object);
}

function remove(world: World, kind: string, name: string, namespace?: string): void {
  const removed = deleteObject(world.store, kind, name, namespace);
  if (removed.ok) world.store = removed.store;
}

export function applyStorage(world: World, machines: ClusterMachines, inst: Instance, next: MState, action: Action): void {
  const e = action.event;
  if (inst.machine === 'persistentvolumeclaim') {
    const name = (inst.state.context as { name: string }).name;
    const [ns, claimName] = name.split('/') as [string, string];
    if (e.type === 'BIND') bindClaim(world, machines, name, String(e.volumeName), false);
    else if (e.type === 'LOSE') write(world, inst.object, (o) => withStatus(o, { phase: 'Lost' }));
    else if (e.type === 'DELETE') world.store = markDeleted(world.store, inst.object, 0);
    else if (e.type === 'FINALIZED') {
      remove(world, 'PersistentVolumeClaim', claimName, ns);
      removeInstance(world, inst.object);
    } else if (e.type === 'PROVISIONED') provision(world, machines, inst.object);
  } else if (inst.machine === 'persistentvolume') {
    const name = (inst.state.context as { name: string }).name;
    const phase = machines.persistentvolume.leafPath(next);
    if (e.type === 'DELETE_VOLUME') {
      remove(world, 'PersistentVolume', name);
      removeInstance(world, inst.object);
    } else if (e.type === 'RECYCLE' || e.type === 'CLEAR_CLAIM_REF') {
      write(world, inst.object, (o) => {
        const { claimRef: _dropped, ...spec } = o['spec'] as { claimRef?: unknown };
        return withStatus({ ...o, spec }, { phase });
      });
    } else write(world, inst.object, (o) => withStatus(o, { phase }));
  } else if (inst.machine === 'volume-attachment') {
    attachmentWrites(world, inst, String(e.type));
  }
}

/** CSI: the controller's attach creates the VolumeAttachment; external-attacher marks it attached (VOL-10). */
function attachmentWrites(world: World, inst: Instance, type: string): void {
  const c = inst.state.context as { volume: string; node: string };
  const pv = world.store.objects.get(volumeKey(c.volume)) as unknown as PersistentVolume | undefined;
  const csi = pv?.spec.csi;
  if (!csi) return;
  const name = volumeAttachmentName(csi.volumeHandle, csi.driver, c.node);
  const key = `VolumeAttachment/${name}`;
  if (type === 'ATTACH' && !world.store.objects.has(key)) {
    const va = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name }, spec: { attacher: csi.driver, nodeName: c.node, source: { persistentVolumeName: c.volume } }, status: { attached: false } };
    const created = createObject(world.store, va as unknown as StoredObject);
    if (created.ok) world.store = created.store;
  } else if (type === 'ATTACHED') write(world, key, (o) => withStatus(o, { attached: true }));
  else if (type === 'ATTACH_FAILED') write(world, key, (o) => withStatus(o, { attached: false, attachError: { message: 'rpc error: code = Internal desc = ControllerPublishVolume failed' } }));
  else if (type === 'DETACH') world.store = markDeleted(world.store, key, 0);
  else if (type === 'DETACHED') remove(world, 'VolumeAttachment', name);
}

/** The external provisioner's CreateVolume and the PV it creates, pre-bound to the claim (PVC-09, VOL-09). */
function provision(world: World, machines: ClusterMachines, claimKeyString: string): void {
  const claim = world.store.objects.get(claimKeyString) as unknown as PersistentVolumeClaim | undefined;
  if (!claim) return;
  const classes = [...world.store.objects.values()].filter((o) => o.kind === 'StorageClass');
  const decision = syncClaim(claim, [], classes as never);
  if (decision.kind !== 'provision') return;
  const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  const claimUid = claim.metadata.uid ?? deterministicUid(claimKeyString);
  const pv = provisionedVolume({ ...claim, metadata: { ...claim.metadata, uid: claimUid } }, decision.storageClass, { uid: deterministicUid(`PersistentVolume/pvc-${claimUid}`), ...(selectedNode ? { selectedNode } : {}) });
  const created = createObject(world.store, pv as unknown as StoredObject);
  if (!created.ok) return;
  world.store = created.store;
  world.instances.push(volumeInstance(created.object as unknown as PersistentVolume, machines.persistentvolume));
  world.instances = sortInstances(world.instances);
}

/**
 * After every step: the AttachDetachController's desired state gains an attachment instance for each newly
 * needed (volume, node) and loses the idle ones no longer needed; kubelet forgets volumes of Pods that are
 * gone once they are unmounted.
 */
export function syncStorage(world: World, machines: ClusterMachines, faults: number): void {
  if (!world.instances.some((i) => STORAGE_MACHINES.has(i.machine))) return;
  const facts = storageFacts({ instances: world.instances, store: world.store, faults }, machines);
  let changed = false;
  const keep = world.instances.filter((inst) => {
    if (inst.machine === 'volume-attachment') {
      const c = inst.state.context as { volume: string; node: string };
      const path = machines['volume-attachment'].leafPath(inst.state);
      const idle = path === 'Detached' || path === 'MultiAttachBlocked';
      if (idle && !facts.desired.has(`${c.volume}@${c.node}`)) return (changed = true), false;
    } else if (inst.machine === 'volume' && !world.store.objects.has(podKeyOfVolume(inst))) {
      const path = machines.volume.leafPath(inst.state);
      if (path === 'Unmounted' || path === 'SetUpFailed') return (changed = true), false;
    }
    return true;
  });
  for (const pair of facts.desired) {
    if (facts.attachments.has(pair)) continue;
    const [volume, node] = pair.split('@') as [string, string];
    keep.push(attachmentInstance(volume, node, machines['volume-attachment']));
    changed = true;
  }
  if (changed) world.instances = sortInstances(keep);
}
