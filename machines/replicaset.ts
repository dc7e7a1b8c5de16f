// The ReplicaSet controller's reconcile for one ReplicaSet (pkg/controller/replicaset, current release): it
// counts the active Pods it owns (not terminating, not Succeeded or Failed) and creates Pods from its
// template while there are fewer than spec.replicas; the new Pod's name is the ReplicaSet's name plus five
// random characters, its ownerReference points at the ReplicaSet. Which Pods to create, and when, is the
// rule replicaset/needs-more-pods; the Pod itself is built by src/system/replicasets.ts.
// Leaves out (the rollouts issue adds them): scale-down and its deletion order, adoption and release by
// label, expectations, minReadySeconds, status updates. Covers CTRL-01, CTRL-03, ROLL-01, POD-13.

export interface ReplicaSetContext {
  name: string;
  /** Pods this controller has created so far; seeds the name suffix of the next one. */
  created: number;
}

export type ReplicaSetEvent = { type: 'CREATE_POD' };

export const bindings = {
  guards: {},
  actions: { recordCreate: 'replicaset/record-create' },
} as const;

export const replicaSetMachineConfig = {
  id: 'replicaset',
  initial: 'Active',
  states: {
    Active: { on: { CREATE_POD: { actions: 'recordCreate' } } },
  },
} as const;

export const replicaSetEvents: ReplicaSetEvent[] = [{ type: 'CREATE_POD' }];

export const replicaSetOffers = [{ event: { type: 'CREATE_POD' }, actor: 'controller', when: 'replicaset/needs-more-pods' }] as const;

export function replicaSetContext(name: string): ReplicaSetContext {
  return { name, created: 0 };
}
