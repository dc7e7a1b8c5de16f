// What an action looks like to a Kubernetes user: the Events it records (`kubectl get events` wording of the
// selected release) or, where Kubernetes records no Event (a process exiting, an OOM kill), a plain sentence.
import { eventMessage, type EventKind, type KubeEvent } from '../kubelet/event-messages.ts';
import type { Pod } from '../k8s/types.ts';
import { instanceRef, type Action, type SystemState } from './types.ts';
import type { ClusterSystem } from './system.ts';
import { leafPath } from './pods.ts';
import { deterministicUid } from './store.ts';
import { describeStorageStep } from './describe-storage.ts';
import { describeDeploymentStep, describeGcStep } from './describe-deployment.ts';
import { STORAGE_MACHINES } from './storage.ts';

export interface ActionDescription {
  /** Who acted, as kubectl shows event sources: kubelet, default-scheduler, node-controller, user. */
  actor: string;
  /** The object the action concerns, `pod/web`. */
  object: string;
  events: KubeEvent[];
  /** One line for traces: what happened, in Kubernetes terms. */
  summary: string;
}

export interface DescribeContext {
  pod: Pod;
  /** The container the action is about, when it is a container action. */
  container?: string;
  /** Pod spec list the container is in. */
  list?: 'initContainers' | 'containers';
  kubernetesVersion: string;
  /** The container's state path before the action, e.g. "Waiting.ImagePullBackOff". */
  from?: string;
  /** The container's state path after the action, e.g. "Waiting.CrashLoopBackOff". */
  to?: string;
  /** Pretend pull durations for Pulled events (the simulator passes its own). */
  pullSeconds?: number;
}

const SHORT: Record<string, string> = {
  SANDBOX_CREATED: 'kubelet created the Pod sandbox (pause container, CNI ADD)',
  CONTAINERS_STOPPED: 'kubelet saw every container stop; the API server removed the Pod',
  GRACE_PERIOD_EXPIRED: 'terminationGracePeriodSeconds passed: kubelet sent SIGKILL; the API server removed the Pod',
  KUBELET_STOPPED: 'kubelet stopped reaching the API server (network partition, kubelet or machine down): no more heartbeats',
  KUBELET_STARTED: 'kubelet reaches the API server again and heartbeats',
  CORDON: 'kubectl cordon: spec.unschedulable set',
  DRAIN: "kubectl drain: cordoned, then every Pod on the node evicted (deleted gracefully)",
  UNCORDON: 'kubectl uncordon: spec.unschedulable cleared',
  CLUSTER_CHANGED: 'the cluster changed: the scheduler moves the Pod back to the active queue',
  RAN_10_MINUTES: 'the container ran 10 minutes: kubelet forgot its restart back-off',
  CONFIG_AVAILABLE: 'the missing ConfigMap/Secret was created',
  READINESS_PROBE_SUCCEEDED: 'the readiness probe succeeded: the container is Ready',
};

export function describeAction(action: Action, ctx: DescribeContext): ActionDescription {
  const { pod, container, kubernetesVersion } = ctx;
  const ns = pod.metadata.namespace ?? 'default';
  const spec = container
    ? [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === container)
    : undefined;
  const image = spec?.image ?? '';
  const args = {
    pod: pod.metadata.name,
    namespace: ns,
    uid: pod.metadata.uid ?? deterministicUid(`Pod/${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`),
    container: container ?? '',
    image,
    node: pod.spec.nodeName ?? '',
    pullSeconds: ctx.pullSeconds ?? 1.5,
    imageSize: 1_000_000,
    probeOutput: 'HTTP probe failed with statuscode: 500',
    configMap: firstConfigMap(pod, container) ?? 'app-config',
    pullError: `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
  };
  const ev = (kind: EventKind) => eventMessage(kind, args, kubernetesVersion);
  const object = `pod/${pod.metadata.name}`;
  const e = action.event;
  let events: KubeEvent[] = [];
  let summary: string | undefined;
  let actor: string = action.actor;
  switch (e.type) {
    case 'BIND':
      actor = 'default-scheduler';
      events = [ev('Scheduled')];
      break;
    case 'BACK_OFF_EXPIRED':
      if (ctx.from === 'Waiting.ImagePullBackOff') {
        summary = `the image pull back-off of container ${container} expired: kubelet pulls again`;
        break;
      }
    // falls through: the end of a crash back-off restarts the container
    case 'RESTART':
      if (e.type === 'RESTART' && ctx.to === 'Waiting.CrashLoopBackOff') {
        events = [ev('BackOffRestart')];
        break;
      }
    // falls through: an immediate restart records the same Events as a start
    case 'CONTAINER_STARTED': {
      const pulled = spec?.imagePullPolicy === 'Always' || e.type === 'CONTAINER_STARTED' ? ['Pulling', 'Pulled'] : ['PulledAlreadyPresent'];
      events = [...(pulled as EventKind[]), 'Created', 'Started'].map((k) => ev(k as EventKind));
      break;
    }
    case 'IMAGE_PULL_FAILED':
      events = [ev('Pulling'), ev('FailedPull'), ev('ErrImagePull')];
      break;
    case 'IMAGE_PULL_BACK_OFF':
      events = [ev('BackOffPull'), ev('ImagePullBackOff')];
      break;
    case 'CONFIG_MISSING':
      events = [ev('CreateContainerConfigError')];
      break;
    case 'CONTAINER_EXITED':
      summary = `container ${container} exited with code ${String(e.exitCode)}`;
      break;
    case 'OOM_KILLED':
      summary = `the kernel OOM-killed container ${container} (exit code 137, reason OOMKilled)`;
      break;
    case 'LIVENESS_PROBE_FAILED':
      events = [ev('UnhealthyLiveness'), ev('KillingLiveness')];
      break;
    case 'READINESS_PROBE_FAILED':
      events = [ev('UnhealthyReadiness')];
      break;
    case 'KILL':
      events = [ev('Killing')];
      break;
    case 'DELETE':
      summary = `kubectl delete pod ${pod.metadata.name}${e.gracePeriodSeconds === 0 ? ' --grace-period=0' : ''}: deletionTimestamp set`;
      break;
    case 'NODE_LOST':
    case 'NODE_RECOVERED':
      actor = 'node-controller';
      break;
    default:
      break;
  }
  summary ??= SHORT[e.type] ?? events.map((x) => `${x.reason}: ${x.message}`).join('; ');
  if (!summary) summary = e.type;
  return { actor, object, events, summary };
}

function firstConfigMap(pod: Pod, container: string | undefined): string | undefined {
  const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === container);
  for (const e of spec?.envFrom ?? []) if (e.configMapRef) return e.configMapRef.name;
  return undefined;
}

/** A container's state path before and after a step, for describing it. */
export function containerPaths(system: ClusterSystem, before: SystemState, after: SystemState, instance: string): { from?: string; to?: string } {
  const a = before.instances.find((i) => i.id === instance);
  const b = after.instances.find((i) => i.id === instance);
  if (a?.machine !== 'container') return {};
  return { from: leafPath(system.machines.container, a.state), ...(b ? { to: leafPath(system.machines.container, b.state) } : {}) };
}

/**
 * Any step of the cluster system, described: node-controller and scheduler actions record the Events those
 * components write (NodeNotReady, Scheduled, FailedScheduling, TaintManagerEviction); Pod and container
 * actions go through describeAction.
 */
export function describeStep(
  system: ClusterSystem,
  before: SystemState,
  after: SystemState,
  action: Action,
  kubernetesVersion: string,
  extra: { pullSeconds?: number } = {},
): ActionDescription {
  const ref = instanceRef(action.instance);
  const e = action.event;
  if (STORAGE_MACHINES.has(ref.machine)) return describeStorageStep(system, before, after, action, kubernetesVersion);
  if (ref.machine === 'deployment') return describeDeploymentStep(system, before, after, action, kubernetesVersion);
  if (ref.machine === 'garbage-collector') return describeGcStep(action);
  if (ref.machine === 'node') {
    const object = `node/${ref.node}`;
    if (e.type === 'GRACE_PERIOD_PASSED') {
      return {
        actor: 'node-controller',
        object,
        events: [{ type: 'Normal', reason: 'NodeNotReady', message: `Node ${ref.node} status is now: NodeNotReady`, source: 'node-controller' }],
        summary: `no heartbeat for node-monitor-grace-period: node ${ref.node} Ready=Unknown, tainted node.kubernetes.io/unreachable (NoSchedule, NoExecute), its Pods marked not ready`,
      };
    }
    if (e.type === 'HEARTBEAT_SEEN') {
      return {
        actor: 'node-controller',
        object,
        events: [{ type: 'Normal', reason: 'NodeReady', message: `Node ${ref.node} status is now: NodeReady`, source: 'kubelet' }],
        summary: `node ${ref.node} is Ready again; the unreachable taints are removed`,
      };
    }
    return { actor: action.actor, object, events: [], summary: SHORT[e.type] ?? e.type };
  }
  if (ref.machine === 'replicaset') {
    const object = `replicaset/${ref.name}`;
    const createdPods = [...after.store.objects.keys()].filter((k) => k.startsWith('Pod/') && !before.store.objects.has(k));
    if (e.type === 'DELETE_POD') {
      const deleted = [...after.store.objects.entries()].find(([k, o]) => k.startsWith('Pod/') && o.metadata['deletionTimestamp'] && !before.store.objects.get(k)?.metadata['deletionTimestamp']);
      const pod = deleted?.[0].slice(deleted[0].lastIndexOf('/') + 1) ?? '';
      const ev: KubeEvent = { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod}`, source: 'replicaset-controller' };
      return { actor: 'replicaset-controller', object, events: [ev], summary: ev.message };
    }
    const events: KubeEvent[] = createdPods.map((k) => ({
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: `Created pod: ${k.slice(k.lastIndexOf('/') + 1)}`,
      source: 'replicaset-controller',
    }));
    return { actor: 'replicaset-controller', object, events, summary: events[0]?.message ?? 'the API server refused the Pod the ReplicaSet controller tried to create' };
  }
  const pod = ref.podKey ? (system.podOf(before, ref.podKey) ?? system.podOf(after, ref.podKey)) : undefined;
  if (!pod) return { actor: action.actor, object: action.instance, events: [], summary: e.type };
  const podRef = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
  if (ref.machine === 'scheduler') {
    const object = `pod/${pod.metadata.name}`;
    if (e.type === 'SCHEDULED' && e.waitForVolumes) {
      return { actor: 'default-scheduler', object, events: [], summary: `the scheduler chose ${String(e.nodeName)}; VolumeBinding asks for the Pod's claims to be provisioned there (volume.kubernetes.io/selected-node) and waits in PreBind` };
    }
    if (e.type === 'VOLUMES_BOUND') {
      const nodeName = String((after.instances.find((i) => i.id === action.instance)?.state.context as { nodeName?: string } | undefined)?.nodeName ?? pod.spec.nodeName ?? (system.podOf(after, ref.podKey!)?.spec.nodeName ?? ''));
      const ev = eventMessage('Scheduled', { pod: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', node: nodeName }, kubernetesVersion);
      return { actor: 'default-scheduler', object, events: [ev], summary: `the Pod's claims are bound: ${ev.message}` };
    }
    if (e.type === 'SCHEDULED') {
      const ev = eventMessage('Scheduled', { pod: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', node: String(e.nodeName) }, kubernetesVersion);
      return { actor: 'default-scheduler', object, events: [ev], summary: ev.message };
    }
    if (e.type === 'UNSCHEDULABLE') {
      const message = String(e.message);
      const events: KubeEvent[] = [{ type: 'Warning', reason: 'FailedScheduling', message, source: 'default-scheduler' }];
      // The preemptor's victims each get a Preempted event naming who needed the room (default_preemption.go).
      for (const victim of (e.victims as string[] | undefined) ?? []) {
        events.push({
          type: 'Normal',
          reason: 'Preempted',
          message: `Preempted by pod ${pod.metadata.uid ?? ''} on node ${String(e.nominatedNode)}`,
          source: 'default-scheduler',
          involvedObject: `pod/${victim.slice(victim.indexOf('/') + 1)}`,
        });
      }
      const summary = e.victims ? `${message}; preempting ${(e.victims as string[]).join(', ')} on ${String(e.nominatedNode)}` : message;
      return { actor: 'default-scheduler', object, events, summary };
    }
    return { actor: 'default-scheduler', object, events: [], summary: SHORT[e.type] ?? e.type };
  }
  if (e.type === 'DELETE_MIRROR') {
    return {
      actor: 'user',
      object: `pod/${pod.metadata.name}`,
      events: [],
      summary: `kubectl delete pod ${pod.metadata.name}: the mirror of a static Pod; kubelet keeps running it from its manifest file and creates the mirror again`,
    };
  }
  if (e.type === 'EVICT') {
    const message = (system.podOf(after, ref.podKey!) ?? pod).status?.message ?? '';
    const kills = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) =>
      eventMessage('Killing', { pod: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', container: c.name }, kubernetesVersion),
    );
    return {
      actor: 'kubelet',
      object: `pod/${pod.metadata.name}`,
      events: [{ type: 'Warning', reason: 'Evicted', message, source: 'kubelet' }, ...kills],
      summary: `kubelet evicted Pod ${podRef} under node pressure: ${message}`,
    };
  }
  if (action.actor === 'taint-eviction') {
    return {
      actor: 'taint-eviction-controller',
      object: `pod/${pod.metadata.name}`,
      events: [{ type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${podRef}`, source: 'taint-eviction-controller' }],
      summary: `the node's NoExecute taint is not tolerated (any longer): Pod ${podRef} deleted`,
    };
  }
  return describeAction(action, {
    pod,
    ...(ref.container ? { container: ref.container } : {}),
    ...(ref.list ? { list: ref.list } : {}),
    kubernetesVersion,
    ...containerPaths(system, before, after, action.instance),
    ...(extra.pullSeconds !== undefined ? { pullSeconds: extra.pullSeconds } : {}),
  });
}
