// A deterministic discrete-event run of the transition system: the same machines and rules the checker
// explores, driven along one timeline. kubelet acts after realistic latencies, timers fire after their
// durations (back-off 10s doubling to 300s, the grace period), and the environment does what each Pod's
// scenario says. The result is the Event log and the Pods' states at every step, for kubectl-style output.
import type { Pod } from '../k8s/types.ts';
import { PodSystem } from '../system/system.ts';
import { leafPath, projectStatus } from '../system/pods.ts';
import { describeAction } from '../system/describe.ts';
import type { KubeEvent } from '../kubelet/event-messages.ts';
import type { Action, SystemState } from '../system/types.ts';
import type { ContainerContext } from '../../machines/container.ts';
import { parseScenario, SCENARIO_ANNOTATION, stepsFor, type Scenario } from './scenario.ts';
import { forEachGroup } from '../system/system.ts';
import { podPhase } from '../k8s/phase.ts';

export interface SimulationOptions {
  /** Simulated seconds to run (default 600). */
  durationSeconds?: number;
  kubernetesVersion: string;
  /** Wall-clock time of the start, for event timestamps and AGE. */
  start?: Date;
  /** Stop after this many steps even if time remains (default 10,000). */
  maxSteps?: number;
}

export interface TimedEvent extends KubeEvent {
  /** Seconds since the start of the simulation. */
  at: number;
  object: string;
  namespace: string;
}

export interface SimulationStep {
  at: number;
  action: Action;
  summary: string;
}

export interface SimulationResult {
  endSeconds: number;
  events: TimedEvent[];
  steps: SimulationStep[];
  /** Pods as the API server holds them at the end (status projected), with creation and status times. */
  pods: Pod[];
  final: SystemState;
}

const KUBELET_LATENCY: Record<string, number> = {
  SANDBOX_CREATED: 1,
  CONTAINER_STARTED: 2,
  IMAGE_PULL_BACK_OFF: 1,
  RESTART: 0.5,
  KILL: 0.5,
  CONTAINERS_STOPPED: 0.5,
  BIND: 0.2,
};

function actionKey(a: Action): string {
  return `${a.instance}|${JSON.stringify(a.event)}`;
}

export function simulate(pods: readonly Pod[], opts: SimulationOptions): SimulationResult {
  const duration = opts.durationSeconds ?? 600;
  const maxSteps = opts.maxSteps ?? 10_000;
  const system = new PodSystem({ maxRestarts: Number.MAX_SAFE_INTEGER, maxFaults: Number.MAX_SAFE_INTEGER, allowDelete: false });
  const scenarios = new Map<string, Scenario>();
  const podByInstance = new Map<string, Pod>();
  for (const pod of pods) {
    const id = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    scenarios.set(id, parseScenario(pod.metadata.annotations?.[SCENARIO_ANNOTATION], `pod ${id}`));
    podByInstance.set(id, pod);
  }
  let state = system.initial(pods);
  let now = 0;
  const enabledSince = new Map<string, number>();
  const events: TimedEvent[] = [];
  const steps: SimulationStep[] = [];
  const terminatedAt = new Map<string, number>();
  // kubelet's image pull back-off: 10 s after the first failure, doubling to 300 s (its own back-off entry).
  const pullFailures = new Map<string, number>();

  /** When an enabled action fires, or undefined if the environment never does it in this scenario. */
  const dueAt = (a: Action, since: number, s: SystemState): number | undefined => {
    const [ns, name, list, container] = a.instance.split('/');
    const podId = `${ns}/${name}`;
    const inst = s.instances.find((i) => i.id === a.instance)!;
    const ctx = inst.state.context as Partial<ContainerContext>;
    const stepsHere = container ? stepsFor(scenarios.get(podId)!, container, ctx.role ?? 'app') : [];
    const has = (kind: string) => stepsHere.find((x) => x.kind === kind);
    const isInit = list === 'initContainers' && ctx.role === 'init';
    const t = a.event.type;
    if (a.actor === 'kubelet' || a.actor === 'scheduler') {
      if (t === 'CONTAINER_STARTED' && (has('image-pull-error') || has('missing-config'))) return undefined;
      return since + (KUBELET_LATENCY[t] ?? 1);
    }
    if (a.actor === 'timer') {
      if (t === 'BACK_OFF_EXPIRED' && leafPath(system.machines.container, inst.state) === 'Waiting.ImagePullBackOff') {
        return since + Math.min(10 * 2 ** ((pullFailures.get(a.instance) ?? 1) - 1), 300);
      }
      if (t === 'BACK_OFF_EXPIRED') return since + Math.max(ctx.backoff ?? 10, 10);
      if (t === 'RAN_10_MINUTES') return since + 600;
      if (t === 'GRACE_PERIOD_EXPIRED') return since + 30;
      return undefined;
    }
    // The environment: only what the scenario says happens.
    switch (t) {
      case 'IMAGE_PULL_FAILED':
        return has('image-pull-error') ? since + 2 : undefined;
      case 'CONFIG_MISSING':
        return has('missing-config') ? since + 1 : undefined;
      case 'READINESS_PROBE_SUCCEEDED':
        return has('readiness-fails') ? undefined : since + 5;
      case 'READINESS_PROBE_FAILED': {
        const step = has('readiness-fails');
        return step && 'afterSeconds' in step ? since + step.afterSeconds : undefined;
      }
      case 'CONTAINER_EXITED': {
        const code = a.event.exitCode as number;
        const step = stepsHere.find((x) => (x.kind === 'exit' || x.kind === 'crash-loop') && x.exitCode === code);
        if (step && 'afterSeconds' in step) return since + step.afterSeconds;
        // Init containers do their job and exit 0 unless the scenario says otherwise (POD-14).
        if (isInit && code === 0 && stepsHere.length === 0) return since + 3;
        return undefined;
      }
      case 'OOM_KILLED': {
        const step = has('oom');
        return step && 'afterSeconds' in step ? since + step.afterSeconds : undefined;
      }
      case 'LIVENESS_PROBE_FAILED': {
        const step = has('liveness-fails');
        return step && 'afterSeconds' in step ? since + step.afterSeconds : undefined;
      }
      default:
        return undefined;
    }
  };

  for (let n = 0; n < maxSteps; n++) {
    const succ = system.successors(state);
    const live = new Set<string>();
    let best: { at: number; index: number } | undefined;
    succ.forEach((s, index) => {
      const key = actionKey(s.action);
      live.add(key);
      if (!enabledSince.has(key)) enabledSince.set(key, now);
      const at = dueAt(s.action, enabledSince.get(key)!, state);
      if (at !== undefined && (best === undefined || at < best.at)) best = { at, index };
    });
    for (const key of [...enabledSince.keys()]) if (!live.has(key)) enabledSince.delete(key);
    if (!best || best.at > duration) break;
    const chosen = succ[best.index]!;
    now = Math.max(now, best.at);
    const [ns, name, list, container] = chosen.action.instance.split('/');
    const pod = system.podOf(state, `Pod/${ns}/${name}`) ?? podByInstance.get(`${ns}/${name}`)!;
    const nextInst = chosen.next.instances.find((i) => i.id === chosen.action.instance);
    const paths = containerPaths(system, state, chosen.next, chosen.action.instance);
    if (chosen.action.event.type === 'IMAGE_PULL_FAILED') pullFailures.set(chosen.action.instance, (pullFailures.get(chosen.action.instance) ?? 0) + 1);
    if (chosen.action.event.type === 'CONTAINER_STARTED') pullFailures.delete(chosen.action.instance);
    const d = describeAction(chosen.action, {
      pod,
      ...(container ? { container } : {}),
      ...(list === 'initContainers' || list === 'containers' ? { list } : {}),
      kubernetesVersion: opts.kubernetesVersion,
      ...paths,
    });
    for (const e of d.events) events.push({ ...e, at: now, object: d.object, namespace: ns ?? 'default' });
    steps.push({ at: now, action: chosen.action, summary: d.summary });
    if (nextInst && nextInst.machine === 'container' && leafPath(system.machines.container, nextInst.state) === 'Terminated') {
      terminatedAt.set(chosen.action.instance, now);
    }
    state = chosen.next;
    // Every enabled action that was not taken keeps its clock; the one taken restarts if enabled again.
    enabledSince.delete(actionKey(chosen.action));
  }
  return { endSeconds: Math.max(now, duration), events, steps, pods: currentPods(system, state, terminatedAt, opts.start ?? new Date(0)), final: state };
}

/** A container's state path before and after a step, for describing it. */
export function containerPaths(system: PodSystem, before: SystemState, after: SystemState, instance: string): { from?: string; to?: string } {
  const a = before.instances.find((i) => i.id === instance);
  const b = after.instances.find((i) => i.id === instance);
  if (a?.machine !== 'container') return {};
  return { from: leafPath(system.machines.container, a.state), ...(b ? { to: leafPath(system.machines.container, b.state) } : {}) };
}

/** The Pods with their projected status and phase; terminations carry the time they happened. */
function currentPods(system: PodSystem, state: SystemState, times: Map<string, number>, start: Date): Pod[] {
  const out: Pod[] = [];
  forEachGroup(state.instances, (s, e) => {
    const group = state.instances.slice(s, e);
    const pod = system.podOf(state, group[0]!.object);
    if (!pod) return;
    const status = projectStatus(system.machines, pod, group);
    const stamp = (id: string) => new Date(start.getTime() + (times.get(id) ?? 0) * 1000).toISOString();
    for (const list of [status.initContainerStatuses ?? [], status.containerStatuses ?? []]) {
      for (const cs of list) {
        const id = group.find((g) => g.id.endsWith(`/${cs.name}`))?.id ?? '';
        if (cs.lastState?.terminated) cs.lastState.terminated.finishedAt = stamp(id);
        if (cs.state.terminated) cs.state.terminated.finishedAt = stamp(id);
      }
    }
    const withStatus: Pod = { ...pod, metadata: { ...pod.metadata, creationTimestamp: start.toISOString() }, status };
    out.push({ ...withStatus, status: { phase: podPhase(withStatus), ...status } });
  });
  return out;
}

