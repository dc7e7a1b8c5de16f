// Node lifecycle as the node lifecycle controller sees it: kubelet heartbeats (Lease renewals) or falls
// silent; after node-monitor-grace-period without a heartbeat the controller sets the Ready condition to
// Unknown, which taints the node node.kubernetes.io/unreachable (NoSchedule and NoExecute) and marks its Pods
// not ready; heartbeats coming back clear both. Cordon sets spec.unschedulable, tainting the node
// node.kubernetes.io/unschedulable:NoSchedule. Taints are derived from these states (src/system/nodes.ts),
// never stored twice. Follows pkg/controller/nodelifecycle (current release).
// Leaves out: Ready=False from kubelet (not-ready), pressure conditions (src/eviction), zone disruption rates.
// Covers NODE-03, NODE-04, CTRL-04, SCHED-* cordon.

export interface NodeContext {
  name: string;
}

export type NodeEvent =
  | { type: 'KUBELET_STOPPED' }
  | { type: 'KUBELET_STARTED' }
  | { type: 'GRACE_PERIOD_PASSED' }
  | { type: 'HEARTBEAT_SEEN' }
  | { type: 'CORDON' }
  | { type: 'UNCORDON' }
  | { type: 'DRAIN' };

export const bindings = { guards: {}, actions: {} } as const;

export const nodeMachineConfig = {
  id: 'node',
  type: 'parallel',
  states: {
    kubelet: {
      initial: 'Heartbeating',
      states: {
        Heartbeating: { on: { KUBELET_STOPPED: { target: 'Silent' } } },
        Silent: { on: { KUBELET_STARTED: { target: 'Heartbeating' } } },
      },
    },
    ready: {
      initial: 'True',
      states: {
        True: { on: { GRACE_PERIOD_PASSED: { target: 'Unknown' } } },
        Unknown: { on: { HEARTBEAT_SEEN: { target: 'True' } } },
      },
    },
    scheduling: {
      initial: 'Schedulable',
      states: {
        // kubectl drain cordons first; evicting the node's Pods is done by the interpreter (src/system/system.ts).
        Schedulable: { on: { CORDON: { target: 'Unschedulable' }, DRAIN: { target: 'Unschedulable' } } },
        Unschedulable: { on: { UNCORDON: { target: 'Schedulable' } } },
      },
    },
  },
} as const;

export const nodeEvents: NodeEvent[] = [
  { type: 'KUBELET_STOPPED' },
  { type: 'KUBELET_STARTED' },
  { type: 'GRACE_PERIOD_PASSED' },
  { type: 'HEARTBEAT_SEEN' },
  { type: 'CORDON' },
  { type: 'UNCORDON' },
  { type: 'DRAIN' },
];

/** Who sends each event and when (rules over the node's view, src/system/nodes.ts). */
export const nodeOffers = [
  { event: { type: 'KUBELET_STOPPED' }, actor: 'env', fault: true, when: 'node/may-be-lost' },
  { event: { type: 'KUBELET_STARTED' }, actor: 'env', when: 'node/may-recover' },
  { event: { type: 'GRACE_PERIOD_PASSED' }, actor: 'node-controller', when: 'node/grace-period-may-pass' },
  { event: { type: 'HEARTBEAT_SEEN' }, actor: 'node-controller', when: 'node/heartbeat-may-be-seen' },
  { event: { type: 'CORDON' }, actor: 'user', when: 'node/may-cordon' },
  { event: { type: 'UNCORDON' }, actor: 'user', when: 'node/may-cordon' },
  { event: { type: 'DRAIN' }, actor: 'user', when: 'node/may-cordon' },
] as const;
