// Pod-level lifecycle: binding to a node, the sandbox, reachability of the node, and graceful deletion.
// Follows the API server, kube-scheduler's bind and kubelet's syncPod/killPod (current release). The Pod's
// phase is not a state here: it is derived from the containers' statuses by rules/kubelet/pod-phase.json,
// exactly as kubelet computes it. Containers are instances of machines/container.ts composed by src/system.
// Leaves out: sandbox death and re-creation (POD-04), static Pods, eviction by the taint manager.
// Covers POD-03, POD-06, POD-15, POD-16, NODE-04.

export interface PodContext {
  nodeName: string | null;
  gracePeriodSeconds: number;
}

export type PodEvent =
  | { type: 'BIND'; nodeName: string }
  | { type: 'SANDBOX_CREATED' }
  | { type: 'DELETE'; gracePeriodSeconds?: number }
  | { type: 'CONTAINERS_STOPPED' }
  | { type: 'GRACE_PERIOD_EXPIRED' }
  | { type: 'NODE_LOST' }
  | { type: 'NODE_RECOVERED' };

export const bindings = {
  guards: {},
  actions: {
    bind: 'pod/bind',
    recordDeletion: 'pod/record-deletion',
  },
} as const;

export const podMachineConfig = {
  id: 'pod',
  type: 'parallel',
  states: {
    scheduling: {
      initial: 'Unscheduled',
      states: {
        Unscheduled: { on: { BIND: { target: 'Scheduled', actions: 'bind' } } },
        Scheduled: {},
      },
    },
    sandbox: {
      initial: 'NotCreated',
      states: {
        NotCreated: { on: { SANDBOX_CREATED: { target: 'Ready' } } },
        Ready: {},
      },
    },
    node: {
      initial: 'Reachable',
      states: {
        Reachable: { on: { NODE_LOST: { target: 'Unreachable' } } },
        Unreachable: { on: { NODE_RECOVERED: { target: 'Reachable' } } },
      },
    },
    lifecycle: {
      initial: 'Active',
      states: {
        Active: { on: { DELETE: { target: 'Terminating', actions: 'recordDeletion' } } },
        Terminating: {
          on: {
            CONTAINERS_STOPPED: { target: 'Gone' },
            GRACE_PERIOD_EXPIRED: { target: 'Gone' },
          },
        },
        Gone: { type: 'final' },
      },
    },
  },
} as const;

export function podContext(input: { terminationGracePeriodSeconds?: number }): PodContext {
  return { nodeName: null, gracePeriodSeconds: input.terminationGracePeriodSeconds ?? 30 };
}

export const podEvents: PodEvent[] = [
  { type: 'BIND', nodeName: 'node-1' },
  { type: 'SANDBOX_CREATED' },
  { type: 'DELETE' },
  { type: 'DELETE', gracePeriodSeconds: 0 },
  { type: 'CONTAINERS_STOPPED' },
  { type: 'GRACE_PERIOD_EXPIRED' },
  { type: 'NODE_LOST' },
  { type: 'NODE_RECOVERED' },
];

/** Who sends each event and when it may happen: `when` names a rule over the Pod's view (src/system/pod-view.ts). */
export const podOffers = [
  { event: { type: 'SANDBOX_CREATED' }, actor: 'kubelet', when: 'kubelet/may-create-sandbox' },
  { event: { type: 'DELETE' }, actor: 'user', when: 'pod/may-delete' },
  { event: { type: 'CONTAINERS_STOPPED' }, actor: 'kubelet', when: 'kubelet/containers-stopped' },
  { event: { type: 'GRACE_PERIOD_EXPIRED' }, actor: 'timer', when: 'kubelet/grace-period-may-expire' },
  { event: { type: 'NODE_LOST' }, actor: 'env', fault: true, when: 'node/may-be-lost' },
  { event: { type: 'NODE_RECOVERED' }, actor: 'env', when: 'node/may-recover' },
] as const;
