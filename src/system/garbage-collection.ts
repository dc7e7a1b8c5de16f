// The garbage collector and cascading deletion in the transition system (GC-01..GC-04): a DELETE of a
// Deployment through the API server (src/gc deleteRequest: removed at once, or held by the foregroundDeletion
// or orphan finalizer), then the collector's steps over the ownerReferences of Deployments, ReplicaSets and
// Pods (src/gc gcStep), each applied as the API writes it makes. Pods are deleted gracefully, as the collector's
// DELETE of a Pod is: kubelet stops them and the object goes when they have.
import { deleteRequest, gcStep, type GcAction, type GcObject, type PropagationPolicy } from '../gc/index.ts';
import type { OwnerReference } from '../k8s/types.ts';
import { garbageCollectorContext } from '../../machines/garbage-collector.ts';
import type { ClusterMachines } from './machines.ts';
import type { CompiledStatechart } from './statechart.ts';
import { deleteObject, updateObject, type StoredObject } from './store.ts';
import { deletePod, type World } from './effects.ts';
import type { Instance, SystemState } from './types.ts';

export const GC_INSTANCE = 'garbage-collector/cluster';
const KINDS = new Set(['Deployment', 'ReplicaSet', 'Pod']);

export function garbageCollectorInstance(machine: CompiledStatechart): Instance {
  return { id: GC_INSTANCE, machine: 'garbage-collector', object: 'GarbageCollector/cluster', state: machine.initial(garbageCollectorContext()) };
}

function gcObject(key: string, o: StoredObject): GcObject {
  const m = o.metadata as StoredObject['metadata'] & { uid?: string; ownerReferences?: OwnerReference[]; finalizers?: string[]; deletionTimestamp?: string };
  return {
    key,
    kind: o.kind,
    name: m.name,
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    uid: m.uid ?? key,
    ...(m.ownerReferences ? { ownerReferences: m.ownerReferences } : {}),
    ...(m.finalizers ? { finalizers: m.finalizers } : {}),
    ...(m.deletionTimestamp !== undefined ? { deletionTimestamp: m.deletionTimestamp } : {}),
  };
}

/** What the collector may do now; nothing unless some owner is being deleted or gone (the common case, cheaply). */
export function gcActions(state: SystemState): GcAction[] {
  const objects: GcObject[] = [];
  const uids = new Set<string>();
  let work = false;
  for (const [key, o] of state.store.objects) {
    if (!KINDS.has(o.kind)) continue;
    const g = gcObject(key, o);
    objects.push(g);
    uids.add(g.uid);
    if (g.deletionTimestamp !== undefined && g.kind !== 'Pod') work = true;
  }
  if (!work && !objects.some((o) => (o.ownerReferences ?? []).some((r) => !uids.has(r.uid)))) return [];
  // A Pod already being deleted is kubelet's to finish; the collector only watches it go.
  return gcStep(objects).filter((a) => !(a.type === 'delete' && objects.find((o) => o.key === a.key)?.deletionTimestamp !== undefined && a.key.startsWith('Pod/')));
}

function removeObject(world: World, key: string): void {
  const o = world.store.objects.get(key);
  if (!o) return;
  const removed = deleteObject(world.store, o.kind, o.metadata.name, o.metadata.namespace);
  if (removed.ok) world.store = removed.store;
  world.instances = world.instances.filter((i) => i.object !== key);
}

function write(world: World, key: string, change: (o: StoredObject) => StoredObject): void {
  const o = world.store.objects.get(key);
  if (!o) return;
  const written = updateObject(world.store, change(o));
  if (written.ok) world.store = written.store;
}

/** A DELETE of a Deployment or ReplicaSet with this propagation policy: gone at once, or held by finalizers. */
export function deleteOwner(world: World, key: string, policy: PropagationPolicy): void {
  const o = world.store.objects.get(key);
  if (!o) return;
  const outcome = deleteRequest(gcObject(key, o), policy, { viaKubectl: true, now: '2026-01-01T01:00:00Z' });
  if (outcome.result === 'deleted') return removeObject(world, key);
  write(world, key, (cur) => ({ ...cur, metadata: { ...cur.metadata, finalizers: [...(outcome.object.finalizers ?? [])], deletionTimestamp: outcome.object.deletionTimestamp } }));
}

export function applyGcAction(world: World, machines: ClusterMachines, action: GcAction): void {
  if (action.type === 'delete') {
    if (action.key.startsWith('Pod/')) return deletePod(world, machines, action.key);
    return deleteOwner(world, action.key, action.propagationPolicy);
  }
  if (action.type === 'removeOwnerReferences') {
    write(world, action.key, (o) => {
      const refs = ((o.metadata['ownerReferences'] as OwnerReference[] | undefined) ?? []).filter((r) => !action.ownerUids.includes(r.uid));
      const { ownerReferences: _dropped, ...metadata } = o.metadata as StoredObject['metadata'] & { ownerReferences?: unknown };
      return { ...o, metadata: refs.length > 0 ? { ...metadata, ownerReferences: refs } : metadata };
    });
    return;
  }
  write(world, action.key, (o) => ({ ...o, metadata: { ...o.metadata, finalizers: ((o.metadata['finalizers'] as string[] | undefined) ?? []).filter((f) => f !== action.finalizer) } }));
  const after = world.store.objects.get(action.key);
  const left = (after?.metadata['finalizers'] as string[] | undefined) ?? [];
  // The API server removes an object being deleted once its last finalizer is gone.
  if (after && after.metadata['deletionTimestamp'] !== undefined && left.length === 0) removeObject(world, action.key);
}
