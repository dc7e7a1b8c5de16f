// The ReplicaSet controller's reconcile for one ReplicaSet (pkg/controller/replicaset, current release): it
// counts the active Pods it owns (not terminating, not Succeeded or Failed) and creates Pods from its
// template while there are fewer than spec.replicas; the new Pod's name is the ReplicaSet's name plus five
// random characters, its ownerReference points at the ReplicaSet. Which Pods to create, and when, is the
// rule replicaset/needs-more-pods; the Pod itself is built by src/system/replicasets.ts.
// Scale-down deletes surplus Pods in getPodsToDelete's order (src/system/replicasets.ts). Status is derived
// from the Pods whenever it is read; ClaimPods adopts and releases Pods by label (src/replicaset/claim.ts).
// Leaves out: expectations and burst limits (one Pod per step). Covers CTRL-01, CTRL-03, ROLL-01, POD-13.

export interface ReplicaSetContext {
  name: string;
  /** Pods this controller has created so far; seeds the name suffix of the next one. */
  created: number;
}

export type ReplicaSetEvent = { type: 'CREATE_POD' } | { type: 'DELETE_POD' } | { type: 'CLAIM_PODS' };

export const bindings = {
  guards: {},
  actions: { recordCreate: 'replicaset/record-create' },
} as const;

export const replicaSetMachineConfig = {
  id: 'replicaset',
  initial: 'Active',
  states: {
    // DELETE_POD: more active Pods than spec.replicas; which one goes is getPodsToDelete's order (ROLL-01).
    // CLAIM_PODS: ClaimPods adopts orphans whose labels match and releases owned Pods that no longer match.
    Active: { on: { CREATE_POD: { actions: 'recordCreate' }, DELETE_POD: {}, CLAIM_PODS: {} } },
  },
} as const;

export const replicaSetEvents: ReplicaSetEvent[] = [{ type: 'CREATE_POD' }, { type: 'DELETE_POD' }, { type: 'CLAIM_PODS' }];

export const replicaSetOffers = [
  { event: { type: 'CREATE_POD' }, actor: 'controller', when: 'replicaset/needs-more-pods' },
  { event: { type: 'DELETE_POD' }, actor: 'controller', when: 'replicaset/has-surplus-pods' },
  { event: { type: 'CLAIM_PODS' }, actor: 'controller', when: 'replicaset/may-claim-pods' },
] as const;

export function replicaSetContext(name: string): ReplicaSetContext {
  return { name, created: 0 };
}
