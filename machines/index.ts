// Explicit registry of kubemodel's machines: id → definition (pure config + rule bindings) and event list.
import * as container from './container.ts';
import * as pod from './pod.ts';
import * as node from './node.ts';
import * as scheduler from './scheduler.ts';
import * as replicaset from './replicaset.ts';
import { leaderElectionModule } from './leader-election.ts';
import type { MachineDefinition } from '../src/system/bind.ts';
import type { EventObject } from 'xstate';

export interface MachineModule {
  id: string;
  title: string;
  behaviours: string[];
  definition: MachineDefinition;
  events: EventObject[];
  /** A representative input for diagrams, paths and the differential test. */
  sampleInput: unknown;
  /** The part of the context that tells states apart for test paths (guards read it); none by default. */
  pathContext?: (context: any) => unknown;
}

export const machineModules: readonly MachineModule[] = [
  {
    id: 'node',
    title: 'Node: kubelet heartbeats, Ready condition kept by the node controller, cordon',
    behaviours: ['NODE-03', 'NODE-04', 'CTRL-04', 'SCHED-09'],
    definition: { config: node.nodeMachineConfig as never, bindings: node.bindings },
    events: node.nodeEvents,
    sampleInput: { name: 'node-1' },
  },
  {
    id: 'scheduler',
    title: 'Scheduler: one pending Pod through the queue, a scheduling cycle, binding or FailedScheduling',
    behaviours: ['SCHED-01', 'SCHED-02', 'SCHED-03', 'SCHED-24', 'SCHED-25'],
    definition: { config: scheduler.schedulerMachineConfig as never, bindings: scheduler.bindings },
    events: scheduler.schedulerEvents,
    sampleInput: scheduler.schedulerContext('default/web'),
  },
  {
    id: 'pod',
    title: 'Pod: binding, sandbox, node reachability, graceful deletion',
    behaviours: ['POD-03', 'POD-06', 'POD-15', 'POD-16', 'NODE-04'],
    definition: { config: pod.podMachineConfig as never, bindings: pod.bindings },
    events: pod.podEvents,
    sampleInput: pod.podContext({}),
  },
  {
    id: 'container',
    title: 'Container: waiting reasons, running and readiness, termination, restarts with back-off',
    behaviours: ['POD-11', 'POD-12', 'POD-14', 'PROBE-01', 'PROBE-02', 'PROBE-03', 'RES-05', 'CFG-02'],
    definition: { config: container.containerMachineConfig as never, bindings: container.bindings },
    events: container.containerEvents,
    sampleInput: container.containerContext({
      name: 'app',
      role: 'app',
      restartPolicy: 'Always',
      hasLivenessProbe: true,
      hasReadinessProbe: true,
      referencesConfig: true,
    }),
    // Whether kubelet holds a back-off entry, and how the container last exited, decide the restart guards.
    pathContext: (c: container.ContainerContext): unknown => ({ backingOff: c.backoff > 0, exitCode: c.exitCode }),
  },
  {
    id: 'replicaset',
    title: 'ReplicaSet controller: creates Pods from the template while fewer than spec.replicas are active',
    behaviours: ['CTRL-01', 'CTRL-03', 'ROLL-01', 'POD-13'],
    definition: { config: replicaset.replicaSetMachineConfig as never, bindings: replicaset.bindings },
    events: replicaset.replicaSetEvents,
    sampleInput: replicaset.replicaSetContext('web'),
  },
  leaderElectionModule,
];

export function machineModule(id: string): MachineModule | undefined {
  return machineModules.find((m) => m.id === id);
}
