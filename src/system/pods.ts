// A Pod in the transition system: one pod-machine instance plus one container-machine instance per init
// container and container, in spec order. This file builds them, gives the enabling rules their view of a
// container or Pod (what json-logic cannot navigate by itself), and projects the instances back onto the
// Pod's status exactly as kubelet reports it (containerStatuses, conditions); the phase then follows from
// rules/kubelet/pod-phase.json.
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '../k8s/types.ts';
import { containerContext, type ContainerContext } from '../../machines/container.ts';
import { podContext } from '../../machines/pod.ts';
import type { Instance, ModelConstants } from './types.ts';
import type { ClusterMachines } from './machines.ts';
import type { NodeFacts } from './nodes.ts';
import type { CompiledStatechart, MState } from './statechart.ts';
import { deterministicUid, objectKey } from './store.ts';
import { getRule } from '../rules/registry.ts';
import { podVolumeInstances } from './storage-instances.ts';
import { truthy } from './bind.ts';

/** The machines a Pod's instances run (contexts PodContext and ContainerContext, stored untyped). */
export type PodMachines = Pick<ClusterMachines, 'pod' | 'container'>;

export function podInstanceId(pod: Pod): string {
  return `pod/${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/**
 * Env taken from a ConfigMap or Secret: a missing one is CreateContainerConfigError (CFG-02). A missing one
 * behind a volume is the volume's FailedMount instead (machines/volume.ts), before any container is created.
 */
function referencesConfig(c: Container): boolean {
  const fromEnv = (c.envFrom ?? []).some((e) => e.configMapRef || e.secretRef);
  const fromValue = (c.env ?? []).some((e) => e.valueFrom !== undefined);
  return fromEnv || fromValue;
}

/**
 * The instances of a newly created Pod; a Pod created with spec.nodeName is bound from the start. With the
 * volume machine, the Pod's volumes that kubelet may have to wait for get theirs (src/system/storage-instances.ts).
 */
export function podInstances(pod: Pod, machines: PodMachines & { volume?: CompiledStatechart }): Instance[] {
  const id = podInstanceId(pod);
  const object = objectKey('Pod', pod.metadata.name, pod.metadata.namespace ?? 'default');
  let podState = machines.pod.initial(podContext(pod.spec));
  if (pod.spec.nodeName) podState = machines.pod.transition(podState, { type: 'BIND', nodeName: pod.spec.nodeName }) ?? podState;
  const restartPolicy = pod.spec.restartPolicy ?? 'Always';
  const containerInstance = (c: Container, list: 'initContainers' | 'containers'): Instance => ({
    id: `${id}/${list}/${c.name}`,
    machine: 'container',
    object,
    state: machines.container.initial(
      containerContext({
        name: c.name,
        role: list === 'containers' ? 'app' : c.restartPolicy === 'Always' ? 'sidecar' : 'init',
        restartPolicy,
        hasLivenessProbe: c.livenessProbe !== undefined,
        hasReadinessProbe: c.readinessProbe !== undefined,
        referencesConfig: referencesConfig(c),
      }),
    ),
  });
  return [
    { id, machine: 'pod', object, state: podState },
    ...(pod.spec.initContainers ?? []).map((c) => containerInstance(c, 'initContainers')),
    ...pod.spec.containers.map((c) => containerInstance(c, 'containers')),
    ...(machines.volume ? podVolumeInstances(pod, machines.volume) : []),
  ];
}

/** State path without the machine id: "Waiting.CrashLoopBackOff", "Running.Ready", "Terminated". */
export function leafPath(machine: CompiledStatechart, state: MState): string {
  return machine.leafPath(state);
}

interface PodFacts {
  scheduled: boolean;
  sandboxReady: boolean;
  /** The Pod's kubelet reaches the API server (true while unbound: nothing to reach yet). */
  reachable: boolean;
  /** The node's Ready condition is True; Unknown makes the node controller mark the Pod not ready. */
  nodeReady: boolean;
  terminating: boolean;
  gone: boolean;
  /** Every volume kubelet waits for is mounted (WaitForAttachAndMount, VOL-04). */
  volumesMounted: boolean;
  /** No volume is still mounted: the Pod's resources are reclaimed (VOL-05). */
  volumesUnmounted: boolean;
}

/** Where the Pod's volumes stand; a Pod without volume instances has nothing to wait for. */
export interface PodVolumeFacts {
  mounted: boolean;
  unmounted: boolean;
}

function podFacts(podMachine: CompiledStatechart, state: MState, node: NodeFacts | undefined, volumes?: PodVolumeFacts): PodFacts {
  return {
    volumesMounted: volumes?.mounted ?? true,
    volumesUnmounted: volumes?.unmounted ?? true,
    scheduled: podMachine.matches(state, 'scheduling.Scheduled'),
    sandboxReady: podMachine.matches(state, 'sandbox.Ready'),
    reachable: node ? node.kubeletUp : true,
    nodeReady: node ? node.ready === 'True' : true,
    // An evicted Pod is as finished for kubelet as a deleted one: nothing of it starts or restarts again.
    terminating: podMachine.matches(state, 'lifecycle.Terminating') || podMachine.matches(state, 'lifecycle.Evicted'),
    gone: podMachine.matches(state, 'lifecycle.Gone'),
  };
}

const shouldRestart = () => getRule('kubelet/should-restart');

/**
 * Every app container has terminated for good (kubelet will not restart it): the Pod has run to completion,
 * so kubelet stops its sidecars and restarts nothing (KEP-753 sidecar termination).
 */
function appsDone(machines: PodMachines, group: readonly Instance[]): boolean {
  const apps = group.slice(1).filter((i) => (i.state.context as ContainerContext).role === 'app');
  return apps.every((i) => machines.container.leafPath(i.state) === 'Terminated' && !truthy(shouldRestart().evaluate({ context: i.state.context })));
}

/** What kubelet needs to know about a container to order starts: has a sidecar started, has an init container completed. */
function progress(c: ContainerContext, path: string) {
  return {
    name: c.name,
    role: c.role,
    state: path,
    started: path.startsWith('Running') || path === 'Terminated' || path === 'Waiting.CrashLoopBackOff' || c.restartCount > 0,
    completed: path === 'Terminated' && c.exitCode === 0,
  };
}

/** What every view of one Pod's instances shares, computed once per Pod and state. */
export interface GroupFacts {
  pod: PodFacts;
  containers: ReturnType<typeof progress>[];
  appsDone: boolean;
}

export function groupFacts(machines: PodMachines, group: readonly Instance[], node: NodeFacts | undefined, volumes?: PodVolumeFacts): GroupFacts {
  return {
    pod: podFacts(machines.pod, group[0]!.state, node, volumes),
    containers: group.slice(1).map((i) => progress(i.state.context as ContainerContext, leafPath(machines.container, i.state))),
    appsDone: appsDone(machines, group),
  };
}

/** The data an enabling rule sees for a container (input shape ContainerView). */
export function containerView(facts: GroupFacts, group: readonly Instance[], index: number, constants: ModelConstants) {
  const ctx = group[index]!.state.context as ContainerContext;
  const me = facts.containers[index - 1]!;
  const before = ctx.role === 'app' ? facts.containers.filter((c) => c.role !== 'app') : facts.containers.slice(0, index - 1);
  return {
    pod: facts.pod,
    container: { ...me, restartCount: ctx.restartCount, exitCode: ctx.exitCode },
    before,
    restartsLeft: ctx.restartCount < constants.maxRestarts,
    appsDone: facts.appsDone,
  };
}

/** The data an enabling rule sees for a Pod (input shape PodView). */
/** A static Pod's mirror: kubelet runs it from a manifest file (annotation kubernetes.io/config.mirror). */
export function isMirrorPod(pod: Pod | undefined): boolean {
  return pod?.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
}

export function podView(facts: GroupFacts, constants: ModelConstants, untoleratedNoExecute: boolean, evictForPressure = false, mirror = false, minReadySeconds = 0) {
  // The Ready condition as projectStatus computes it: app containers and sidecars ready, the node Ready.
  const ready = facts.pod.nodeReady && facts.containers.every((c) => c.role === 'init' || c.state === 'Running.Ready');
  return {
    ready: facts.pod.scheduled && ready,
    minReadySeconds,
    mirror,
    pod: facts.pod,
    anyRunning: facts.containers.some((c) => c.state.startsWith('Running')),
    allowDelete: constants.allowDelete,
    untoleratedNoExecute,
    evictForPressure,
  };
}

function containerState(c: ContainerContext, path: string, hasInit: boolean, podName: string, ns: string, uid: string): ContainerState {
  if (path.startsWith('Running')) return { running: {} };
  if (path === 'Terminated') return { terminated: { exitCode: c.exitCode ?? 0, reason: c.reason ?? 'Error' } };
  const reason = path.slice('Waiting.'.length);
  // kubelet's default waiting reason for a container the runtime has not created yet is ContainerCreating, or
  // PodInitializing for every container of a Pod that has init containers (convertToAPIContainerStatuses).
  if (reason === 'ContainerCreating' && hasInit && c.restartCount === 0) return { waiting: { reason: 'PodInitializing' } };
  if (reason === 'CrashLoopBackOff') {
    return {
      waiting: {
        reason,
        message: `back-off ${c.backoff}s restarting failed container=${c.name} pod=${podName}_${ns}(${uid})`,
      },
    };
  }
  return { waiting: { reason } };
}

/** Pod.status as kubelet and the node controller would have written it for this group of instances. */
export function projectStatus(machines: PodMachines, pod: Pod, group: readonly Instance[], node?: NodeFacts): PodStatus {
  const facts = podFacts(machines.pod, group[0]!.state, node);
  const ns = pod.metadata.namespace ?? 'default';
  const uid = pod.metadata.uid ?? deterministicUid(`Pod/${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
  const init: ContainerStatus[] = [];
  const app: ContainerStatus[] = [];
  const contexts = group.slice(1).map((i) => ({ ctx: i.state.context as ContainerContext, path: leafPath(machines.container, i.state) }));
  const initDone = contexts.filter((c) => c.ctx.role !== 'app').every((c) => (c.ctx.role === 'sidecar' ? progress(c.ctx, c.path).started : progress(c.ctx, c.path).completed));
  for (const { ctx, path } of contexts) {
    const status: ContainerStatus = {
      name: ctx.name,
      state: containerState(ctx, path, contexts.some((c) => c.ctx.role !== 'app'), pod.metadata.name, ns, uid),
      ready: ctx.role === 'init' ? path === 'Terminated' && ctx.exitCode === 0 : path === 'Running.Ready',
      started: path.startsWith('Running'),
      restartCount: ctx.restartCount,
      ...(ctx.lastExitCode !== null ? { lastState: { terminated: { exitCode: ctx.lastExitCode, reason: ctx.lastReason ?? 'Error' } } } : {}),
    };
    (ctx.role === 'app' ? app : init).push(status);
  }
  const containersReady = app.every((s) => s.ready) && init.filter((_, i) => contexts[i]?.ctx.role === 'sidecar').every((s) => s.ready);
  const cond = (type: PodCondition['type'], ok: boolean, reason?: string): PodCondition => ({ type, status: ok ? 'True' : 'False', ...(reason ? { reason } : {}) });
  const conditions: PodCondition[] = [cond('PodScheduled', facts.scheduled)];
  if (facts.scheduled) {
    conditions.push(cond('Initialized', initDone, initDone ? undefined : 'ContainersNotInitialized'));
    // Once the node's Ready condition is Unknown the node controller marks every Pod on it not ready (NODE-04).
    const ready = containersReady && facts.nodeReady;
    conditions.push(cond('ContainersReady', containersReady, containersReady ? undefined : 'ContainersNotReady'));
    conditions.push(cond('Ready', ready, ready ? undefined : facts.nodeReady ? 'ContainersNotReady' : 'NodeNotReady'));
  }
  // kubelet's eviction makes the Pod terminal: Failed, reason Evicted, with the message it stored (NODE-13).
  const evicted = machines.pod.matches(group[0]!.state, 'lifecycle.Evicted') || pod.status?.reason === 'Evicted';
  return {
    ...(evicted ? { phase: 'Failed' as const, reason: 'Evicted', ...(pod.status?.message ? { message: pod.status.message } : {}) } : {}),
    conditions,
    ...(init.length > 0 && facts.scheduled ? { initContainerStatuses: init } : {}),
    ...(facts.scheduled ? { containerStatuses: app } : {}),
  };
}
