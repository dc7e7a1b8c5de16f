// Pod-level lifecycle: binding to a node, the sandbox, and graceful deletion (by a user or by taint-based
// eviction). Whether its node is reachable comes from the node's instance (machines/node.ts).
// Follows the API server, kube-scheduler's bind and kubelet's syncPod/killPod (current release). The Pod's
// phase is not a state here: it is derived from the containers' statuses by rules/kubelet/pod-phase.json,
// exactly as kubelet computes it. Containers are instances of machines/container.ts composed by src/system.
// Static Pods (kubelet's manifest directory) appear as mirror Pods: deleting one changes nothing (NODE-06).
// Leaves out: sandbox death and re-creation (POD-04).
// Availability (Ready for minReadySeconds) is its own region, counted by ReplicaSets and Deployments (ROLL-05).
// Covers ROLL-05, POD-03, POD-06, POD-15, POD-16, NODE-04, NODE-05, NODE-06, NODE-13.

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
  | { type: 'EVICT' }
  | { type: 'DELETE_MIRROR' }
  | { type: 'MIN_READY_SECONDS_PASSED' }
  | { type: 'READY_LOST' };

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
    // Availability for controllers (podutil.IsPodAvailable): Ready for at least its ReplicaSet's
    // minReadySeconds. Only used when minReadySeconds > 0; otherwise a Ready Pod is available at once.
    availability: {
      initial: 'NotAvailable',
      states: {
        NotAvailable: { on: { MIN_READY_SECONDS_PASSED: { target: 'Available' } } },
        Available: { on: { READY_LOST: { target: 'NotAvailable' } } },
      },
    },
    lifecycle: {
      initial: 'Active',
      states: {
        Active: {
          on: {
            DELETE: { target: 'Terminating', actions: 'recordDeletion' },
            // kubelet's node-pressure eviction: the Pod ends Failed with reason Evicted, its containers killed.
            EVICT: { target: 'Evicted' },
            // Deleting a static Pod's mirror through the API stops nothing: kubelet creates the mirror again.
            DELETE_MIRROR: {},
          },
        },
        Evicted: { on: { DELETE: { target: 'Terminating', actions: 'recordDeletion' } } },
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
  { type: 'EVICT' },
  { type: 'DELETE_MIRROR' },
  { type: 'MIN_READY_SECONDS_PASSED' },
  { type: 'READY_LOST' },
];

/** Who sends each event and when it may happen: `when` names a rule over the Pod's view (src/system/pod-view.ts). */
export const podOffers = [
  { event: { type: 'SANDBOX_CREATED' }, actor: 'kubelet', when: 'kubelet/may-create-sandbox' },
  { event: { type: 'DELETE' }, actor: 'user', when: 'pod/may-delete' },
  { event: { type: 'DELETE_MIRROR' }, actor: 'user', when: 'pod/may-delete-mirror' },
  { event: { type: 'CONTAINERS_STOPPED' }, actor: 'kubelet', when: 'kubelet/containers-stopped' },
  { event: { type: 'GRACE_PERIOD_EXPIRED' }, actor: 'timer', when: 'kubelet/grace-period-may-expire' },
  { event: { type: 'DELETE' }, actor: 'taint-eviction', when: 'pod/noexecute-evicts' },
  { event: { type: 'EVICT' }, actor: 'kubelet', when: 'kubelet/may-evict-for-pressure' },
  { event: { type: 'MIN_READY_SECONDS_PASSED' }, actor: 'timer', when: 'pod/min-ready-seconds-may-pass' },
  { event: { type: 'READY_LOST' }, actor: 'kubelet', when: 'pod/ready-lost' },
] as const;
