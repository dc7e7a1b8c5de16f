// A deterministic discrete-event run of the transition system: the same machines and rules the checker
// explores, driven along one timeline. kubelet acts after realistic latencies, timers fire after their
// durations (back-off 10s doubling to 300s, the grace period), and the environment does what each Pod's
// scenario says. The result is the Event log and the Pods' states at every step, for kubectl-style output.
import type { Deployment, Node, PersistentVolume, PersistentVolumeClaim, Pod, ReplicaSet } from '../k8s/types.ts';
import { deploymentSnapshot, deploymentChangeEvent } from './deployments.ts';
import { podFactsOf, withDerivedStatus } from '../system/deployments.ts';
import { ClusterSystem, type ClusterInput } from '../system/system.ts';
import { leafPath, projectStatus } from '../system/pods.ts';
import { describeStep } from '../system/describe.ts';
import type { KubeEvent } from '../kubelet/event-messages.ts';
import { instanceRef, type Action, type SystemState } from '../system/types.ts';
import { updateObject } from '../system/store.ts';
import { parseKubernetesMinor } from '../k8s/version.ts';
import { currentNode } from '../system/nodes.ts';
import { OBSERVED_MEMORY_AVAILABLE } from '../system/pressure.ts';
import type { ContainerContext } from '../../machines/container.ts';
import { parseDeploymentScenario, parseNodeScenario, parseScenario, SCENARIO_ANNOTATION, stepsFor, type Scenario } from './scenario.ts';
import { podPhase } from '../k8s/phase.ts';
import { changedClaimEvents, pendingClaimEvents } from './storage-events.ts';

export interface SimulationOptions {
  /** Simulated seconds to run (default 600). */
  durationSeconds?: number;
  kubernetesVersion: string;
  /** Wall-clock time of the start, for event timestamps and AGE. */
  start?: Date;
  /** Stop after this many steps even if time remains (default 10,000); `--steps N`. */
  maxSteps?: number;
  /**
   * `--until stable`: end the run as soon as it settles, i.e. nothing is due any more: no component (kubelet,
   * scheduler, controllers, timers) has an action that will fire, no environment or user step of a scenario
   * is still scheduled. AGE and the Event ages are then read at the settling time instead of at the end of
   * `durationSeconds`, which still caps the run.
   */
  until?: 'stable';
  /** Seed of the scheduler's choice among equally good nodes. */
  seed?: number;
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
  /** The time the output is read at: the end of the duration, the last step when stopped by --steps, or the settling time with --until stable. */
  endSeconds: number;
  /** Why the run ended: nothing due any more, the next step lay beyond the duration, or the step limit. */
  stoppedBy: 'stable' | 'duration' | 'steps';
  /** Seconds after which nothing was due any more, when the run settled within the duration. */
  settledAt?: number;
  events: TimedEvent[];
  steps: SimulationStep[];
  /** Pods as the API server holds them at the end (status projected), with creation and status times. */
  pods: Pod[];
  /** Nodes as the API server holds them at the end (conditions and taints kept by the node controller). */
  nodes: Node[];
  /** PersistentVolumeClaims and PersistentVolumes as the API server holds them at the end, with creation times. */
  claims: PersistentVolumeClaim[];
  volumes: PersistentVolume[];
  /** Each Deployment as it was after every step that changed it (status as its controller reports it), and at the end. */
  deployments: { name: string; namespace: string; series: Deployment[]; replicaSets: ReplicaSet[] }[];
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

/** Seconds a controller takes for its step (the external storage sidecars call a CSI driver). */
const STORAGE_LATENCY: Readonly<Record<string, number>> = {
  'deployment-controller': 0.1,
  'pv-controller': 0.2,
  'pvc-protection': 0.2,
  provisioner: 2,
  'external-provisioner': 3,
  'attach-detach-controller': 0.1,
  'external-attacher': 2,
};

function actionKey(a: Action): string {
  return `${a.instance}|${JSON.stringify(a.event)}`;
}

export function simulate(input: readonly Pod[] | ClusterInput, opts: SimulationOptions): SimulationResult {
  const cluster: ClusterInput = Array.isArray(input) ? { pods: input as readonly Pod[] } : (input as ClusterInput);
  const { nodes = [], pods } = cluster;
  const duration = opts.durationSeconds ?? 600;
  const minor = parseKubernetesMinor(opts.kubernetesVersion);
  const maxSteps = opts.maxSteps ?? 10_000;
  const system = new ClusterSystem(
    { maxRestarts: Number.MAX_SAFE_INTEGER, maxFaults: Number.MAX_SAFE_INTEGER, allowDelete: false, allowCordon: false, seed: opts.seed ?? 1 },
    {},
    { kubernetesVersion: opts.kubernetesVersion },
  );
  const scenarios = new Map<string, Scenario>();
  const podByInstance = new Map<string, Pod>();
  for (const pod of pods) {
    const id = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    scenarios.set(id, parseScenario(pod.metadata.annotations?.[SCENARIO_ANNOTATION], `pod ${id}`));
    podByInstance.set(id, pod);
  }
  const nodeScenarios = new Map(nodes.map((n) => [n.metadata.name, parseNodeScenario(n.metadata.annotations?.[SCENARIO_ANNOTATION], `node ${n.metadata.name}`)]));
  let state = system.initial(cluster);
  // Users' changes to Deployments at scenario times (kubectl set image, scale, rollout pause|resume|undo).
  const pendingChanges = (cluster.deployments ?? [])
    .flatMap((d) => {
      const ns = d.metadata.namespace ?? 'default';
      return parseDeploymentScenario(d.metadata.annotations?.[SCENARIO_ANNOTATION], `deployment ${ns}/${d.metadata.name}`).steps.map((step) => ({ step, instance: `deployment/${ns}/${d.metadata.name}` }));
    })
    .sort((a, b) => a.step.at - b.step.at);
  const series = new Map<string, Deployment[]>();
  // `kubectl rollout status` is run after the user's change when the scenario makes one, else from the start.
  const watchFrom = new Map<string, number>();
  for (const c of pendingChanges) if (!watchFrom.has(c.instance)) watchFrom.set(c.instance, c.step.at);
  const recordDeployments = (s: SystemState, at: number) => {
    for (const inst of s.instances) {
      if (inst.machine !== 'deployment' || at < (watchFrom.get(inst.id) ?? 0)) continue;
      const d = deploymentSnapshot(system, s, inst, new Date((opts.start ?? new Date(0)).getTime() + at * 1000).toISOString());
      if (!d) continue;
      const list = series.get(inst.object) ?? [];
      // A write that changes no status field is no watch event for kubectl (only condition times moved).
      const counts = (x: Deployment | undefined) => JSON.stringify({ ...x?.status, conditions: x?.status?.conditions?.map((c) => [c.type, c.status, c.reason]) });
      if (counts(list[list.length - 1]) !== counts(d) || list[list.length - 1]?.metadata.generation !== d.metadata.generation) list.push(d);
      series.set(inst.object, list);
    }
  };
  recordDeployments(state, 0);
  const pendingEdits = [...nodeScenarios]
    .flatMap(([node, plan]) => [
      ...plan.labels.map((l) => ({ at: l.at, node, annotation: false, key: l.key, value: l.value })),
      ...plan.memory.map((m) => ({ at: m.at, node, annotation: true, key: OBSERVED_MEMORY_AVAILABLE, value: m.available })),
    ])
    .sort((a, b) => a.at - b.at);
  let now = 0;
  let stoppedBy: SimulationResult['stoppedBy'] = 'steps';
  let settledAt: number | undefined;
  const enabledSince = new Map<string, number>();
  const events: TimedEvent[] = [];
  const steps: SimulationStep[] = [];
  const terminatedAt = new Map<string, number>();
  // When each object appeared (0 for the ones applied at the start), for creationTimestamp and AGE.
  const createdAt = new Map<string, number>([...state.store.objects.keys()].map((k) => [k, 0]));
  // kubelet's image pull back-off: 10 s after the first failure, doubling to 300 s (its own back-off entry).
  const pullFailures = new Map<string, number>();
  // The PV controller's resync Events (PVC-04): recorded when they change, aggregated by the renderer.
  let lastClaimEvents = new Map<string, string>();
  const recordClaimEvents = (s: SystemState): void => {
    const changed = changedClaimEvents(pendingClaimEvents(system, s), lastClaimEvents);
    lastClaimEvents = changed.last;
    for (const c of changed.record) for (const e of c.events) events.push({ ...e, at: now, object: e.involvedObject ?? `persistentvolumeclaim/${c.claim}`, namespace: c.namespace });
  };

  /** When an enabled action fires, or undefined if the environment never does it in this scenario. */
  const dueAt = (a: Action, since: number, s: SystemState): number | undefined => {
    const ref = instanceRef(a.instance);
    const podId = `${ref.namespace}/${ref.name}`;
    const container = ref.container;
    const list = ref.list;
    const inst = s.instances.find((i) => i.id === a.instance)!;
    const ctx = inst.state.context as Partial<ContainerContext>;
    const stored = ref.podKey ? system.podOf(s, ref.podKey) : undefined;
    // Pods a controller created later take their scenario from their (template's) annotations.
    if (stored && !scenarios.has(podId)) scenarios.set(podId, parseScenario(stored.metadata.annotations?.[SCENARIO_ANNOTATION], `pod ${podId}`));
    const stepsHere = container ? stepsFor(scenarios.get(podId)!, container, ctx.role ?? 'app') : [];
    const has = (kind: string) => stepsHere.find((x) => x.kind === kind);
    const isInit = list === 'initContainers' && ctx.role === 'init';
    const t = a.event.type;
    if (ref.machine === 'node') {
      const plan = nodeScenarios.get(ref.node ?? '');
      if (t === 'KUBELET_STOPPED') return plan?.lostAt !== undefined ? Math.max(since, plan.lostAt) : undefined;
      if (t === 'KUBELET_STARTED') return plan?.recoverAt !== undefined ? Math.max(since, plan.recoverAt) : undefined;
    }
    if (a.actor === 'node-controller') {
      // node-monitor-grace-period without heartbeats marks the node Unknown: 40 s until 1.31, 50 s since 1.32
      // (kubernetes#126287); a heartbeat is seen within one node-status update (10 s).
      return since + (t === 'GRACE_PERIOD_PASSED' ? (minor >= 32 ? 50 : 40) : 10);
    }
    if (a.actor === 'taint-eviction') return since + tolerationSecondsFor(stored ?? podByInstance.get(podId));
    if (a.actor === 'controller') return since + 0.1;
    // Storage controllers react within a resync; provisioning and attaching talk to a storage backend.
    const storageLatency = STORAGE_LATENCY[a.actor];
    if (storageLatency !== undefined) return since + storageLatency;
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
      if (t === 'MIN_READY_SECONDS_PASSED') return since + minReadySecondsFor(stored, s);
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
    // At the start and after every step, once the PV controller has no step of its own left to take (a new PV
    // still to be marked Available would otherwise read as "no persistent volumes available").
    if (!succ.some((x) => x.action.actor === 'pv-controller')) recordClaimEvents(state);
    // A user's change due before the next action happens first, like an administrator's edit below.
    const change = pendingChanges[0];
    if (change && change.step.at <= duration && (!best || change.step.at <= best.at)) {
      pendingChanges.shift();
      now = Math.max(now, change.step.at);
      const action: Action = { instance: change.instance, event: deploymentChangeEvent(change.step), actor: 'user', fault: false };
      const next = system.perform(state, action);
      if (next) {
        steps.push({ at: now, action, summary: describeStep(system, state, next, action, opts.kubernetesVersion).summary });
        state = next;
        recordDeployments(state, now);
      }
      continue;
    }
    // An administrator's edit due before the next action happens first; the cluster then looks different.
    const edit = pendingEdits[0];
    if (edit && edit.at <= duration && (!best || edit.at <= best.at)) {
      pendingEdits.shift();
      now = Math.max(now, edit.at);
      state = labelNode(state, edit.node, edit.key, edit.value, edit.annotation);
      const summary = edit.annotation ? `kubelet on ${edit.node} observes memory.available=${edit.value}` : `kubectl label node ${edit.node} ${edit.key}=${edit.value}`;
      steps.push({ at: now, action: { instance: `node/${edit.node}`, event: { type: edit.annotation ? 'OBSERVE' : 'LABEL', key: edit.key, value: edit.value }, actor: edit.annotation ? 'env' : 'user', fault: false }, summary });
      continue;
    }
    // Settled: every enabled action is one the scenario never lets happen (a pull that keeps failing is not
    // settled: its back-off timer stays due) and no administrator's edit is pending.
    if (!best && pendingEdits.length === 0 && pendingChanges.length === 0) {
      stoppedBy = 'stable';
      settledAt = now;
      break;
    }
    if (!best || best.at > duration) {
      stoppedBy = 'duration';
      break;
    }
    const chosen = succ[best.index]!;
    now = Math.max(now, best.at);
    const nextInst = chosen.next.instances.find((i) => i.id === chosen.action.instance);
    if (chosen.action.event.type === 'IMAGE_PULL_FAILED') pullFailures.set(chosen.action.instance, (pullFailures.get(chosen.action.instance) ?? 0) + 1);
    if (chosen.action.event.type === 'CONTAINER_STARTED') pullFailures.delete(chosen.action.instance);
    const d = describeStep(system, state, chosen.next, chosen.action, opts.kubernetesVersion);
    const ns = instanceRef(chosen.action.instance).namespace ?? '';
    for (const e of d.events) events.push({ ...e, at: now, object: e.involvedObject ?? d.object, namespace: ns ?? 'default' });
    steps.push({ at: now, action: chosen.action, summary: d.summary });
    for (const key of chosen.next.store.objects.keys()) if (!createdAt.has(key)) createdAt.set(key, now);
    if (nextInst && nextInst.machine === 'container' && leafPath(system.machines.container, nextInst.state) === 'Terminated') {
      terminatedAt.set(chosen.action.instance, now);
    }
    state = chosen.next;
    const touched = instanceRef(chosen.action.instance).machine;
    if (touched !== 'node' && touched !== 'scheduler') recordDeployments(state, now);
    // Every enabled action that was not taken keeps its clock; the one taken restarts if enabled again.
    enabledSince.delete(actionKey(chosen.action));
  }
  const facts = system.nodeFactsOf(state);
  const finalNodes = [...state.store.objects]
    .filter(([, o]) => o.kind === 'Node')
    .map(([key, o]) => currentNode({ ...(o as unknown as Node), metadata: { ...o.metadata, creationTimestamp: (opts.start ?? new Date(0)).toISOString() } }, facts.get(key)!));
  const stamped = <T extends { metadata: { creationTimestamp?: string } }>(key: string, o: T): T => ({
    ...o,
    metadata: { ...o.metadata, creationTimestamp: new Date((opts.start ?? new Date(0)).getTime() + (createdAt.get(key) ?? 0) * 1000).toISOString() },
  });
  const stored = [...state.store.objects];
  const claims = stored.filter(([, o]) => o.kind === 'PersistentVolumeClaim').map(([key, o]) => withDefaultPhase(stamped(key, o as unknown as PersistentVolumeClaim)));
  const volumes = stored.filter(([, o]) => o.kind === 'PersistentVolume').map(([key, o]) => withDefaultPhase(stamped(key, o as unknown as PersistentVolume)));
  const endSeconds = stoppedBy === 'steps' ? now : opts.until === 'stable' && settledAt !== undefined ? settledAt : Math.max(now, duration);
  return {
    endSeconds,
    stoppedBy,
    ...(settledAt !== undefined ? { settledAt } : {}),
    events,
    steps,
    pods: currentPods(system, state, terminatedAt, createdAt, opts.start ?? new Date(0)),
    nodes: finalNodes,
    claims,
    volumes,
    deployments: [...series].map(([key, list]) => {
      const [, namespace, name] = key.split('/') as [string, string, string];
      const pods = podFactsOf(system, state);
      const replicaSets = [...state.store.objects.values()]
        .filter((o) => o.kind === 'ReplicaSet' && o.metadata.namespace === namespace)
        .map((o) => withDerivedStatus(stamped(`ReplicaSet/${namespace}/${o.metadata.name}`, o as unknown as ReplicaSet), pods));
      return { name, namespace, series: list.map((d) => stamped(key, d)), replicaSets };
    }),
    final: state,
  };
}

/** The API server defaults an empty status.phase to Pending for claims and volumes (SetDefaults_PersistentVolume[Claim]). */
function withDefaultPhase<T extends PersistentVolumeClaim | PersistentVolume>(o: T): T {
  return o.status?.phase ? o : { ...o, status: { ...o.status, phase: 'Pending' } };
}

/** `kubectl label node` (or, with `annotation`, what kubelet observes, kept as an annotation): nothing else changes. */
function labelNode(state: SystemState, node: string, key: string, value: string, annotation = false): SystemState {
  const current = state.store.objects.get(`Node/${node}`);
  if (!current) return state;
  const field = annotation ? 'annotations' : 'labels';
  const metadata = { ...current.metadata, [field]: { ...(current.metadata[field] as Record<string, string> | undefined), [key]: value } };
  const written = updateObject(state.store, { ...current, metadata });
  return written.ok ? { ...state, store: written.store } : state;
}

/** spec.minReadySeconds of the ReplicaSet that controls the Pod. */
function minReadySecondsFor(pod: Pod | undefined, s: SystemState): number {
  const owner = pod?.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet');
  const rs = owner && pod ? (s.store.objects.get(`ReplicaSet/${pod.metadata.namespace ?? 'default'}/${owner.name}`) as unknown as ReplicaSet | undefined) : undefined;
  return rs?.spec.minReadySeconds ?? 0;
}

/** How long a Pod tolerates its node being unreachable before the taint-eviction controller deletes it. */
function tolerationSecondsFor(pod: Pod | undefined): number {
  const t = (pod?.spec.tolerations ?? []).find(
    (x) => (x.key === 'node.kubernetes.io/unreachable' || (x.key === undefined && x.operator === 'Exists')) && x.tolerationSeconds !== undefined,
  );
  return t?.tolerationSeconds ?? 0;
}

/** The Pods with their projected status and phase; terminations carry the time they happened. */
function currentPods(system: ClusterSystem, state: SystemState, times: Map<string, number>, createdAt: Map<string, number>, start: Date): Pod[] {
  const out: Pod[] = [];
  for (const { pod, group, node } of system.podGroups(state)) {
    const status = projectStatus(system.machines, pod, group, node);
    const stamp = (id: string) => new Date(start.getTime() + (times.get(id) ?? 0) * 1000).toISOString();
    for (const list of [status.initContainerStatuses ?? [], status.containerStatuses ?? []]) {
      for (const cs of list) {
        const id = group.find((g) => g.id.endsWith(`/${cs.name}`))?.id ?? '';
        if (cs.lastState?.terminated) cs.lastState.terminated.finishedAt = stamp(id);
        if (cs.state.terminated) cs.state.terminated.finishedAt = stamp(id);
      }
    }
    const created = new Date(start.getTime() + (createdAt.get(`Pod/${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`) ?? 0) * 1000);
    const withStatus: Pod = { ...pod, metadata: { ...pod.metadata, creationTimestamp: created.toISOString() }, status };
    out.push({ ...withStatus, status: { phase: podPhase(withStatus), ...status } });
  }
  return out;
}

