// kube-scheduler's handling of one pending Pod (pkg/scheduler: scheduling queue and scheduleOne). The Pod
// waits in the active queue; a scheduling cycle runs the filter and score plugins (rules/scheduler/) and
// either binds it or records FailedScheduling and parks it in the unschedulable queue, from which a cluster
// event that could make it schedulable (a node added or changed, a Pod removed) moves it back.
// Which event a cycle produces is computed by src/scheduler (the plugins), so offers are built in
// src/system/scheduling.ts rather than listed here. Leaves out: backoff queue timing, gated Pods, extenders.
// A Pod whose WaitForFirstConsumer claims need provisioning waits in PreBind (BindingVolumes) until they are
// bound (PVC-11).
// Covers PVC-11, SCHED-01, SCHED-02, SCHED-03, SCHED-24, SCHED-25.

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
  | { type: 'SCHEDULED'; nodeName: string; waitForVolumes?: boolean }
  | { type: 'VOLUMES_BOUND' }
  | { type: 'UNSCHEDULABLE'; message: string; seen: string }
  | { type: 'CLUSTER_CHANGED' };

export const bindings = {
  guards: { waitsForVolumes: 'scheduler-queue/waits-for-volumes' },
  actions: { recordBinding: 'scheduler-queue/record-binding', recordFailure: 'scheduler-queue/record-failure' },
} as const;

export const schedulerMachineConfig = {
  id: 'scheduler',
  initial: 'Queued',
  states: {
    Queued: {
      on: {
        SCHEDULED: [
          // VolumeBinding's PreBind: claims to be provisioned for the chosen node must be bound first (PVC-11).
          { target: 'BindingVolumes', guard: 'waitsForVolumes', actions: 'recordBinding' },
          { target: 'Bound', actions: 'recordBinding' },
        ],
        UNSCHEDULABLE: { target: 'Unschedulable', actions: 'recordFailure' },
      },
    },
    Unschedulable: { on: { CLUSTER_CHANGED: { target: 'Queued' } } },
    BindingVolumes: { on: { VOLUMES_BOUND: { target: 'Bound' } } },
    Bound: { type: 'final' },
  },
} as const;

export const schedulerEvents: SchedulerEvent[] = [
  { type: 'SCHEDULED', nodeName: 'node-1' },
  { type: 'SCHEDULED', nodeName: 'node-1', waitForVolumes: true },
  { type: 'VOLUMES_BOUND' },
  { type: 'UNSCHEDULABLE', message: '0/1 nodes are available: 1 Insufficient cpu.', seen: 'n1' },
  { type: 'CLUSTER_CHANGED' },
];

export function schedulerContext(pod: string): SchedulerContext {
  return { pod, nodeName: null, message: null, seen: null };
}
