// kube-scheduler's handling of one pending Pod (pkg/scheduler: scheduling queue and scheduleOne). The Pod
// waits in the active queue; a scheduling cycle runs the filter and score plugins (rules/scheduler/) and
// either binds it or records FailedScheduling and parks it in the unschedulable queue, from which a cluster
// event that could make it schedulable (a node added or changed, a Pod removed) moves it back.
// Which event a cycle produces is computed by src/scheduler (the plugins), so offers are built in
// src/system/scheduling.ts rather than listed here. Leaves out: backoff queue timing, gated Pods, extenders.
// Covers SCHED-01, SCHED-02, SCHED-03, SCHED-24, SCHED-25.

export interface SchedulerContext {
  pod: string;
  /** The node chosen by the last cycle, once bound. */
  nodeName: string | null;
  /** The FailedScheduling message of the last unsuccessful cycle. */
  message: string | null;
  /** The cluster as the last unsuccessful cycle saw it; a different cluster makes a retry worthwhile. */
  seen: string | null;
}

export type SchedulerEvent =
  | { type: 'SCHEDULED'; nodeName: string }
  | { type: 'UNSCHEDULABLE'; message: string; seen: string }
  | { type: 'CLUSTER_CHANGED' };

export const bindings = {
  guards: {},
  actions: { recordBinding: 'scheduler-queue/record-binding', recordFailure: 'scheduler-queue/record-failure' },
} as const;

export const schedulerMachineConfig = {
  id: 'scheduler',
  initial: 'Queued',
  states: {
    Queued: {
      on: {
        SCHEDULED: { target: 'Bound', actions: 'recordBinding' },
        UNSCHEDULABLE: { target: 'Unschedulable', actions: 'recordFailure' },
      },
    },
    Unschedulable: { on: { CLUSTER_CHANGED: { target: 'Queued' } } },
    Bound: { type: 'final' },
  },
} as const;

export const schedulerEvents: SchedulerEvent[] = [
  { type: 'SCHEDULED', nodeName: 'node-1' },
  { type: 'UNSCHEDULABLE', message: '0/1 nodes are available: 1 Insufficient cpu.', seen: 'n1' },
  { type: 'CLUSTER_CHANGED' },
];

export function schedulerContext(pod: string): SchedulerContext {
  return { pod, nodeName: null, message: null, seen: null };
}
