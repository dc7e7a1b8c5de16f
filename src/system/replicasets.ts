// ReplicaSets in the transition system: one replicaset-machine instance each, and the Pods its controller
// creates from the template (name = ReplicaSet name + five characters, ownerReference to the ReplicaSet),
// sent through admission like any other create.
import { createHash } from 'node:crypto';
import type { KubeObject, LimitRange, Namespace, Pod, PriorityClass, ReplicaSet, ResourceQuota } from '../k8s/types.ts';
import { applyPodDefaults } from '../k8s/parse-manifests.ts';
import { admit } from '../admission/chain.ts';
import type { ClusterState } from '../admission/types.ts';
import { replicaSetContext } from '../../machines/replicaset.ts';
import type { CompiledStatechart } from './statechart.ts';
import type { Instance } from './types.ts';
import { deterministicUid, objectKey, updateObject, type Store, type StoredObject } from './store.ts';
import { podsToDelete } from '../replicaset/pods-to-delete.ts';
import { adopt, claimPods, release } from '../replicaset/claim.ts';

export function replicaSetInstance(rs: ReplicaSet, machine: CompiledStatechart): Instance {
  const ns = rs.metadata.namespace ?? 'default';
  return {
    id: `replicaset/${ns}/${rs.metadata.name}`,
    machine: 'replicaset',
    object: objectKey('ReplicaSet', rs.metadata.name, ns),
    state: machine.initial(replicaSetContext(rs.metadata.name)),
  };
}

/** utilrand.String's alphabet: no vowels, no 0/1/3 (so no words and no look-alikes). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The five characters after the ReplicaSet's name; random in Kubernetes, derived from (UID, n) here. */
export function nameSuffix(uid: string, n: number): string {
  const bytes = createHash('sha256').update(`${uid}/${n}`).digest();
  let out = '';
  for (let i = 0; i < 5; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

/** The n-th Pod the ReplicaSet controller creates (before admission). */
export function podFromTemplate(rs: ReplicaSet, n: number): Pod {
  const ns = rs.metadata.namespace ?? 'default';
  const uid = rs.metadata.uid ?? deterministicUid(objectKey('ReplicaSet', rs.metadata.name, ns));
  return applyPodDefaults({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rs.metadata.name}-${nameSuffix(uid, n)}`,
      // Creation order decides "newer first" when scaling down; the model's clock is the creation count.
      creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + 1000 * (60 + n)).toISOString().replace('.000', ''),
      namespace: ns,
      labels: { ...rs.spec.template.metadata?.labels },
      ...(rs.spec.template.metadata?.annotations ? { annotations: { ...rs.spec.template.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: structuredClone(rs.spec.template.spec),
  });
}

/** FilterActivePods over the Pods the ReplicaSet owns: not being deleted, not Succeeded or Failed. */
export function activePods(store: Store, rs: ReplicaSet): number {
  const uid = rs.metadata.uid;
  let n = 0;
  for (const o of store.objects.values()) {
    if (o.kind !== 'Pod') continue;
    const pod = o as unknown as Pod;
    if (pod.metadata.deletionTimestamp) continue;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    if (pod.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid)) n++;
  }
  return n;
}

/** What admission reads, from the store (its informers' view). */
export function admissionState(store: Store): ClusterState {
  const of = <T extends KubeObject>(kind: string) => [...store.objects.values()].filter((o) => o.kind === kind) as unknown as T[];
  return {
    namespaces: of<Namespace>('Namespace'),
    limitRanges: of<LimitRange>('LimitRange'),
    resourceQuotas: of<ResourceQuota>('ResourceQuota'),
    priorityClasses: of<PriorityClass>('PriorityClass'),
    pods: of<Pod>('Pod'),
  };
}

/** The controller's create call: the admitted Pod, or the API server's refusal (the controller retries later). */
export function createThroughAdmission(store: Store, pod: Pod, kubernetesVersion: string): { pod: Pod } | { message: string } {
  const result = admit({ operation: 'CREATE', object: pod }, admissionState(store), { kubernetesVersion });
  if (!result.allowed) return { message: result.status.message };
  const admitted = result.object as Pod;
  const annotations = { ...admitted.metadata.annotations, ...result.annotations };
  return { pod: Object.keys(annotations).length > 0 ? { ...admitted, metadata: { ...admitted.metadata, annotations } } : admitted };
}

/**
 * The Pod the controller deletes first when it has more than spec.replicas: getPodsToDelete's order
 * (src/replicaset, rules/replicaset-controller/deletion-order.json), ranked against the Pods of every
 * ReplicaSet of the same owner (getPodsRankedByRelatedPodsOnSameNode).
 */
export function surplusPod(rs: ReplicaSet, pods: ReadonlyMap<string, { pod: Pod; observed: Pod; phase: string; terminating: boolean }>): string | undefined {
  const owner = rs.metadata.ownerReferences?.find((r) => r.controller)?.uid;
  const active = [...pods.entries()].filter(([, p]) => !p.terminating && p.phase !== 'Succeeded' && p.phase !== 'Failed');
  const mine = active.filter(([, p]) => isControlledBy(p.pod, rs.metadata.uid));
  // Pods of the owner's other ReplicaSets count for the node ranking; without an owner, none do.
  const related = owner === undefined ? [] : active.map(([, p]) => p.observed);
  const [victim] = podsToDelete(mine.map(([, p]) => p.observed), 1, { now: '2026-01-01T01:00:00Z', relatedPods: related });
  return victim && objectKey('Pod', victim.metadata.name, victim.metadata.namespace ?? 'default');
}

function isControlledBy(pod: Pod, uid: string | undefined): boolean {
  return uid !== undefined && (pod.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid);
}

const podsInNamespace = (store: Store, ns: string): Pod[] =>
  [...store.objects.values()].filter((o) => o.kind === 'Pod' && (o.metadata.namespace ?? 'default') === ns) as unknown as Pod[];

/** ClaimPods would adopt or release something (orphans matching the selector, owned Pods no longer matching). */
export function hasClaimWork(state: { store: Store }, rs: ReplicaSet): boolean {
  if (rs.metadata.deletionTimestamp) return false;
  const { adopt, release } = claimPods(rs, podsInNamespace(state.store, rs.metadata.namespace ?? 'default'));
  return adopt.length + release.length > 0;
}

/** The ownerReference patches ClaimPods makes (adopt with controller and blockOwnerDeletion; release). */
export function claimInto(world: { store: Store }, rs: ReplicaSet): void {
  const { adopt: toAdopt, release: toRelease } = claimPods(rs, podsInNamespace(world.store, rs.metadata.namespace ?? 'default'));
  for (const patched of [...toAdopt.map((p) => adopt(p, rs)), ...toRelease.map((p) => release(p, rs))]) {
    const written = updateObject(world.store, patched as unknown as StoredObject);
    if (written.ok) world.store = written.store;
  }
}
