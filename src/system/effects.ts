// What an action does beyond its own instance's transition: the API writes and the other instances it
// touches (a Binding binds the Pod, a drain deletes the node's Pods, kubelet's eviction kills containers).
// Each effect takes and returns the mutable working copy of one step, so step() stays one pure function.
import type { Node, Pod, ReplicaSet } from '../k8s/types.ts';
import type { ClusterMachines } from './machines.ts';
import { createObject, deleteObject, deterministicUid, updateObject, type Store, type StoredObject } from './store.ts';
import type { Instance } from './types.ts';
import { podInstances } from './pods.ts';
import { needsScheduler, schedulerInstance } from './scheduling.ts';
import { createThroughAdmission, podFromTemplate } from './replicasets.ts';
import { afterEviction } from './pressure.ts';

/** One step's working copy: the instances (already with the acting instance's new state) and the store. */
export interface World {
  instances: Instance[];
  store: Store;
}

/** A graceful delete as the API server records it: deletionTimestamp and the grace period (POD-15). */
export function markDeleted(store: Store, key: string, gracePeriodSeconds: number): Store {
  const current = store.objects.get(key);
  if (!current) return store;
  const written = updateObject(store, { ...current, metadata: { ...current.metadata, deletionTimestamp: 'now', deletionGracePeriodSeconds: gracePeriodSeconds } });
  return written.ok ? written.store : store;
}

/** Deletes a Pod gracefully on behalf of another component (preemption, drain): its machine and its object. */
export function deletePod(world: World, machines: ClusterMachines, podKey: string): void {
  const index = world.instances.findIndex((x) => x.object === podKey && x.machine === 'pod');
  const inst = world.instances[index];
  const deleted = inst && machines.pod.transition(inst.state, { type: 'DELETE' });
  if (!inst || !deleted) return;
  world.instances[index] = { ...inst, state: deleted };
  world.store = markDeleted(world.store, podKey, (deleted.context as { gracePeriodSeconds: number }).gracePeriodSeconds);
}

/** The Binding: spec.nodeName is set on the Pod and its pod machine is bound; the queue entry is done. */
export function bind(world: World, machines: ClusterMachines, queueEntry: Instance, podKey: string, nodeName: string): void {
  const current = world.store.objects.get(podKey);
  if (current) {
    const written = updateObject(world.store, { ...current, spec: { ...(current.spec as object), nodeName } });
    if (written.ok) world.store = written.store;
  }
  const index = world.instances.findIndex((x) => x.object === podKey && x.machine === 'pod');
  const podInst = world.instances[index];
  const bound = podInst && machines.pod.transition(podInst.state, { type: 'BIND', nodeName });
  if (podInst && bound) world.instances[index] = { ...podInst, state: bound };
  world.instances = world.instances.filter((x) => x.id !== queueEntry.id);
}

/** The ReplicaSet controller's POST: a Pod from the template through admission; its instances join the system. */
export function createReplica(world: World, machines: ClusterMachines, rsKey: string, n: number, kubernetesVersion: string): void {
  const rs = world.store.objects.get(rsKey) as unknown as ReplicaSet;
  const created = createThroughAdmission(world.store, podFromTemplate(rs, n), kubernetesVersion);
  if (!('pod' in created)) return;
  const written = createObject(world.store, created.pod as unknown as StoredObject);
  if (!written.ok) return;
  world.store = written.store;
  const pod = written.object as unknown as Pod;
  world.instances.push(...podInstances(pod, machines));
  if (needsScheduler(pod)) world.instances.push(schedulerInstance(pod, machines.scheduler));
  world.instances = sortInstances(world.instances);
}

/** kubectl drain: after cordoning, every Pod bound to the node is evicted (deleted gracefully). */
export function drain(world: World, machines: ClusterMachines, nodeName: string): void {
  for (const p of [...world.instances]) {
    if (p.machine === 'pod' && (p.state.context as { nodeName: string | null }).nodeName === nodeName) deletePod(world, machines, p.object);
  }
}

/** Deleting a static Pod's mirror: it goes and kubelet creates it again (a new UID) for the same static Pod. */
export function recreateMirror(world: World, podKey: string): void {
  const current = world.store.objects.get(podKey);
  if (!current) return;
  const removed = deleteObject(world.store, 'Pod', current.metadata.name, current.metadata.namespace);
  if (!removed.ok) return;
  const { uid: _oldUid, resourceVersion: _oldVersion, ...metadata } = current.metadata;
  const again = createObject(removed.store, { ...current, metadata: { ...metadata, uid: deterministicUid(`${podKey}#${removed.store.revision}`) } });
  if (again.ok) world.store = again.store;
}

/** kubelet's node-pressure eviction: Failed/Evicted with its message, containers killed, their memory free. */
export function evict(world: World, machines: ClusterMachines, pod: Pod, podKey: string, message: string): void {
  const written = updateObject(world.store, { ...(pod as unknown as StoredObject), status: { phase: 'Failed', reason: 'Evicted', message } });
  if (written.ok) world.store = written.store;
  const node = world.store.objects.get(`Node/${pod.spec.nodeName}`) as unknown as Node | undefined;
  if (node) {
    const freed = updateObject(world.store, afterEviction(node, pod) as unknown as StoredObject);
    if (freed.ok) world.store = freed.store;
  }
  world.instances = world.instances.map((c) => {
    if (c.machine !== 'container' || c.object !== podKey) return c;
    const killed = machines.container.transition(c.state, { type: 'KILL' });
    return killed ? { ...c, state: killed } : c;
  });
}

/** A Pod whose machine reached Gone leaves the store, with its containers and its scheduling-queue entry. */
export function removePod(world: World, podKey: string): void {
  const [, ns, name] = podKey.split('/');
  const removed = deleteObject(world.store, 'Pod', name!, ns);
  if (removed.ok) world.store = removed.store;
  world.instances = world.instances.filter((x) => x.object !== podKey && x.object !== `SchedulingQueue/${ns}/${name}`);
}

export function sortInstances(instances: Instance[]): Instance[] {
  // Each object's instances stay together in creation order (a Pod, then its containers in spec order);
  // objects are ordered by key: Nodes, then Pods, then ReplicaSets, then the scheduling queue.
  const groups = new Map<string, Instance[]>();
  for (const i of instances) {
    const g = groups.get(i.object) ?? [];
    g.push(i);
    groups.set(i.object, g);
  }
  return [...groups.keys()].sort().flatMap((k) => groups.get(k)!);
}
