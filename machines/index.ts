// Explicit registry of kubemodel's machines: id → definition (pure config + rule bindings) and event list.
import * as container from './container.ts';
import * as pod from './pod.ts';
import * as node from './node.ts';
import * as scheduler from './scheduler.ts';
import * as replicaset from './replicaset.ts';
import * as deployment from './deployment.ts';
import * as gc from './garbage-collector.ts';
import * as cni from './cni.ts';
import * as pvc from './persistentvolumeclaim.ts';
import * as pv from './persistentvolume.ts';
import * as attachment from './volume-attachment.ts';
import * as volume from './volume.ts';
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
  {
    id: 'deployment',
    title: "Deployment: the controller's sync (create, scale, clean up ReplicaSets), users' changes, pause, progress deadline",
    behaviours: ['ROLL-02', 'ROLL-04', 'ROLL-05', 'ROLL-06', 'ROLL-07', 'ROLL-08', 'ROLL-10', 'CTRL-01'],
    definition: { config: deployment.deploymentMachineConfig as never, bindings: deployment.bindings },
    events: deployment.deploymentEvents,
    sampleInput: deployment.deploymentContext('default/web'),
  },
  {
    id: 'garbage-collector',
    title: 'Garbage collector: deletes dependents of deleted owners, foreground and orphan finalizers',
    behaviours: ['GC-01', 'GC-02', 'GC-03', 'GC-04'],
    definition: { config: gc.garbageCollectorMachineConfig as never, bindings: gc.bindings },
    events: gc.garbageCollectorEvents,
    sampleInput: gc.garbageCollectorContext(),
  },
  {
    id: 'cni',
    title: "CNI: one Pod's network through ADD (bridge, veth pair, IPAM, routes, portmap) and DEL",
    behaviours: ['NET-CNI-01', 'NET-CNI-02', 'NET-CNI-05', 'NET-CNI-06', 'NET-CNI-07', 'NET-L2-01', 'NET-L2-02'],
    definition: { config: cni.cniMachineConfig as never, bindings: cni.bindings },
    events: cni.cniEvents,
    sampleInput: cni.cniContext({ pod: 'default/kubia-a', plugin: 'flannel-vxlan' }),
  },
  {
    id: 'persistentvolumeclaim',
    title: 'PersistentVolumeClaim: Pending until bound (or provisioned), Bound, Lost; deletion held by pvc-protection',
    behaviours: ['PVC-01', 'PVC-02', 'PVC-04', 'PVC-09', 'PVC-11', 'PVC-14'],
    definition: { config: pvc.persistentVolumeClaimMachineConfig as never, bindings: pvc.bindings },
    events: pvc.persistentVolumeClaimEvents,
    sampleInput: pvc.persistentVolumeClaimContext('default/claim'),
  },
  {
    id: 'persistentvolume',
    title: 'PersistentVolume: Pending, Available, Bound, Released, then Retain, Delete or Recycle; Failed',
    behaviours: ['PVC-02', 'PVC-03', 'PVC-14'],
    definition: { config: pv.persistentVolumeMachineConfig as never, bindings: pv.bindings },
    events: pv.persistentVolumeEvents,
    sampleInput: pv.persistentVolumeContext('pv0001'),
  },
  {
    id: 'volume-attachment',
    title: 'Volume attachment: one volume on one node, attached and detached by the AttachDetachController',
    behaviours: ['VOL-01', 'VOL-03', 'VOL-05', 'VOL-08', 'VOL-10'],
    definition: { config: attachment.volumeAttachmentMachineConfig as never, bindings: attachment.bindings },
    events: attachment.volumeAttachmentEvents,
    sampleInput: attachment.volumeAttachmentContext('pv0001', 'node01'),
  },
  {
    id: 'volume',
    title: "Volume: one Pod volume mounted by kubelet's VolumeManager (MountDevice, SetUp) and torn down in reverse",
    behaviours: ['VOL-01', 'VOL-02', 'VOL-04', 'VOL-05', 'VOL-11', 'CFG-02'],
    definition: { config: volume.volumeMachineConfig as never, bindings: volume.bindings },
    events: volume.volumeEvents,
    sampleInput: volume.volumeContext('default/pv-pod/data'),
  },
  leaderElectionModule,
];

/** Short names users type (`kubemodel viz pvc`), as kubectl abbreviates the resources. */
const ALIASES: Readonly<Record<string, string>> = { gc: 'garbage-collector', deploy: 'deployment', rs: 'replicaset', pvc: 'persistentvolumeclaim', pv: 'persistentvolume', attachment: 'volume-attachment', volumeattachment: 'volume-attachment' };

export function machineModule(id: string): MachineModule | undefined {
  const name = ALIASES[id] ?? id;
  return machineModules.find((m) => m.id === name);
}
